import DossierCore
import Foundation
import PostgresNIO

extension PostgresStore {
    public func activity(team: Int64, since: Int64) async throws -> [ActivityCount] {
        let rows = try await client.query("""
            SELECT to_char(to_timestamp(received_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, author, entity, count(*)
            FROM changes WHERE team_id = \(team) AND received_at >= \(since)
            GROUP BY day, author, entity ORDER BY day DESC, author, entity
            """, logger: logger)
        var counts: [ActivityCount] = []
        for try await (day, author, entity, count) in rows.decode((String, String, String, Int64).self) {
            counts.append(ActivityCount(day: day, author: author, entity: entity, changes: Int(count)))
        }
        return counts
    }

    public func changes(of key: RecordKey, team: Int64) async throws -> [Change] {
        let rows = try await client.query("""
            SELECT body FROM changes WHERE team_id = \(team) AND entity = \(key.entity.rawValue) AND record = \(key.id) ORDER BY seq
            """, logger: logger)
        let decoder = JSONDecoder()
        var changes: [Change] = []
        for try await body in rows.decode(String.self) { changes.append(try decoder.decode(Change.self, from: Data(body.utf8))) }
        return changes
    }

    public func records(team: Int64, updatedAfter after: Int64) async throws -> [[UInt8]] {
        var states: [[UInt8]] = []
        let rows = try await client.query("SELECT state FROM records WHERE team_id = \(team) AND updated_seq > \(after)", logger: logger)
        for try await state in rows.decode(ByteBuffer.self) { states.append(Array(buffer: state)) }
        return states
    }
}
