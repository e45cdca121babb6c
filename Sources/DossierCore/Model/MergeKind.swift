/// How concurrent writes to one field are merged (SPEC §2). Each kind's behaviour is one `MergeRule` in `Merge/`.
public enum MergeKind: String, Codable, Sendable, CaseIterable {
    /// Set at creation and never changed: `ImmutableValue`.
    case immutable
    /// Last writer wins by (HLC, replica id): `LWWRegister`.
    case lww
    /// Winner shown, concurrent losers kept as an open conflict: `ContestedRegister`.
    case contested
    /// Add-wins set: `AddWinsSet`.
    case set
    /// Append-only sourced claims with an lww retraction flag: `ClaimSet`.
    case claims
    /// One lww entry per author: `PerAuthorMap`.
    case perAuthor = "per-author"

    /// The rule that implements the kind.
    public var rule: any MergeRule.Type {
        switch self {
        case .immutable: ImmutableValue.self
        case .lww: LWWRegister.self
        case .contested: ContestedRegister.self
        case .set: AddWinsSet.self
        case .claims: ClaimSet.self
        case .perAuthor: PerAuthorMap.self
        }
    }
}
