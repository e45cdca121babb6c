/// Builds the operation for a local edit from the record as this replica sees it, naming exactly the
/// versions the writer has seen, which is what makes "concurrent" decidable everywhere.
///
/// Edits of one merge kind only (resolve, add, remove, claims, grades) live beside their rule in `Merge/`.
public enum Edit {
    /// Why a local edit cannot be made.
    public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong and what to do.
        public var description: String

        /// Creates a refusal.
        public init(description: String) { self.description = description }
    }

    /// Sets a field, superseding every value of it on screen (an open conflict's candidates included).
    public static func set(_ field: String, to value: JSONValue, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .set(field: field, value: value, supersedes: seenVersions(of: field, in: state))
    }

    /// Deletes the record, naming everything this replica has seen of it.
    public static func delete(_ state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .delete(supersedes: state.allVersions)
    }

    /// Keeps a record whose deletion is in conflict (resolving the conflict for "keep").
    public static func restore(_ state: RecordState) throws -> ChangeOperation {
        let live = state.liveDeletions
        guard !live.isEmpty else { throw Refusal(description: "the record is not deleted") }
        return .restore(supersedes: Set(live.map(\.version)))
    }

    /// The versions of a field a writer sees now.
    public static func seenVersions(of field: String, in state: RecordState) -> Set<HLC> {
        state.fields[field]?.rule.seenVersions ?? []
    }

    static func requireAlive(_ state: RecordState) throws {
        if state.isDeleted {
            throw Refusal(description: "the record is deleted; restore it first to edit it")
        }
    }
}
