import DossierCore
import DossierTrust
import Foundation
import GRDB

extension SQLiteStore {
    public func addTeam(named name: String) async throws -> Team {
        try await pool.write { db in
            guard try TeamRow.filter(TeamRow.Columns.name == name).fetchOne(db) == nil else { throw StoreError.exists("team '\(name)'") }
            let row = try TeamRow(id: nil, name: name, lastSeq: 0, createdAt: StoreClock.now()).inserted(db)
            return Team(id: row.id!, name: name)
        }
    }

    public func addUser(named name: String, team: String, role: Role, credential: StoredCredential) async throws -> Member {
        try await pool.write { db in
            guard let teamRow = try TeamRow.filter(TeamRow.Columns.name == team).fetchOne(db) else {
                throw StoreError.notFound("team '\(team)'")
            }
            guard try UserRow.filter(UserRow.Columns.name == name).fetchOne(db) == nil else { throw StoreError.exists("user '\(name)'") }
            var user = UserRow(id: nil, name: name, teamID: teamRow.id!, role: role.rawValue, tokenSelector: credential.selector,
                               tokenHash: credential.hash, createdAt: StoreClock.now(), revokedAt: nil,
                               tokenExpiresAt: credential.firstUseBy, lastSeenAt: nil)
            try user.insert(db)
            return Member(name: name, teamID: teamRow.id!, team: team, role: role)
        }
    }

    public func revokeUser(named name: String) async throws {
        try await pool.write { db in
            let count = try UserRow.filter(UserRow.Columns.name == name && UserRow.Columns.revokedAt == nil)
                .updateAll(db, UserRow.Columns.revokedAt.set(to: StoreClock.now()))
            guard count == 1 else { throw StoreError.notFound("active user '\(name)'") }
        }
    }

    public func reissueUser(named name: String, credential: StoredCredential) async throws -> Member {
        try await pool.write { db in
            guard var user = try UserRow.filter(UserRow.Columns.name == name).fetchOne(db),
                  let team = try TeamRow.fetchOne(db, key: user.teamID), let role = Role(rawValue: user.role) else {
                throw StoreError.notFound("user '\(name)'")
            }
            try RetiredTokenRow(tokenSelector: user.tokenSelector, userID: user.id!, tokenHash: user.tokenHash,
                                retiredAt: StoreClock.now()).insert(db)
            user.tokenSelector = credential.selector
            user.tokenHash = credential.hash
            user.tokenExpiresAt = credential.firstUseBy
            user.revokedAt = nil
            try user.update(db)
            return Member(name: name, teamID: team.id!, team: team.name, role: role)
        }
    }

    public func credential(selector: String) async throws -> CredentialRecord? {
        try await pool.read { db in
            // Cached statements: every request reads these rows, and preparing them each time showed in the profile.
            if let user = try UserRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM users WHERE token_selector = ?"),
                                               arguments: [selector]) {
                let standing: CredentialRecord.Standing = user.revokedAt.map { .revoked(at: $0) } ?? .active(firstUseBy: user.tokenExpiresAt)
                return try Self.record(user, hash: user.tokenHash, standing: standing, db)
            }
            guard let retired = try RetiredTokenRow.fetchOne(db, key: selector),
                  let user = try UserRow.fetchOne(db, key: retired.userID) else { return nil }
            return try Self.record(user, hash: retired.tokenHash, standing: .replaced(at: retired.retiredAt), db)
        }
    }

    private static func record(_ user: UserRow, hash: String, standing: CredentialRecord.Standing, _ db: Database) throws -> CredentialRecord? {
        guard let team = try TeamRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM teams WHERE id = ?"), arguments: [user.teamID]),
              let role = Role(rawValue: user.role) else { return nil }
        return CredentialRecord(userID: user.id!, member: Member(name: user.name, teamID: user.teamID, team: team.name, role: role),
                                hash: hash, standing: standing, lastSeenAt: user.lastSeenAt)
    }

    public func recordUse(userID: Int64, at time: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE users SET last_seen_at = ?, token_expires_at = NULL
                WHERE id = ? AND (last_seen_at IS NULL OR last_seen_at <= ? OR token_expires_at IS NOT NULL)
                """, arguments: [time, userID, time - CredentialRecord.lastSeenResolution])
        }
    }

    public func users(team: String?) async throws -> [UserListing] {
        try await pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT u.name, t.name, u.role, u.created_at, u.revoked_at, u.last_seen_at FROM users u JOIN teams t ON t.id = u.team_id
                WHERE ? IS NULL OR t.name = ? ORDER BY t.name, u.name
                """, arguments: [team, team])
            return rows.compactMap { row in
                Role(rawValue: row[2]).map { UserListing(name: row[0], team: row[1], role: $0, createdAt: row[3], revokedAt: row[4], lastSeenAt: row[5]) }
            }
        }
    }

    public func teams() async throws -> [TeamListing] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.name, (SELECT COUNT(*) FROM users u WHERE u.team_id = t.id), t.created_at,
                       (SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.team_id = t.id), t.blob_quota
                FROM teams t ORDER BY t.name
                """).map { TeamListing(name: $0[0], members: $0[1], createdAt: $0[2], blobBytes: $0[3], quota: $0[4]) }
        }
    }

    public func setQuota(team name: String, bytes: Int64?) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE teams SET blob_quota = ? WHERE name = ?", arguments: [bytes, name])
            guard db.changesCount == 1 else { throw StoreError.notFound("team '\(name)'") }
        }
    }

    public func identity(storing candidate: ServerIdentity) async throws -> ServerIdentity {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO server_identity (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """, arguments: [candidate.publicKey.description, candidate.storedPrivateKey, StoreClock.now()])
            guard let stored = try Data.fetchOne(db, sql: "SELECT private_key FROM server_identity WHERE id = 1"),
                  let identity = ServerIdentity(storedPrivateKey: stored) else {
                throw StoreError.notFound("a readable server identity key")
            }
            return identity
        }
    }

    public func setting(_ name: ServerSetting) async throws -> String? {
        try await pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM server_settings WHERE name = ?", arguments: [name.rawValue]) }
    }

    public func remember(_ name: ServerSetting, _ value: String?) async throws {
        try await pool.write { db in
            if let value {
                try db.execute(sql: "INSERT INTO server_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                               arguments: [name.rawValue, value])
            } else {
                try db.execute(sql: "DELETE FROM server_settings WHERE name = ?", arguments: [name.rawValue])
            }
        }
    }
}
