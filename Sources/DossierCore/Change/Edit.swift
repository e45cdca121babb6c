/// Builds the operation for a local edit from the record as this replica sees it, naming exactly the
/// versions the writer has seen, which is what makes "concurrent" decidable everywhere.
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

    /// Resolves a field's conflict with a value, superseding every candidate.
    public static func resolve(_ field: String, to value: JSONValue, in state: RecordState) throws -> ChangeOperation {
        guard case .contested(let register)? = state.fields[field], register.isConflicted else {
            throw Refusal(description: "\(field) has no open conflict on this record")
        }
        return .resolve(field: field, value: value, supersedes: Set(register.candidates.keys))
    }

    /// Adds an element to a set field.
    public static func add(_ element: String, to field: String, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .add(field: field, element: element)
    }

    /// Removes an element from a set field: the adds of it this replica has seen.
    public static func remove(_ element: String, from field: String, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        guard case .set(let set)? = state.fields[field], !set.liveTags(of: element).isEmpty else {
            throw Refusal(description: "'\(element)' is not in \(field)")
        }
        return .remove(field: field, element: element, tags: set.adds[element] ?? [])
    }

    /// Adds a sourced casualty claim.
    public static func addClaim(_ claim: CasualtyClaim, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .addClaim(claim)
    }

    /// Retracts a claim of the record (or reinstates it when `retracted` is false).
    public static func retract(_ claim: HLC, retracted: Bool = true, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        guard case .claims(let claims)? = state.fields["casualties"], claims.claims[claim] != nil else {
            throw Refusal(description: "the record has no claim \(claim)")
        }
        return .retractClaim(claim: claim, retracted: retracted)
    }

    /// Sets this author's entry of a per-author field (a grade).
    public static func setMine(_ field: String, to value: JSONValue, in state: RecordState) throws -> ChangeOperation {
        try requireAlive(state)
        return .setMine(field: field, value: value)
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
        switch state.fields[field] {
        case .contested(let register)?: Set(register.candidates.keys)
        case .lww(let register)?: register.winner.map { [$0.version] } ?? []
        default: []
        }
    }

    private static func requireAlive(_ state: RecordState) throws {
        if state.isDeleted {
            throw Refusal(description: "the record is deleted; restore it first to edit it")
        }
    }
}
