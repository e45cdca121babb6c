import GRDB

extension SQLiteStore {
    /// Reads the schema table through the pool, so a file that has become unreadable fails the ping.
    public func ping() async throws {
        _ = try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
    }
}
