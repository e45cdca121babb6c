import DossierCore
import Logging
import PostgresNIO

extension PostgresStore {
    public func bindDevice(team: Int64, user: String, replica: String, key: String, at time: Int64) async throws -> DeviceRecord {
        try await transaction { conn in
            // The team's row lock serialises bindings and revocations with pushes.
            try await conn.query("SELECT id FROM teams WHERE id = \(team) FOR UPDATE", logger: logger)
            let existing = try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE (d.team_id = \(team) AND d.replica = \(replica)) OR d.public_key = \(key) \(unescaped: Self.deviceOrder)", logger: logger)
            if let existing = existing.first {
                guard existing.key == key, existing.user == user, existing.replica == replica else {
                    throw StoreError.exists("a device key for replica \(replica)")
                }
                return existing
            }
            let users = try await conn.query("SELECT id FROM users WHERE name = \(user) AND team_id = \(team)", logger: logger).collect()
            guard let userID = try users.first?.decode(Int64.self) else { throw StoreError.notFound("user '\(user)'") }
            try await conn.query("""
                INSERT INTO devices (team_id, replica, user_id, public_key, bound_at) VALUES (\(team), \(replica), \(userID), \(key), \(time))
                """, logger: logger)
            return try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE d.public_key = \(key) \(unescaped: Self.deviceOrder)", logger: logger)[0]
        }
    }

    public func devices(team: Int64?) async throws -> [DeviceRecord] {
        try await transaction { conn in
            if let team { return try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE d.team_id = \(team) \(unescaped: Self.deviceOrder)", logger: logger) }
            return try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE TRUE \(unescaped: Self.deviceOrder)", logger: logger)
        }
    }

    public func devices(team: Int64, replicas: Set<String>) async throws -> [String: DeviceRecord] {
        guard !replicas.isEmpty else { return [:] }
        let found = try await transaction { conn in
            try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE d.team_id = \(team) AND d.replica = ANY(\(replicas.sorted())) \(unescaped: Self.deviceOrder)", logger: logger)
        }
        return Dictionary(found.map { ($0.replica, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func revokeDevice(_ device: String, at time: Int64) async throws -> DeviceRecord {
        try await transaction { conn in
            let found = try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE (d.replica = \(device) OR d.public_key = \(device)) AND d.revoked_at IS NULL \(unescaped: Self.deviceOrder)", logger: logger)
            guard let record = found.first else { throw StoreError.notFound("unrevoked device '\(device)'") }
            try await conn.query("""
                UPDATE devices d SET revoked_at = \(time), revoked_after = t.last_seq FROM teams t
                WHERE t.id = d.team_id AND d.public_key = \(record.key)
                """, logger: logger)
            return try await Self.devices(conn, "\(unescaped: Self.deviceSelect) WHERE d.public_key = \(record.key) \(unescaped: Self.deviceOrder)", logger: logger)[0]
        }
    }

    public func changeBodies(team: Int64, ids: [String]) async throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        var bodies: [String: String] = [:]
        let rows = try await client.query("SELECT change_id, body FROM changes WHERE team_id = \(team) AND change_id = ANY(\(ids))", logger: logger)
        for try await (id, body) in rows.decode((String, String).self) { bodies[id] = body }
        return bodies
    }

    /// The columns of a device query, with the team's and user's names.
    static let deviceSelect = """
        SELECT t.name, u.name, d.replica, d.public_key, d.bound_at, d.revoked_at, d.revoked_after
        FROM devices d JOIN teams t ON t.id = d.team_id JOIN users u ON u.id = d.user_id
        """
    /// The order of a device query's rows.
    static let deviceOrder = "ORDER BY t.name, u.name, d.replica"

    /// The devices a query (`deviceSelect … deviceOrder`) finds.
    private static func devices(_ conn: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> [DeviceRecord] {
        var records: [DeviceRecord] = []
        let rows = try await conn.query(query, logger: logger)
        for try await (team, user, replica, key, boundAt, revokedAt, revokedAfter)
            in rows.decode((String, String, String, String, Int64, Int64?, Int64?).self) {
            records.append(DeviceRecord(team: team, user: user, replica: replica, key: key, boundAt: boundAt, revokedAt: revokedAt,
                                        revokedAfter: revokedAfter))
        }
        return records
    }
}
