import DossierCore
import DossierTrust
import GRDB

extension Replica {
    /// The signed history of `keys`' records for a bundle (`history.json`): their changes as signed, the bindings of the
    /// devices that signed them, the checkpoint this replica verified, and the log from the first of them to the
    /// checkpoint as body hashes. Nil before the first sync (no checkpoint, or no server key).
    func bundleHistory(of keys: Set<RecordKey>) throws -> BundleHistory? {
        let settings = try settings()
        guard let checkpoint = try heldCheckpoint(), let serverKey = settings.serverKey else { return nil }
        return try database.read { store in
            var bodies: [(id: String, body: String)] = []
            for key in keys.sorted() { bodies += try store.bodies(of: key) }
            let wanted = Set(bodies.map(\.id))
            var seqs: [String: Int64] = [:]
            var hashes: [(seq: Int64, hash: LogHash?, bodyHash: LogHash?)] = []
            var after: Int64 = 0
            while true {
                let entries = try store.logEntries(after: after, limit: 5_000)
                guard let last = entries.last else { break }
                for entry in entries where entry.seq <= checkpoint.size {
                    if wanted.contains(entry.id) { seqs[entry.id] = entry.seq }
                    hashes.append((entry.seq, entry.hash, entry.body.map(TeamLog.bodyHash)))
                }
                after = last.seq
            }
            var log: BundleHistory.Log?
            if let from = seqs.values.min() {
                let start = from == 1 ? TeamLog.emptyHead : hashes.first { $0.seq == from - 1 }?.hash
                let tail = hashes.filter { $0.seq >= from }
                if let start, tail.count == Int(checkpoint.size - from + 1), tail.allSatisfy({ $0.bodyHash != nil }) {
                    log = BundleHistory.Log(from: from, start: start, bodies: tail.compactMap(\.bodyHash))
                }
            }
            let entries = bodies.map { BundleHistory.Entry(seq: log == nil ? nil : seqs[$0.id], body: $0.body) }
                .sorted { ($0.seq ?? .max, $0.body) < ($1.seq ?? .max, $1.body) }
            let replicas = Set(bodies.compactMap { ChangeID($0.id)?.replica.rawValue })
            let devices = try store.deviceBindings().filter { replicas.contains($0.key) }.sorted { $0.key < $1.key }.map(\.value)
            return BundleHistory(serverKey: serverKey, checkpoint: checkpoint, devices: devices, log: log, changes: entries)
        }
    }
}

extension ReplicaStore {
    /// The stored bodies of a record's changes, with their ids, in version order.
    func bodies(of key: RecordKey) throws -> [(id: String, body: String)] {
        try Row.fetchAll(db, sql: "SELECT change_id, body FROM changes WHERE entity = ? AND record = ? ORDER BY version",
                         arguments: [key.entity.rawValue, key.id]).map { ($0[0], $0[1]) }
    }
}
