import DossierCore
import GRDB

/// Outbox changes as stored: canonical JSON bodies, pushed without decoding them.
public struct OutboxBatch: Sendable {
    /// The change bodies, in the order they were made.
    public var bodies: [String]
    /// The last outbox position read (where the next batch starts).
    public var last: Int64
    /// How many changes the batch holds.
    public var count: Int { bodies.count }
}

extension ReplicaStore {
    /// The stored bodies of outbox changes after a position, at most `limit`, in the order they were made.
    func outboxBodies(after position: Int64, limit: Int) throws -> OutboxBatch {
        let rows = try OutboxRow.filter(OutboxRow.Columns.position > position).order(OutboxRow.Columns.position).limit(limit).fetchAll(db)
        return OutboxBatch(bodies: rows.map(\.body), last: rows.last?.position ?? position)
    }

    /// How many local changes wait in the outbox.
    func outboxCount() throws -> Int {
        try OutboxRow.fetchCount(db)
    }

    /// Queues a colleague's change, merged here from a relay folder, to be pushed at the next sync.
    func queueRelayed(_ change: Change, body: String) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO outbox (change_id, body) VALUES (?, ?)").execute(arguments: [change.id.description, body])
    }

    /// Every waiting change, in the order they were made.
    func outboxChanges() throws -> [Change] {
        try OutboxRow.order(OutboxRow.Columns.position).fetchAll(db).map { try ReplicaJSON.decodeChange($0.body) }
    }

    /// The waiting changes among `ids`, in the order they were made.
    func outboxChanges(_ ids: Set<String>) throws -> [Change] {
        try OutboxRow.filter(ids.contains(OutboxRow.Columns.changeID)).order(OutboxRow.Columns.position).fetchAll(db)
            .map { try ReplicaJSON.decodeChange($0.body) }
    }

    /// Replaces a waiting change (same id) by its re-stamped form, in the outbox and in history, and forgets its rejection.
    func replaceOutboxChange(with change: Change) throws {
        let id = change.id.description
        let body = ReplicaJSON.encode(change)
        try db.execute(sql: "UPDATE outbox SET body = ? WHERE change_id = ?", arguments: [body, id])
        try db.execute(sql: "UPDATE changes SET body = ?, version = ? WHERE change_id = ?", arguments: [body, change.version.description, id])
        try RejectionRow.deleteOne(db, key: id)
    }

    /// Takes a push's receipts: stored changes leave the outbox, refused ones stay and their reason is kept (at `time`).
    func settle(_ receipts: [Receipt], at time: Int64) throws {
        // Cached statements: a batch settles 500 receipts, and building each query again cost more than running it.
        let leaveOutbox = try db.cachedStatement(sql: "DELETE FROM outbox WHERE change_id = ?")
        let forgetRejection = try db.cachedStatement(sql: "DELETE FROM rejections WHERE change_id = ?")
        for receipt in receipts {
            switch receipt.status {
            case .accepted, .alreadyHad:
                try leaveOutbox.execute(arguments: [receipt.id])
                try forgetRejection.execute(arguments: [receipt.id])
            case .rejected:
                try RejectionRow(changeID: receipt.id, code: receipt.code?.rawValue ?? "rejected", message: receipt.message ?? "",
                                 rejectedAt: time).upsert(db)
            }
        }
    }

    /// The refused outbox changes: change id → "code: message".
    func rejections() throws -> [String: String] {
        Dictionary(try RejectionRow.fetchAll(db).map { ($0.changeID, "\($0.code): \($0.message)") }) { first, _ in first }
    }
}
