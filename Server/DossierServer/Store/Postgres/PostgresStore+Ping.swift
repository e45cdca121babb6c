import PostgresNIO

extension PostgresStore {
    /// `SELECT 1` through the client's pool: a round trip to the database server.
    public func ping() async throws {
        _ = try await client.query("SELECT 1", logger: logger).collect()
    }
}
