import DossierCore
import DossierTrust

/// The primitive steps a store offers a push. `SyncStore.push` is written once above them (`SyncStore+Push.swift`).
public protocol PushSteps: Sendable {
    /// The team's log position and the chain's hash there; a store that can lock it holds the lock until the push ends.
    func head(team: Int64) async throws -> LogPosition
    /// The stored bodies of the changes among `ids` that the team's log already holds, by change id.
    func storedBodies(ids: [String], team: Int64) async throws -> [String: String]
    /// The merged states of the records among `keys` that the team has.
    func states(of keys: [RecordKey], team: Int64) async throws -> [RecordKey: RecordState]
    /// Appends the new log rows, writes the merged records and moves the head, all at once;
    /// throws `PushConflict` when the head is no longer `writes.base` (a store that does not lock it).
    func commit(_ writes: PushWrites, team: Int64, receivedAt: Int64) async throws
}

/// What one push writes: new log rows at positions after `base`, and the merged state of each record they touch.
public struct PushWrites: Sendable {
    /// A new log row.
    public struct Row: Sendable {
        /// Its log position.
        public var seq: Int64
        /// The change.
        public var change: Change
        /// Its canonical body, stored and served as is.
        public var body: String
        /// The log's hash after this entry (`TeamLog.entryHash`).
        public var hash: LogHash
    }

    /// The head the push read.
    public var base: Int64
    /// The new rows, in log order.
    public var rows: [Row]
    /// The merged records to write, by key.
    public var records: [RecordKey: RecordState]

    /// The head after the push.
    public var head: Int64 { rows.last?.seq ?? base }
}

/// A position in a team's log and the chain's hash there (`TeamLog.emptyHead` at 0).
public struct LogPosition: Sendable, Equatable {
    /// The number of entries.
    public var seq: Int64
    /// The hash after entry `seq`.
    public var hash: LogHash
}

/// The team's head moved between a push's read and its commit; the push is planned again.
public struct PushConflict: Error, Sendable {}
