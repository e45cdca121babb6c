import DossierCore
import GRDB

extension SQLiteStore {
    public func bindDevice(team: Int64, user: String, replica: String, key: String, at time: Int64) async throws -> DeviceRecord {
        try await pool.write { db in
            if let existing = try Self.device(db, "d.team_id = ? AND d.replica = ?", [team, replica]).first
                ?? Self.device(db, "d.public_key = ?", [key]).first {
                guard existing.key == key, existing.user == user, existing.replica == replica else {
                    throw StoreError.exists("a device key for replica \(replica)")
                }
                return existing
            }
            guard let userID = try Int64.fetchOne(db, sql: "SELECT id FROM users WHERE name = ? AND team_id = ?", arguments: [user, team]) else {
                throw StoreError.notFound("user '\(user)'")
            }
            try db.execute(sql: "INSERT INTO devices (team_id, replica, user_id, public_key, bound_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [team, replica, userID, key, time])
            return try Self.device(db, "d.team_id = ? AND d.replica = ?", [team, replica])[0]
        }
    }

    public func devices(team: Int64?) async throws -> [DeviceRecord] {
        try await pool.read { db in
            if let team { return try Self.device(db, "d.team_id = ?", [team]) }
            return try Self.device(db, "1 = 1", [])
        }
    }

    public func devices(team: Int64, replicas: Set<String>) async throws -> [String: DeviceRecord] {
        guard !replicas.isEmpty else { return [:] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: replicas.count).joined(separator: ", ")
            let found = try Self.device(db, "d.team_id = ? AND d.replica IN (\(marks))", [team] + replicas.sorted())
            return Dictionary(found.map { ($0.replica, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    public func revokeDevice(_ device: String, at time: Int64) async throws -> DeviceRecord {
        try await pool.write { db in
            guard let found = try Self.device(db, "(d.replica = ? OR d.public_key = ?) AND d.revoked_at IS NULL", [device, device]).first,
                  let team = try Int64.fetchOne(db, sql: "SELECT team_id FROM devices WHERE public_key = ?", arguments: [found.key]) else {
                throw StoreError.notFound("unrevoked device '\(device)'")
            }
            try db.execute(sql: """
                UPDATE devices SET revoked_at = ?, revoked_after = (SELECT last_seq FROM teams WHERE id = ?) WHERE public_key = ?
                """, arguments: [time, team, found.key])
            return try Self.device(db, "d.public_key = ?", [found.key])[0]
        }
    }

    public func changeBodies(team: Int64, ids: [String]) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: "SELECT change_id, body FROM changes WHERE team_id = ? AND change_id IN (\(marks))",
                                        arguments: StatementArguments([team] + ids))
            return Dictionary(rows.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The devices matching a condition on `d` (devices), with their team's and user's names, by team, user, replica.
    private static func device(_ db: Database, _ condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [DeviceRecord] {
        try Row.fetchAll(db, sql: """
            SELECT t.name, u.name, d.replica, d.public_key, d.bound_at, d.revoked_at, d.revoked_after
            FROM devices d JOIN teams t ON t.id = d.team_id JOIN users u ON u.id = d.user_id
            WHERE \(condition) ORDER BY t.name, u.name, d.replica
            """, arguments: StatementArguments(arguments)).map { row in
            DeviceRecord(team: row[0], user: row[1], replica: row[2], key: row[3], boundAt: row[4], revokedAt: row[5], revokedAfter: row[6])
        }
    }
}
