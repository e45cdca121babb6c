/// A whole replica's merged state: every record it has heard of.
public struct Dataset: Hashable, Sendable {
    /// Records by key.
    public private(set) var records: [RecordKey: RecordState] = [:]

    /// An empty dataset.
    public init() {}

    /// The merge of one change (pure; see `RecordState.applying`).
    public func applying(_ change: Change) -> Dataset {
        var next = self
        next.apply(change)
        return next
    }

    /// Merges one change in place.
    public mutating func apply(_ change: Change) {
        let key = change.key
        records[key] = (records[key] ?? RecordState(key: key)).applying(change)
    }

    /// Merges changes in place, in the order given (the result does not depend on it).
    public mutating func apply<S: Sequence>(contentsOf changes: S) where S.Element == Change {
        for change in changes { apply(change) }
    }

    /// Puts a record's merged state in place, as a bootstrap from a snapshot does; later changes merge into it.
    public mutating func insert(_ record: RecordState) {
        records[record.key] = record
    }

    /// The record with this key.
    public subscript(key: RecordKey) -> RecordState? { records[key] }

    /// True when an annotation's (or quote's) target is missing or deleted.
    public func isOrphan(_ record: RecordState) -> Bool {
        let target: String?
        switch record.key.entity {
        case .annotation: target = record.fields["target"]?.currentValue.stringValue
        default: return false
        }
        guard let target else { return false }
        let candidates = EntityKind.allCases.compactMap { records[RecordKey(entity: $0, id: target)] }
        return !candidates.contains { $0.creation != nil && !$0.isDeleted }
    }
}
