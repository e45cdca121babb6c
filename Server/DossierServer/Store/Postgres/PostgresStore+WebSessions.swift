import DossierCore
import PostgresNIO

extension PostgresStore {
    public func createWebSession(idHash: String, selector: String, at time: Int64, expiresAt: Int64) async throws {
        try await transaction { conn in
            let users = try await conn.query("SELECT id FROM users WHERE token_selector = \(selector) AND revoked_at IS NULL", logger: logger).collect()
            guard let user = try users.first?.decode(Int64.self) else { throw StoreError.notFound("active token") }
            try await conn.query("DELETE FROM web_sessions WHERE expires_at <= \(time)", logger: logger)
            try await conn.query("""
                INSERT INTO web_sessions (id_hash, user_id, token_selector, created_at, expires_at)
                VALUES (\(idHash), \(user), \(selector), \(time), \(expiresAt))
                """, logger: logger)
        }
    }

    public func webSession(idHash: String, now: Int64) async throws -> Member? {
        let rows = try await client.query("""
            SELECT u.name, u.team_id, t.name, u.role FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN teams t ON t.id = u.team_id
            WHERE s.id_hash = \(idHash) AND s.expires_at > \(now) AND u.revoked_at IS NULL AND u.token_selector = s.token_selector
            """, logger: logger)
        for try await (name, team, teamName, roleText) in rows.decode((String, Int64, String, String).self) {
            guard let role = Role(rawValue: roleText) else { return nil }
            return Member(name: name, teamID: team, team: teamName, role: role)
        }
        return nil
    }

    public func deleteWebSession(idHash: String) async throws {
        try await client.query("DELETE FROM web_sessions WHERE id_hash = \(idHash)", logger: logger)
    }
}
