import DossierTrust
import Foundation
import GRDB

extension ReplicaStore {
    /// Keeps the chain's hash after each pulled entry, from position `first` on.
    func insertLogHashes(_ hashes: [LogHash], from first: Int64) throws {
        let insert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO log_hashes (seq, hash) VALUES (?, ?)")
        for (offset, hash) in hashes.enumerated() {
            try insert.execute(arguments: [first + Int64(offset), Data(hash.bytes)])
        }
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
