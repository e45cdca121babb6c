import DossierTrust
import GRDB

extension SQLiteStore {
    public func entryHashes(team: Int64, after: Int64, limit: Int) async throws -> [LogEntryHash] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, entry_hash FROM changes WHERE team_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                             arguments: [team, after, limit])
                .compactMap { row in LogHash(hex: row[1] ?? "").map { LogEntryHash(seq: row[0], hash: $0) } }
        }
    }

    public func chainHash(team: Int64, at size: Int64) async throws -> LogHash {
        try await pool.read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT entry_hash FROM changes WHERE team_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1"),
                                arguments: [team, size]).flatMap(LogHash.init(hex:)) ?? TeamLog.emptyHead
        }
    }

    public func rehashLog() async throws -> [LogRepair] {
        try await pool.write { db in
            var repairs: [LogRepair] = []
            for team in try Row.fetchAll(db, sql: "SELECT id, name, last_seq, head_hash FROM teams ORDER BY id") {
                let id: Int64 = team[0]
                var walk = LogRehash()
                let rows = try Row.fetchCursor(db, sql: "SELECT seq, body, entry_hash FROM changes WHERE team_id = ? ORDER BY seq",
                                               arguments: [id])
                while let row = try rows.next() { walk.add(seq: row[0], body: row[1], stored: row[2]) }
                for (seq, hash) in walk.updates {
                    try db.execute(sql: "UPDATE changes SET entry_hash = ? WHERE team_id = ? AND seq = ?", arguments: [hash, id, seq])
                }
                if team[3] as String? != walk.head.description {
                    try db.execute(sql: "UPDATE teams SET head_hash = ? WHERE id = ?", arguments: [walk.head.description, id])
                }
                if let repair = walk.repair(team: team[1], lastSeq: team[2]) { repairs.append(repair) }
            }
            return repairs
        }
    }
}
