import DossierCore
import Foundation

/// The store-independent part of a push: given what the store already holds, decides each change's
/// outcome, the rows to insert and the merged records to write. Both stores run it inside their transaction.
struct PushPlan {
    /// A change to insert at a log position, with its canonical body.
    struct Row {
        var seq: Int64
        var change: Change
        var body: String
    }

    /// Outcomes in the order submitted.
    private(set) var outcomes: [PushOutcome] = []
    /// New log rows, in log order.
    private(set) var rows: [Row] = []
    /// Records whose merged state changed, with the state to write.
    private(set) var records: [RecordKey: RecordState] = [:]
    /// The team's log position after the push.
    private(set) var lastSeq: Int64

    /// Plans a push of changes with their canonical bodies: `stored` maps change ids already in the log to their
    /// bodies; `current` holds the merged state of every record the batch touches (absent when new).
    init(_ batch: EncodedChanges, lastSeq: Int64, stored: [String: String], current: [RecordKey: RecordState]) {
        self.lastSeq = lastSeq
        var known = stored
        var states = current
        for (change, body) in zip(batch.changes, batch.bodies) {
            let id = change.id.description
            if let existing = known[id] {
                outcomes.append(existing == body ? .alreadyHad : .idReused)
                continue
            }
            self.lastSeq += 1
            known[id] = body
            rows.append(Row(seq: self.lastSeq, change: change, body: body))
            let key = change.key
            let next = (states[key] ?? RecordState(key: key)).applying(change)
            states[key] = next
            records[key] = next
            outcomes.append(.accepted(seq: self.lastSeq))
        }
    }

    /// The distinct record keys a batch touches.
    static func keys(of changes: [Change]) -> [RecordKey] {
        Array(Set(changes.map(\.key))).sorted()
    }
}
