/// What one change does to one record.
public enum ChangeOperation: Hashable, Sendable {
    /// Creates the record with its initial field values (not claims: those are added one by one).
    case create(fields: [String: JSONValue])
    /// Sets an `lww` or `contested` field, naming the versions of it the writer had seen.
    case set(field: String, value: JSONValue, supersedes: Set<HLC>)
    /// Resolves a conflict on a field: a set that names every candidate it supersedes.
    case resolve(field: String, value: JSONValue, supersedes: Set<HLC>)
    /// Adds an element to a `set` field; the change's version tags this add.
    case add(field: String, element: String)
    /// Removes an element from a `set` field: the adds (by tag) the writer had seen.
    case remove(field: String, element: String, tags: Set<HLC>)
    /// Appends a casualty claim to a `claims` field; the change's version is the claim's id.
    case addClaim(field: String, claim: CasualtyClaim)
    /// Retracts (or reinstates) a claim of a `claims` field by id; the flag is `lww`.
    case retractClaim(field: String, claim: HLC, retracted: Bool)
    /// Sets (or, with `null`, withdraws) the author's own entry of a `per-author` field.
    case setMine(field: String, value: JSONValue)
    /// Deletes the record (a tombstone), naming every version of it the writer had seen.
    case delete(supersedes: Set<HLC>)
    /// Keeps a record whose deletion is in conflict: supersedes those deletions.
    case restore(supersedes: Set<HLC>)

    /// The short name used in JSON (`op`) and in history.
    public var name: String {
        switch self {
        case .create: "create"
        case .set: "set"
        case .resolve: "resolve"
        case .add: "add"
        case .remove: "remove"
        case .addClaim: "claim"
        case .retractClaim: "retract"
        case .setMine: "mine"
        case .delete: "delete"
        case .restore: "restore"
        }
    }

    /// The field the operation touches, if it touches one.
    public var field: String? {
        switch self {
        case .set(let field, _, _), .resolve(let field, _, _), .add(let field, _), .remove(let field, _, _),
             .setMine(let field, _), .addClaim(let field, _), .retractClaim(let field, _, _):
            field
        case .create, .delete, .restore: nil
        }
    }
}
