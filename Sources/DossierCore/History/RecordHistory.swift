/// A record's history: every change to it, in clock order, with the field's value before and after.
public struct RecordHistory: Sendable {
    /// One change as history shows it.
    public struct Entry: Hashable, Sendable, Codable {
        /// The change's id.
        public var change: ChangeID
        /// When, on the hybrid logical clock (which carries wall time and the replica).
        public var version: HLC
        /// Who made it.
        public var author: String
        /// The replica it was made on.
        public var replica: String
        /// What it did (`create`, `set`, `add`, …).
        public var op: String
        /// The field it touched, if one.
        public var field: String?
        /// The field's value just before (in clock order), or the deletion status for `delete`/`restore`.
        public var old: JSONValue
        /// The field's value just after.
        public var new: JSONValue
    }

    /// The entries, oldest first.
    public let entries: [Entry]

    /// Replays a record's changes (any order, duplicates ignored) into its history.
    public init(of key: RecordKey, changes: [Change]) {
        var seen = Set<ChangeID>()
        let ordered = changes.filter { $0.key == key && seen.insert($0.id).inserted }.sorted { $0.version < $1.version }
        var state = RecordState(key: key)
        var entries: [Entry] = []
        for change in ordered {
            let field = change.operation.field
            let before = RecordHistory.value(of: field, in: state)
            state = state.applying(change)
            let after = RecordHistory.value(of: field, in: state)
            entries.append(Entry(change: change.id, version: change.version, author: change.author,
                                 replica: change.version.replica.rawValue, op: change.operation.name, field: field,
                                 old: before, new: after))
        }
        self.entries = entries
    }

    private static func value(of field: String?, in state: RecordState) -> JSONValue {
        guard let field else {
            if state.creation == nil { return .null }
            return state.isDeleted ? "deleted" : "present"
        }
        return state.fields[field]?.currentValue ?? .null
    }
}
