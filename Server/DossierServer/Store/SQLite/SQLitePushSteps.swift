import DossierCore
import DossierTrust
import Foundation
import GRDB

/// A push's steps on the SQLite store: reads from the latest commit, and one write transaction that checks the
/// head has not moved. Cached statements with plain arguments: the hot path skips record encoding and SQL generation.
struct SQLitePushSteps: PushSteps {
    let pool: DatabasePool

    func head(team: Int64) async throws -> LogPosition {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT last_seq, head_hash FROM teams WHERE id = ?"), arguments: [team]) else {
                throw StoreError.notFound("team")
            }
            let hash: String? = row[1]
            return LogPosition(seq: row[0], hash: hash.flatMap(LogHash.init(hex:)) ?? TeamLog.emptyHead)
        }
    }

    func storedBodies(ids: [String], team: Int64) async throws -> [String: String] {
        try await pool.read { db in
            let lookup = try db.cachedStatement(sql: "SELECT body FROM changes WHERE team_id = ? AND change_id = ?")
            var stored: [String: String] = [:]
            for id in ids {
                if let body = try String.fetchOne(lookup, arguments: [team, id]) { stored[id] = body }
            }
            return stored
        }
    }

    func states(of keys: [RecordKey], team: Int64) async throws -> [RecordKey: RecordState] {
        try await pool.read { db in
            let read = try db.cachedStatement(sql: "SELECT state FROM records WHERE team_id = ? AND entity = ? AND id = ?")
            var current: [RecordKey: RecordState] = [:]
            for key in keys {
                if let state = try Data.fetchOne(read, arguments: [team, key.entity.rawValue, key.id]) {
                    current[key] = try RecordState(packed: Array(state))
                }
            }
            return current
        }
    }

    func commit(_ writes: PushWrites, team: Int64, receivedAt: Int64) async throws {
        try await pool.write { db in
            guard try Self.head(team: team, db) == writes.base else { throw PushConflict() }
            let insert = try db.cachedStatement(sql: """
                INSERT INTO changes (team_id, seq, change_id, entity, record, author, body, received_at, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for row in writes.rows {
                try insert.execute(arguments: [team, row.seq, row.change.id.description, row.change.entity.rawValue, row.change.record,
                                               row.change.author, row.body, receivedAt, row.hash.description])
            }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO records (team_id, entity, id, state, updated_seq) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (team_id, entity, id) DO UPDATE SET state = excluded.state, updated_seq = excluded.updated_seq
                """)
            for (key, state) in writes.records {
                try upsert.execute(arguments: [team, key.entity.rawValue, key.id, Data(state.packed()), writes.head])
            }
            try db.cachedStatement(sql: "UPDATE teams SET last_seq = ?, head_hash = ? WHERE id = ?")
                .execute(arguments: [writes.head, writes.rows.last?.hash.description, team])
        }
    }

    private static func head(team: Int64, _ db: Database) throws -> Int64 {
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT last_seq FROM teams WHERE id = ?"), arguments: [team]) else {
            throw StoreError.notFound("team")
        }
        return seq
    }
}
