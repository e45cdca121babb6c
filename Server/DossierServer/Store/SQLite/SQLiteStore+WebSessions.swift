import DossierCore
import GRDB

extension SQLiteStore {
    public func createWebSession(idHash: String, selector: String, at time: Int64, expiresAt: Int64) async throws {
        try await pool.write { db in
            guard let user = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE token_selector = ? AND revoked_at IS NULL",
                                                arguments: [selector]) else { throw StoreError.notFound("active token") }
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at <= ?", arguments: [time])
            try db.execute(sql: """
                INSERT INTO web_sessions (id_hash, user_id, token_selector, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [idHash, user, selector, time, expiresAt])
        }
    }

    public func webSession(idHash: String, now: Int64) async throws -> Member? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT u.name, u.team_id, t.name, u.role FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN teams t ON t.id = u.team_id
                WHERE s.id_hash = ? AND s.expires_at > ? AND u.revoked_at IS NULL AND u.token_selector = s.token_selector
                """, arguments: [idHash, now]), let role = Role(rawValue: row[3]) else { return nil }
            return Member(name: row[0], teamID: row[1], team: row[2], role: role)
        }
    }

    public func deleteWebSession(idHash: String) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM web_sessions WHERE id_hash = ?", arguments: [idHash]) }
    }
}
