import GRDB

extension SQLiteStore {
    public func activity(team: Int64, since: Int64) async throws -> [ActivityCount] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT date(received_at / 1000, 'unixepoch') AS day, author, entity, count(*) FROM changes
                WHERE team_id = ? AND received_at >= ? GROUP BY day, author, entity ORDER BY day DESC, author, entity
                """, arguments: [team, since]).map { ActivityCount(day: $0[0], author: $0[1], entity: $0[2], changes: $0[3]) }
        }
    }
}
