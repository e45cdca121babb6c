import DossierCore
import DossierTrust
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The store for teams that outgrow one machine: PostgreSQL through postgres-nio. Several stateless
/// servers can share one database; pushes of one team are serialised by a row lock on the team, so the
/// log's positions become visible in order and a pull's cursor never skips a change.
public struct PostgresStore: SyncStore {
    /// The connection pool; it must be running (`client.run()`) while the store is used.
    let client: PostgresClient
    let logger: Logger
    /// This server's copies of whole evidence files (`serve --blob-cache`), if it keeps any.
    let blobCache: BlobCache?

    /// A store over a running client; with `blobCache`, a folder where this server keeps copies of whole evidence files.
    public init(client: PostgresClient, logger: Logger, blobCache: String? = nil) {
        self.client = client
        self.logger = logger
        self.blobCache = blobCache.map { BlobCache(root: $0) }
    }

    /// Runs a body in one transaction; a store error or push conflict thrown inside comes out as itself, not wrapped.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { conn in try await body(conn) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? StoreError { throw inner }
            if let inner = error.closureError as? PushConflict { throw inner }
            throw error
        }
    }

    public func migrate() async throws {
        try await transaction { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(7407277)", logger: logger)
            try await conn.query("CREATE TABLE IF NOT EXISTS dossier_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
            var applied = Set<String>()
            for try await name in try await conn.query("SELECT name FROM dossier_migrations", logger: logger).decode(String.self) {
                applied.insert(name)
            }
            for (name, statements) in Self.migrations where !applied.contains(name) {
                for statement in statements { try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await conn.query("INSERT INTO dossier_migrations (name, applied_at) VALUES (\(name), \(StoreClock.now()))", logger: logger)
            }
        }
    }

    public func withPushSteps<T: Sendable>(_ body: @Sendable (any PushSteps) async throws -> T) async throws -> T {
        try await transaction { conn in try await body(PostgresPushSteps(conn: conn, logger: logger)) }
    }

    public func log(team: Int64, after: Int64, limit: Int) async throws -> PullPage {
        let rows = try await client.query(
            "SELECT seq, body FROM changes WHERE team_id = \(team) AND seq > \(after) ORDER BY seq LIMIT \(limit)", logger: logger)
        var bodies: [String] = []
        bodies.reserveCapacity(limit)
        var next = after
        for try await (seq, body) in rows.decode((Int64, String).self) {
            bodies.append(body)
            next = seq
        }
        return PullPage(bodies: bodies, next: next, more: bodies.count == limit)
    }

    public func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage {
        let start = after.flatMap(SnapshotPage.key(after:))
        let entity = start?.entity.rawValue ?? ""
        let id = start?.id ?? ""
        let cursor = try await head(team: team)
        let rows = try await client.query("""
            SELECT entity, id, state FROM records WHERE team_id = \(team) AND (entity COLLATE "C", id COLLATE "C") > (\(entity), \(id))
            ORDER BY entity COLLATE "C", id COLLATE "C" LIMIT \(limit)
            """, logger: logger)
        var states: [[UInt8]] = []
        var lastKey: RecordKey?
        for try await (entity, id, state) in rows.decode((String, String, ByteBuffer).self) {
            lastKey = EntityKind(rawValue: entity).map { RecordKey(entity: $0, id: id) }
            states.append(Array(buffer: state))
        }
        return SnapshotPage.reading(states: states, lastKey: lastKey, cursor: cursor, limit: limit)
    }

    public func head(team: Int64) async throws -> Int64 {
        for try await seq in try await client.query("SELECT last_seq FROM teams WHERE id = \(team)", logger: logger).decode(Int64.self) {
            return seq
        }
        return 0
    }
}
