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
}
