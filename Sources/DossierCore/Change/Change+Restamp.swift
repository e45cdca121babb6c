/// Re-stamping: a change that no one else has stored yet may get a new version (a laptop whose clock was
/// days ahead), as long as every reference to the old version moves with it.
extension Change {
    /// The change with a new version and its references to re-stamped versions renamed.
    public func restamped(to version: HLC, renaming map: [HLC: HLC]) -> Change {
        var change = self
        change.version = version
        change.operation = operation.renaming(map)
        return change
    }
}

extension ChangeOperation {
    /// The operation with every version it names (superseded writes, set tags, claim ids) renamed by `map`.
    public func renaming(_ map: [HLC: HLC]) -> ChangeOperation {
        func rename(_ versions: Set<HLC>) -> Set<HLC> { Set(versions.map { map[$0] ?? $0 }) }
        switch self {
        case .create, .add, .addClaim, .setMine:
            return self
        case .set(let field, let value, let supersedes):
            return .set(field: field, value: value, supersedes: rename(supersedes))
        case .resolve(let field, let value, let supersedes):
            return .resolve(field: field, value: value, supersedes: rename(supersedes))
        case .remove(let field, let element, let tags):
            return .remove(field: field, element: element, tags: rename(tags))
        case .retractClaim(let field, let claim, let retracted):
            return .retractClaim(field: field, claim: map[claim] ?? claim, retracted: retracted)
        case .delete(let supersedes):
            return .delete(supersedes: rename(supersedes))
        case .restore(let supersedes):
            return .restore(supersedes: rename(supersedes))
        }
    }
}
