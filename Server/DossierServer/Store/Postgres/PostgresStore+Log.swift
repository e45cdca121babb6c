import DossierTrust
import Logging
import PostgresNIO

extension PostgresStore {
    public func entryHashes(team: Int64, after: Int64, limit: Int) async throws -> [LogEntryHash] {
        var entries: [LogEntryHash] = []
        let rows = try await client.query(
            "SELECT seq, entry_hash FROM changes WHERE team_id = \(team) AND seq > \(after) ORDER BY seq LIMIT \(limit)", logger: logger)
        for try await (seq, text) in rows.decode((Int64, String?).self) {
            if let hash = LogHash(hex: text ?? "") { entries.append(LogEntryHash(seq: seq, hash: hash)) }
        }
        return entries
    }

    public func chainHash(team: Int64, at size: Int64) async throws -> LogHash {
        let rows = try await client.query(
            "SELECT entry_hash FROM changes WHERE team_id = \(team) AND seq <= \(size) ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await text in rows.decode(String?.self) { return text.flatMap(LogHash.init(hex:)) ?? TeamLog.emptyHead }
        return TeamLog.emptyHead
    }

    public func rehashLog() async throws -> [LogRepair] {
        var teams: [Int64] = []
        for try await id in try await client.query("SELECT id FROM teams ORDER BY id", logger: logger).decode(Int64.self) { teams.append(id) }
        var repairs: [LogRepair] = []
        for team in teams {
            // A first walk without the team's lock; only a log that needs new hashes is walked again under it.
            let first = try await Self.walk(team: team, on: client, logger: logger)
            guard !first.walk.updates.isEmpty || first.walk.repair(team: first.team, lastSeq: first.lastSeq) != nil else { continue }
            let repair = try await transaction { conn -> LogRepair? in
                let (walk, name, lastSeq) = try await Self.walk(team: team, on: conn, lock: true, logger: logger)
                if !walk.updates.isEmpty {
                    try await conn.query("""
                        UPDATE changes c SET entry_hash = u.hash FROM unnest(\(walk.updates.map(\.seq))::bigint[], \(walk.updates.map(\.hash))::text[])
                        AS u(seq, hash) WHERE c.team_id = \(team) AND c.seq = u.seq
                        """, logger: logger)
                }
                try await conn.query("UPDATE teams SET head_hash = \(walk.head.description) WHERE id = \(team)", logger: logger)
                return walk.repair(team: name, lastSeq: lastSeq)
            }
            if let repair { repairs.append(repair) }
        }
        return repairs
    }

    /// Walks a team's stored log (holding the team's row lock until the transaction ends when `lock` is set).
    private static func walk(team: Int64, on connection: some PostgresQueryRunner, lock: Bool = false,
                             logger: Logger) async throws -> (walk: LogRehash, team: String, lastSeq: Int64) {
        var name = "", lastSeq: Int64 = 0
        let teamQuery: PostgresQuery = lock ? "SELECT name, last_seq FROM teams WHERE id = \(team) FOR UPDATE"
            : "SELECT name, last_seq FROM teams WHERE id = \(team)"
        for try await (teamName, seq) in try await connection.run(teamQuery, logger: logger).decode((String, Int64).self) {
            (name, lastSeq) = (teamName, seq)
        }
        var walk = LogRehash()
        let rows = try await connection.run(
            "SELECT seq, body, entry_hash FROM changes WHERE team_id = \(team) ORDER BY seq", logger: logger)
        for try await (seq, body, stored) in rows.decode((Int64, String, String?).self) { walk.add(seq: seq, body: body, stored: stored) }
        return (walk, name, lastSeq)
    }
}

/// Runs a query on a pooled client or on one connection (inside a transaction).
protocol PostgresQueryRunner {
    /// Runs the query.
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence
}

extension PostgresClient: PostgresQueryRunner {
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence { try await self.query(query, logger: logger) }
}

extension PostgresConnection: PostgresQueryRunner {
    func run(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence { try await self.query(query, logger: logger) }
}
