import DossierCore
import Foundation
import GRDB

extension SQLiteStore {
    public func activity(team: Int64, since: Int64) async throws -> [ActivityCount] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT date(received_at / 1000, 'unixepoch') AS day, author, entity, count(*) FROM changes
                WHERE team_id = ? AND received_at >= ? GROUP BY day, author, entity ORDER BY day DESC, author, entity
                """, arguments: [team, since]).map { ActivityCount(day: $0[0], author: $0[1], entity: $0[2], changes: $0[3]) }
        }
    }

    public func changes(of key: RecordKey, team: Int64) async throws -> [Change] {
        try await pool.read { db in
            let decoder = JSONDecoder()
            return try String.fetchAll(db, sql: "SELECT body FROM changes WHERE team_id = ? AND entity = ? AND record = ? ORDER BY seq",
                                       arguments: [team, key.entity.rawValue, key.id]).map { try decoder.decode(Change.self, from: Data($0.utf8)) }
        }
    }

    public func records(team: Int64, updatedAfter after: Int64) async throws -> [[UInt8]] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT state FROM records WHERE team_id = ? AND updated_seq > ?", arguments: [team, after]).map { Array($0) }
        }
    }
}
