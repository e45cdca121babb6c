import DossierCore
import Foundation
import GRDB

/// What `dossier status` shows.
public struct ReplicaStatus: Sendable, Codable, Equatable {
    /// Local changes not yet stored by the server.
    public var pending: Int
    /// Pending changes the server refused, with why.
    public var rejected: [String: String]
    /// The log position pulled up to.
    public var cursor: Int64
    /// When the last sync finished (ms since 1970), if ever.
    public var lastSync: Int64?
    /// The server's clock minus this laptop's, in ms, at the last sync.
    public var clockOffset: Int64?
    /// Open conflicts.
    public var conflicts: Int
}

/// Outbox changes as stored: canonical JSON bodies, pushed without decoding them.
public struct OutboxBatch: Sendable {
    /// The change bodies, in the order they were made.
    public var bodies: [String]
    /// The last outbox position read (where the next batch starts).
    public var last: Int64
    /// How many changes the batch holds.
    public var count: Int { bodies.count }
}

extension Replica {
    /// Outbox changes after a position, at most `limit`, in the order they were made, with the last position read.
    public func outbox(after position: Int64 = 0, limit: Int) throws -> (changes: [Change], last: Int64) {
        let batch = try outboxBodies(after: position, limit: limit)
        return (try batch.bodies.map(ReplicaJSON.decodeChange), batch.last)
    }

    /// The stored bodies of outbox changes after a position, at most `limit`, in the order they were made.
    public func outboxBodies(after position: Int64 = 0, limit: Int) throws -> OutboxBatch {
        try writer.read { db in
            let rows = try OutboxRow.filter(OutboxRow.Columns.position > position).order(OutboxRow.Columns.position).limit(limit).fetchAll(db)
            return OutboxBatch(bodies: rows.map(\.body), last: rows.last?.position ?? position)
        }
    }

    /// How many local changes wait in the outbox (what `status().pending` says, without reading every record).
    public func pendingCount() throws -> Int {
        try writer.read { db in try OutboxRow.fetchCount(db) }
    }

    /// Takes a push's receipts: stored changes leave the outbox, refused ones stay and their reason is kept.
    public func settle(_ receipts: [Receipt]) throws {
        try writer.write { db in
            // Cached statements: a batch settles 500 receipts, and building each query again cost more than running it.
            let leaveOutbox = try db.cachedStatement(sql: "DELETE FROM \(OutboxRow.databaseTableName) WHERE change_id = ?")
            let forgetRejection = try db.cachedStatement(sql: "DELETE FROM \(RejectionRow.databaseTableName) WHERE change_id = ?")
            for receipt in receipts {
                switch receipt.status {
                case .accepted, .alreadyHad:
                    try leaveOutbox.execute(arguments: [receipt.id])
                    try forgetRejection.execute(arguments: [receipt.id])
                case .rejected:
                    try RejectionRow(changeID: receipt.id, code: receipt.code?.rawValue ?? "rejected", message: receipt.message ?? "",
                                     rejectedAt: wall()).upsert(db)
                }
            }
        }
    }

    /// Merges a pulled page and advances the cursor, in one transaction; changes already known are skipped.
    /// Returns how many were new here.
    @discardableResult
    public func apply(_ page: PullPage) throws -> Int {
        try writeFromServer { db in
            let merged = try Self.merge(try page.changes(), bodies: page.bodies, db)
            try SettingsTable.set("cursor", String(page.next), db)
            return merged
        }
    }

    /// One transaction of what came from the server, committed without an fsync of its own (synchronous NORMAL).
    /// After a power cut it is either on disk or fetched again, since the cursor moves in the same transaction
    /// (a bootstrap stores it after its last page); the next local edit's FULL commit syncs it along.
    /// Only in WAL mode: with a rollback journal NORMAL could corrupt the file, so there every commit stays FULL.
    func writeFromServer<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else { return try Self.committed(db, body) }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            let result: T
            do {
                result = try Self.committed(db, body)
            } catch {
                try? db.execute(sql: "PRAGMA synchronous = FULL")
                throw error
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return result
        }
    }

    private static func committed<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction {
            result = try body(db)
            return .commit
        }
        return result!
    }

    /// Starts from a snapshot: stores the packed states as they came and the cursor they include.
    public func bootstrap(_ states: [[UInt8]], cursor: Int64?) throws {
        try writeFromServer { db in
            let base = try db.cachedStatement(sql: "INSERT OR REPLACE INTO bases (entity, id, state) VALUES (?, ?, ?)")
            for state in states {
                let record = try RecordState(packed: state)
                let packed = Data(state)
                try Self.save(record, packed: packed, db)
                try base.execute(arguments: [record.key.entity.rawValue, record.key.id, packed])
            }
            if let cursor { try SettingsTable.set("cursor", String(cursor), db) }
        }
    }

    /// The log position pulled up to.
    public func cursor() throws -> Int64 {
        try writer.read { db in try SettingsTable.get("cursor", db).flatMap(Int64.init) ?? 0 }
    }

    /// Notes a finished sync and the server's clock.
    public func noteSync(serverTime: Int64?) throws {
        let now = wall()
        try writer.write { db in
            try SettingsTable.set("last_sync", String(now), db)
            if let serverTime { try SettingsTable.set("clock_offset", String(serverTime - now), db) }
        }
    }

    /// Pending changes, rejections, cursor, last sync, clock offset and open conflicts.
    public func status() throws -> ReplicaStatus {
        let conflicts = try dataset().conflicts.count
        return try writer.read { db in
            let rejections = try RejectionRow.fetchAll(db)
            return ReplicaStatus(pending: try OutboxRow.fetchCount(db),
                                 rejected: Dictionary(rejections.map { ($0.changeID, "\($0.code): \($0.message)") }) { a, _ in a },
                                 cursor: try SettingsTable.get("cursor", db).flatMap(Int64.init) ?? 0,
                                 lastSync: try SettingsTable.get("last_sync", db).flatMap(Int64.init),
                                 clockOffset: try SettingsTable.get("clock_offset", db).flatMap(Int64.init),
                                 conflicts: conflicts)
        }
    }

    /// Merges received changes with their canonical bodies: each new one is kept for history and folded into its
    /// record (`ChangeFold`, as the server's push does); the clock moves past them. Returns how many were new.
    @discardableResult
    static func merge(_ changes: [Change], bodies: [String], _ db: Database) throws -> Int {
        let lookup = try db.cachedStatement(sql: "SELECT 1 FROM changes WHERE change_id = ?")
        var known: [String: String?] = [:]
        for change in changes where try Int.fetchOne(lookup, arguments: [change.id.description]) != nil {
            known[change.id.description] = .some(nil)
        }
        var current: [RecordKey: RecordState] = [:]
        for key in ChangeFold.keys(of: changes) { current[key] = try Self.state(of: key, db) }
        var fold = ChangeFold(current: current, known: known)
        for (change, body) in zip(changes, bodies) { fold.fold(change, body: body) }
        let insert = try db.cachedStatement(sql: "INSERT INTO changes (change_id, entity, record, version, body, local) VALUES (?, ?, ?, ?, ?, 0)")
        for (change, body) in fold.applied {
            try insert.execute(arguments: [change.id.description, change.entity.rawValue, change.record, change.version.description, body])
        }
        for (key, state) in fold.changed { try save(state, db, isNew: current[key] == nil) }
        if let latest = fold.latest, try SettingsTable.get("clock", db).flatMap(HLC.init).map({ latest > $0 }) ?? true {
            try SettingsTable.set("clock", latest.description, db)
        }
        return fold.applied.count
    }
}
