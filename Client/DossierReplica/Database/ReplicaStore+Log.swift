import DossierCore
import DossierTrust
import Foundation
import GRDB

extension ReplicaStore {
    /// Keeps the chain's hash after each pulled entry and the entry's change id, from position `first` on.
    func insertLogHashes(_ hashes: [LogHash], changes: [Change], from first: Int64) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO log_hashes (seq, hash, change_id) VALUES (?, ?, ?)")
        for (offset, (hash, change)) in zip(hashes, changes).enumerated() {
            try insert.execute(arguments: [first + Int64(offset), Data(hash.bytes), change.id.description])
        }
    }

    /// The held entries after `after`, at most `limit`: position, hash, change id and the change's stored body. A row
    /// with an empty change id is the anchor a snapshot started from (the checkpoint's head at its cursor).
    func logEntries(after: Int64, limit: Int) throws -> [(seq: Int64, hash: LogHash?, id: String, body: String?)] {
        try Row.fetchAll(db, sql: """
            SELECT l.seq, l.hash, l.change_id, c.body FROM log_hashes l LEFT JOIN changes c ON c.change_id = l.change_id
            WHERE l.seq > ? ORDER BY l.seq LIMIT ?
            """, arguments: [after, limit]).map { row in
            (row[0], (row[1] as Data?).flatMap { LogHash(data: $0) }, row[2], row[3])
        }
    }

    /// Keeps the checkpoint a snapshot started from as the chain's anchor at its cursor.
    func insertLogAnchor(_ checkpoint: Checkpoint) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO log_hashes (seq, hash, change_id) VALUES (?, ?, '')",
                       arguments: [checkpoint.size, Data(checkpoint.head.bytes)])
    }

    /// The chain's hash this replica verified after entry `seq`, if it holds it.
    func logHash(at seq: Int64) throws -> LogHash? {
        let bytes = try Data.fetchOne(db, sql: "SELECT hash FROM log_hashes WHERE seq = ?", arguments: [seq])
        return bytes.flatMap { LogHash(data: $0) }
    }

    /// The first entry whose hash this replica holds (entries before a snapshot's cursor are not held).
    func firstLogHash() throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT min(seq) FROM log_hashes")
    }
}
