/// How concurrent writes to one field are merged (SPEC §2). Each kind has one pure merge type in `Merge/`.
public enum MergeKind: String, Codable, Sendable {
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
}
