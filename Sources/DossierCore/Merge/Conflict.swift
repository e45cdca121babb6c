/// An open conflict: a field (or the record's deletion) with candidates that had not seen each other.
public struct Conflict: Hashable, Sendable, Codable {
    /// One side of a conflict.
    public struct Candidate: Hashable, Sendable, Codable {
        /// The value proposed (`"deleted"` or `"edited"` for a deletion conflict).
        public var value: JSONValue
        /// Who wrote it.
        public var author: String
        /// The replica it was written on.
        public var replica: String
        /// Its version (which carries the time).
        public var version: HLC
    }

    /// The record in conflict.
    public var record: RecordKey
    /// The field in conflict, or `deleted` when a deletion met a concurrent edit.
    public var field: String
    /// The candidates, the one shown now first.
    public var candidates: [Candidate]

    /// The pseudo-field name of deletion conflicts.
    public static let deletionField = "deleted"
}

extension Conflict.Candidate {
    init(_ write: Write) {
        self.init(value: write.value, author: write.author, replica: write.version.replica.rawValue, version: write.version)
    }
}

extension RecordState {
    /// The record's open conflicts, deletion first, then fields by name.
    public var conflicts: [Conflict] {
        var result: [Conflict] = []
        if case .contested(let deletions, let edits) = deletionStatus {
            let sides = deletions.map { Write(value: .string("deleted"), version: $0.version, author: $0.author) } + edits
            result.append(Conflict(record: key, field: Conflict.deletionField, candidates: sides.map(Conflict.Candidate.init)))
        }
        for (name, state) in fields.sorted(by: { $0.key < $1.key }) {
            let candidates = state.rule.conflictCandidates
            if candidates.count > 1 { result.append(Conflict(record: key, field: name, candidates: candidates.map(Conflict.Candidate.init))) }
        }
        return result
    }
}

extension Dataset {
    /// Every open conflict, by record key.
    public var conflicts: [Conflict] {
        records.keys.sorted().flatMap { records[$0]!.conflicts }
    }
}
