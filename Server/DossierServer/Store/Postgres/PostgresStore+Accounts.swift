import DossierCore
import DossierTrust
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func addTeam(named name: String) async throws -> Team {
        try await transaction { conn in
            let existing = try await conn.query("SELECT id FROM teams WHERE name = \(name)", logger: logger).collect()
            guard existing.isEmpty else { throw StoreError.exists("team '\(name)'") }
            let rows = try await conn.query("INSERT INTO teams (name, created_at) VALUES (\(name), \(StoreClock.now())) RETURNING id",
                                            logger: logger)
            for try await id in rows.decode(Int64.self) { return Team(id: id, name: name) }
            throw StoreError.notFound("team '\(name)'")
        }
    }

    public func addUser(named name: String, team: String, role: Role, credential: StoredCredential) async throws -> Member {
        try await transaction { conn in
            var teamID: Int64?
            for try await id in try await conn.query("SELECT id FROM teams WHERE name = \(team)", logger: logger).decode(Int64.self) {
                teamID = id
            }
            guard let teamID else { throw StoreError.notFound("team '\(team)'") }
            let existing = try await conn.query("SELECT id FROM users WHERE name = \(name)", logger: logger).collect()
            guard existing.isEmpty else { throw StoreError.exists("user '\(name)'") }
            try await conn.query("""
                INSERT INTO users (name, team_id, role, token_selector, token_hash, created_at, token_expires_at)
                VALUES (\(name), \(teamID), \(role.rawValue), \(credential.selector), \(credential.hash), \(StoreClock.now()),
                        \(credential.firstUseBy))
                """, logger: logger)
            return Member(name: name, teamID: teamID, team: team, role: role)
        }
    }

    public func revokeUser(named name: String) async throws {
        let rows = try await client.query(
            "UPDATE users SET revoked_at = \(StoreClock.now()) WHERE name = \(name) AND revoked_at IS NULL RETURNING id",
            logger: logger).collect()
        guard rows.count == 1 else { throw StoreError.notFound("active user '\(name)'") }
    }

    public func reissueUser(named name: String, credential: StoredCredential) async throws -> Member {
        try await transaction { conn in
            let found = try await conn.query("""
                SELECT u.id, u.team_id, t.name, u.role FROM users u JOIN teams t ON t.id = u.team_id WHERE u.name = \(name) FOR UPDATE OF u
                """, logger: logger)
            for try await (userID, teamID, team, roleText) in found.decode((Int64, Int64, String, String).self) {
                guard let role = Role(rawValue: roleText) else { break }
                let now = StoreClock.now()
                try await conn.query("""
                    INSERT INTO retired_tokens (token_selector, user_id, token_hash, retired_at)
                    SELECT token_selector, id, token_hash, \(now) FROM users WHERE id = \(userID)
                    """, logger: logger)
                try await conn.query("""
                    UPDATE users SET token_selector = \(credential.selector), token_hash = \(credential.hash),
                    token_expires_at = \(credential.firstUseBy), revoked_at = NULL WHERE id = \(userID)
                    """, logger: logger)
                return Member(name: name, teamID: teamID, team: team, role: role)
            }
            throw StoreError.notFound("user '\(name)'")
        }
    }

    public func credential(selector: String) async throws -> CredentialRecord? {
        let current = try await client.query("""
            SELECT u.id, u.name, u.team_id, t.name, u.role, u.token_hash, u.revoked_at, u.token_expires_at, u.last_seen_at, NULL::BIGINT
            FROM users u JOIN teams t ON t.id = u.team_id WHERE u.token_selector = \(selector)
            UNION ALL
            SELECT u.id, u.name, u.team_id, t.name, u.role, r.token_hash, u.revoked_at, NULL, u.last_seen_at, r.retired_at
            FROM retired_tokens r JOIN users u ON u.id = r.user_id JOIN teams t ON t.id = u.team_id WHERE r.token_selector = \(selector)
            """, logger: logger)
        typealias Columns = (Int64, String, Int64, String, String, String, Int64?, Int64?, Int64?, Int64?)
        for try await (userID, name, teamID, team, roleText, hash, revokedAt, expiresAt, lastSeenAt, retiredAt) in current.decode(Columns.self) {
            guard let role = Role(rawValue: roleText) else { return nil }
            let standing: CredentialRecord.Standing = if let retiredAt { .replaced(at: retiredAt) }
                else if let revokedAt { .revoked(at: revokedAt) } else { .active(firstUseBy: expiresAt) }
            return CredentialRecord(userID: userID, member: Member(name: name, teamID: teamID, team: team, role: role), hash: hash,
                                    standing: standing, lastSeenAt: lastSeenAt)
        }
        return nil
    }

    public func recordUse(userID: Int64, at time: Int64) async throws {
        try await client.query("""
            UPDATE users SET last_seen_at = \(time), token_expires_at = NULL
            WHERE id = \(userID) AND (last_seen_at IS NULL OR last_seen_at <= \(time - CredentialRecord.lastSeenResolution)
                                      OR token_expires_at IS NOT NULL)
            """, logger: logger)
    }

    public func users(team: String?) async throws -> [UserListing] {
        let rows = try await client.query("""
            SELECT u.name, t.name, u.role, u.created_at, u.revoked_at, u.last_seen_at FROM users u JOIN teams t ON t.id = u.team_id
            WHERE \(team)::TEXT IS NULL OR t.name = \(team) ORDER BY t.name COLLATE "C", u.name COLLATE "C"
            """, logger: logger)
        var listings: [UserListing] = []
        for try await (name, team, role, createdAt, revokedAt, lastSeenAt) in rows.decode((String, String, String, Int64, Int64?, Int64?).self) {
            guard let role = Role(rawValue: role) else { continue }
            listings.append(UserListing(name: name, team: team, role: role, createdAt: createdAt, revokedAt: revokedAt, lastSeenAt: lastSeenAt))
        }
        return listings
    }

    public func teams() async throws -> [TeamListing] {
        let rows = try await client.query("""
            SELECT t.name, (SELECT COUNT(*) FROM users u WHERE u.team_id = t.id), t.created_at,
                   (SELECT COALESCE(SUM(b.size), 0)::BIGINT FROM blobs b WHERE b.team_id = t.id), t.blob_quota
            FROM teams t ORDER BY t.name COLLATE "C"
            """, logger: logger)
        var listings: [TeamListing] = []
        for try await (name, members, createdAt, blobBytes, quota) in rows.decode((String, Int64, Int64, Int64, Int64?).self) {
            listings.append(TeamListing(name: name, members: Int(members), createdAt: createdAt, blobBytes: blobBytes, quota: quota))
        }
        return listings
    }

    public func setQuota(team name: String, bytes: Int64?) async throws {
        let rows = try await client.query("UPDATE teams SET blob_quota = \(bytes) WHERE name = \(name) RETURNING id", logger: logger)
        for try await _ in rows.decode(Int64.self) { return }
        throw StoreError.notFound("team '\(name)'")
    }

    public func identity(storing candidate: ServerIdentity) async throws -> ServerIdentity {
        let privateKey = ByteBuffer(bytes: candidate.storedPrivateKey)
        try await client.query("""
            INSERT INTO server_identity (id, public_key, private_key, created_at)
            VALUES (1, \(candidate.publicKey.description), \(privateKey), \(StoreClock.now())) ON CONFLICT (id) DO NOTHING
            """, logger: logger)
        for try await stored in try await client.query("SELECT private_key FROM server_identity WHERE id = 1", logger: logger)
            .decode(ByteBuffer.self) {
            if let identity = ServerIdentity(storedPrivateKey: Data(Array(buffer: stored))) { return identity }
        }
        throw StoreError.notFound("a readable server identity key")
    }

    public func setting(_ name: ServerSetting) async throws -> String? {
        for try await value in try await client.query("SELECT value FROM server_settings WHERE name = \(name.rawValue)", logger: logger)
            .decode(String.self) {
            return value
        }
        return nil
    }

    public func remember(_ name: ServerSetting, _ value: String?) async throws {
        if let value {
            try await client.query("""
                INSERT INTO server_settings (name, value) VALUES (\(name.rawValue), \(value))
                ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value
                """, logger: logger)
        } else {
            try await client.query("DELETE FROM server_settings WHERE name = \(name.rawValue)", logger: logger)
        }
    }
}
