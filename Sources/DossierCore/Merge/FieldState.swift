/// The merge state of one field: one case per merge kind.
public enum FieldState: Hashable, Sendable, Codable {
    case immutable(ImmutableValue)
    case lww(LWWRegister)
    case contested(ContestedRegister)
    case set(AddWinsSet)
    case claims(ClaimSet)
    case perAuthor(PerAuthorMap)

    /// An empty state for a merge kind.
    public static func empty(_ kind: MergeKind) -> FieldState {
        switch kind {
        case .immutable: .immutable(ImmutableValue())
        case .lww: .lww(LWWRegister())
        case .contested: .contested(ContestedRegister())
        case .set: .set(AddWinsSet())
        case .claims: .claims(ClaimSet())
        case .perAuthor: .perAuthor(PerAuthorMap())
        }
    }

    /// The field's current value as a researcher sees it (sets sorted, per-author entries by author).
    public var currentValue: JSONValue {
        switch self {
        case .immutable(let register): register.write?.value ?? .null
        case .lww(let register): register.winner?.value ?? .null
        case .contested(let register): register.winner?.value ?? .null
        case .set(let set): .array(set.elements.map(JSONValue.string))
        case .claims(let claims): .array(claims.sortedEntries.map { ClaimSet.json($0, retracted: claims.isRetracted($0.id)) })
        case .perAuthor(let map): .object(map.values)
        }
    }

    /// The version of the current value, where the field has a single one.
    public var currentVersion: HLC? {
        switch self {
        case .immutable(let register): register.write?.version
        case .lww(let register): register.winner?.version
        case .contested(let register): register.winner?.version
        case .set, .claims, .perAuthor: nil
        }
    }
}

extension ClaimSet {
    /// A claim as JSON, with its id, author and retraction flag.
    static func json(_ entry: Entry, retracted: Bool) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(entry.id.description), "author": .string(entry.author),
            "kind": .string(entry.claim.kind), "low": .int(entry.claim.low), "high": .int(entry.claim.high),
            "qualifier": .string(entry.claim.qualifier), "source": .string(entry.claim.source),
            "retracted": .bool(retracted),
        ]
        object["note"] = entry.claim.note.map(JSONValue.string) ?? .null
        return .object(object)
    }
}
