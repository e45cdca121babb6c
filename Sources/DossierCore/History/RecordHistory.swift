import Foundation

/// A record's history: every change to it, in clock order, with the field's value before and after, the value its
/// author had seen, the value it wrote, and the writes it was concurrent with.
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
        /// For `set` and `resolve`: the values at the versions the change names as seen, oldest first (empty: none).
        public var seen: [JSONValue]?
        /// What the change itself wrote: the value, the element, the claim, the retraction, the author's own entry.
        public var written: JSONValue?
        /// The writes of the same field that this one had not seen and that had not seen it, oldest first.
        public var concurrentWith: [Concurrent]

        enum CodingKeys: String, CodingKey {
            case change, version, author, replica, op, field, old, new, seen, written
            case concurrentWith = "concurrent_with"
        }
    }

    /// A write that neither saw nor was seen by an entry's write.
    public struct Concurrent: Hashable, Sendable, Codable {
        /// The other change.
        public var change: ChangeID
        /// Its version.
        public var version: HLC
        /// Its author.
        public var author: String
    }

    /// The entries, oldest first.
    public let entries: [Entry]

    /// Replays a record's changes (any order, duplicates ignored) into its history.
    public init(of key: RecordKey, changes: [Change]) {
        var seen = Set<ChangeID>()
        let ordered = changes.filter { $0.key == key && seen.insert($0.id).inserted }.sorted { $0.version < $1.version }
        let writes = FieldWrites(ordered, entity: key.entity)
        var state = RecordState(key: key)
        var entries: [Entry] = []
        for change in ordered {
            let field = change.operation.field
            let before = RecordHistory.value(of: field, in: state)
            state = state.applying(change)
            let after = RecordHistory.value(of: field, in: state)
            entries.append(Entry(change: change.id, version: change.version, author: change.author,
                                 replica: change.version.replica.rawValue, op: change.operation.name, field: field,
                                 old: before, new: after, seen: writes.seen(by: change),
                                 written: RecordHistory.written(by: change.operation),
                                 concurrentWith: writes.concurrent(with: change)))
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

    /// What an operation writes, in JSON (`nil` for a deletion or a restore, which write no value).
    static func written(by operation: ChangeOperation) -> JSONValue? {
        switch operation {
        case .create(let fields): .object(fields)
        case .set(_, let value, _), .resolve(_, let value, _), .setMine(_, let value): value
        case .add(_, let element), .remove(_, let element, _): .string(element)
        case .addClaim(_, let claim): (try? JSONDecoder().decode(JSONValue.self, from: CanonicalJSON.encode(claim))) ?? .null
        case .retractClaim(_, let claim, let retracted): .object(["claim": .string(claim.description), "retracted": .bool(retracted)])
        case .delete, .restore: nil
        }
    }
}
