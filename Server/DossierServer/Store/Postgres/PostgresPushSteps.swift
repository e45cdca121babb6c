import DossierCore
import DossierTrust
import Logging
import NIOCore
import PostgresNIO

/// A push's steps on the PostgreSQL store, in one transaction: reading the head locks the team's row, so pushes
/// of one team are serialised and log positions become visible in order.
struct PostgresPushSteps: PushSteps {
    let conn: PostgresConnection
    let logger: Logger

    func head(team: Int64) async throws -> LogPosition {
        for try await (seq, hash) in try await conn.query("SELECT last_seq, head_hash FROM teams WHERE id = \(team) FOR UPDATE", logger: logger)
            .decode((Int64, String?).self) { return LogPosition(seq: seq, hash: hash.flatMap(LogHash.init(hex:)) ?? TeamLog.emptyHead) }
        throw StoreError.notFound("team")
    }

    func storedBodies(ids: [String], team: Int64) async throws -> [String: String] {
        var stored: [String: String] = [:]
        let rows = try await conn.query("SELECT change_id, body FROM changes WHERE team_id = \(team) AND change_id = ANY(\(ids))", logger: logger)
        for try await (id, body) in rows.decode((String, String).self) { stored[id] = body }
        return stored
    }

    func states(of keys: [RecordKey], team: Int64) async throws -> [RecordKey: RecordState] {
        var current: [RecordKey: RecordState] = [:]
        let rows = try await conn.query("""
            SELECT r.entity, r.id, r.state FROM records r
            JOIN unnest(\(keys.map(\.entity.rawValue))::text[], \(keys.map(\.id))::text[]) AS k(entity, id)
              ON r.entity = k.entity AND r.id = k.id
            WHERE r.team_id = \(team)
            """, logger: logger)
        for try await (entity, id, state) in rows.decode((String, String, ByteBuffer).self) {
            guard let kind = EntityKind(rawValue: entity) else { continue }
            current[RecordKey(entity: kind, id: id)] = try RecordState(packed: Array(buffer: state))
        }
        return current
    }

    func commit(_ writes: PushWrites, team: Int64, receivedAt: Int64) async throws {
        let rows = writes.rows
        try await conn.query("""
            INSERT INTO changes (team_id, seq, change_id, entity, record, author, body, received_at, entry_hash)
            SELECT \(team), u.seq, u.change_id, u.entity, u.record, u.author, u.body, \(receivedAt), u.entry_hash
            FROM unnest(\(rows.map(\.seq))::bigint[], \(rows.map { $0.change.id.description })::text[],
                        \(rows.map { $0.change.entity.rawValue })::text[], \(rows.map(\.change.record))::text[],
                        \(rows.map(\.change.author))::text[], \(rows.map(\.body))::text[], \(rows.map(\.hash.description))::text[])
                 AS u(seq, change_id, entity, record, author, body, entry_hash)
            """, logger: logger)
        let keys = writes.records.keys.sorted()
        let states = keys.map { ByteBuffer(bytes: writes.records[$0]!.packed()) }
        try await conn.query("""
            INSERT INTO records (team_id, entity, id, state, updated_seq)
            SELECT \(team), u.entity, u.id, u.state, \(writes.head)
            FROM unnest(\(keys.map(\.entity.rawValue))::text[], \(keys.map(\.id))::text[], \(states)::bytea[]) AS u(entity, id, state)
            ON CONFLICT (team_id, entity, id) DO UPDATE SET state = EXCLUDED.state, updated_seq = EXCLUDED.updated_seq
            """, logger: logger)
        try await conn.query("UPDATE teams SET last_seq = \(writes.head), head_hash = \(rows.last?.hash.description) WHERE id = \(team)", logger: logger)
    }
}
