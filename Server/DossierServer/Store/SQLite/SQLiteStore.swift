import DossierCore
import DossierTrust
import Foundation
import GRDB

/// The default store: one SQLite file in WAL mode, through GRDB.
public struct SQLiteStore: SyncStore {
    /// The pool: one writer, concurrent readers.
    let pool: DatabasePool
    /// Pushes in this process take turns; a push from another process is caught at commit.
    let pushLock = AsyncLock()
    /// The folder beside the store file that keeps the teams' evidence files.
    let blobFolder: BlobFolder

    /// Opens (creating if needed) the store at a path; call `migrate()` before use.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        blobFolder = BlobFolder(root: path + "-blobs")
    }

    public func migrate() async throws {
        try Self.migrator.migrate(pool)
    }

    public func withPushSteps<T: Sendable>(_ body: @Sendable (any PushSteps) async throws -> T) async throws -> T {
        try await pushLock.withLock { try await body(SQLitePushSteps(pool: pool)) }
    }

    public func log(team: Int64, after: Int64, limit: Int) async throws -> PullPage {
        try await pool.read { db in
            let statement = try db.cachedStatement(sql: "SELECT seq, body FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?")
            var bodies: [String] = []
            bodies.reserveCapacity(limit)
            var next = after
            let cursor = try Row.fetchCursor(statement, arguments: [team, after, limit])
            while let row = try cursor.next() {
                next = row[0]
                bodies.append(row[1])
            }
            return PullPage(bodies: bodies, next: next, more: bodies.count == limit)
        }
    }

    public func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage {
        let start = after.flatMap(SnapshotPage.key(after:))
        return try await pool.read { db in
            let cursor = try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0
            // A row-value comparison walks the primary key from the cursor instead of from the team's first record.
            let statement = try db.cachedStatement(sql: """
                SELECT entity, id, state FROM records WHERE team_id = ? AND (entity, id) > (?, ?) ORDER BY entity, id LIMIT ?
                """)
            var states: [[UInt8]] = []
            var last: (entity: String, id: String)?
            let rows = try Row.fetchCursor(statement, arguments: [team, start?.entity.rawValue ?? "", start?.id ?? "", limit])
            while let row = try rows.next() {
                last = (row[0], row[1])
                states.append(Array(row[2] as Data))
            }
            let lastKey = last.flatMap { last in EntityKind(rawValue: last.entity).map { RecordKey(entity: $0, id: last.id) } }
            return SnapshotPage.reading(states: states, lastKey: lastKey, cursor: cursor, limit: limit)
        }
    }

    public func head(team: Int64) async throws -> Int64 {
        try await pool.read { db in try TeamRow.fetchOne(db, key: team)?.lastSeq ?? 0 }
    }

}
