import DossierTrust

/// Walks a team's stored log in position order and derives its hash chain from the stored bodies, noting from the first
/// entry where the stored hash disagrees (an edited, dropped, inserted or reordered row, or one stored before the chain
/// existed) every hash to store instead. Both stores run it at start (`SyncStore.rehashLog`), so the checkpoints the
/// server signs always describe the changes it holds, and a replica that saw another history notices at its next sync.
struct LogRehash {
    /// The chain's hash after the last entry walked.
    private(set) var head = TeamLog.emptyHead
    /// The entry where the stored hashes first disagree, if any.
    private(set) var firstMismatch: Int64?
    /// The hashes to store, by position (after a mismatch, every later hash differs too).
    private(set) var updates: [(seq: Int64, hash: String)] = []
    /// The last position walked.
    private(set) var last: Int64 = 0

    /// Takes the next stored entry.
    mutating func add(seq: Int64, body: String, stored: String?) {
        if firstMismatch == nil, seq != last + 1 { firstMismatch = last + 1 }
        head = TeamLog.entryHash(after: head, body: Array(body.utf8))
        last = seq
        let hash = head.description
        if firstMismatch == nil, stored != hash, stored != nil { firstMismatch = seq }
        if stored != hash { updates.append((seq, hash)) }
    }

    /// What the walk found for a team whose last position is `lastSeq`, or nil when the stored hashes were all right
    /// (entries stored before the chain existed are hashed without counting as damage).
    func repair(team: String, lastSeq: Int64) -> LogRepair? {
        let entry = firstMismatch ?? (lastSeq != last ? last + 1 : nil)
        return entry.map { LogRepair(team: team, entry: $0, rehashed: updates.count) }
    }
}

/// A team's log whose stored hashes no longer matched its stored changes: the database was changed behind the server.
public struct LogRepair: Sendable, Equatable, CustomStringConvertible {
    /// The team.
    public var team: String
    /// The first entry that disagrees.
    public var entry: Int64
    /// How many entries got new hashes.
    public var rehashed: Int

    public var description: String {
        if rehashed == 0 {
            return "the stored log of team \(team) misses entry \(entry): a row was deleted behind the server; every replica that saw it "
                + "will refuse the server's history at its next sync"
        }
        return "the stored log of team \(team) changed behind the server at entry \(entry): its changes no longer give the hashes stored with "
            + "them; the server now signs the log as it is stored (\(rehashed) entries rehashed), and every replica that saw the "
            + "earlier history will refuse it at its next sync"
    }
}
