import DossierCore
import DossierTrust

/// Checks what the team server says about its log against what this replica verified before (SPEC §8.2): every
/// checkpoint is signed by the server's identity key and names this team; before anything is pushed the log still passes
/// through the held checkpoint; each pulled page extends it by exactly the page's entries. Any break is
/// `ReplicaError.historyChanged`, naming the first entry where the server's hashes differ from this replica's.
struct LogVerifier {
    let replica: Replica
    let client: SyncClient
    let key: SigningPublicKey
    let team: String

    /// A verifier with the server's key and the team known.
    init(replica: Replica, client: SyncClient, key: SigningPublicKey, team: String) {
        (self.replica, self.client, self.key, self.team) = (replica, client, key, team)
    }

    /// A verifier for a replica whose settings hold the server's identity key (every sync confirms it first).
    init(replica: Replica, client: SyncClient) throws {
        let settings = try replica.settings()
        guard let text = settings.serverKey, let key = SigningPublicKey(text) else {
            throw ReplicaError.unverifiableLog("this replica does not know the team server's identity key, so it cannot check the server's history")
        }
        (self.replica, self.client, self.key, self.team) = (replica, client, key, settings.team)
    }

    /// A checkpoint header: present, readable, of this team and signed by the server's key.
    func signed(_ header: String?, what: String) throws -> Checkpoint {
        guard let header, let checkpoint = Checkpoint(headerValue: header) else {
            throw ReplicaError.unverifiableLog("the server sent no readable signed checkpoint with its \(what)")
        }
        guard checkpoint.isSigned(by: key) else {
            throw ReplicaError.unverifiableLog("the checkpoint with the server's \(what) is not signed by its identity key (\(key))")
        }
        guard checkpoint.team == team else {
            throw ReplicaError.unverifiableLog("the checkpoint with the server's \(what) is for team \(checkpoint.team), not \(team)")
        }
        return checkpoint
    }

    /// The size to ask the status about: the held checkpoint's, else the cursor's.
    func heldSize() throws -> Int64 {
        try replica.heldCheckpoint()?.size ?? replica.cursor()
    }

    /// Before anything is pushed: the server's log still passes through the checkpoint this replica holds. A replica that
    /// holds none yet takes the server's checkpoint at its cursor. Returns the held checkpoint.
    @discardableResult
    func check(_ status: StatusReply) throws -> Checkpoint {
        let head = try signed(status.checkpoint, what: "status")
        guard let held = try replica.heldCheckpoint() else {
            let cursor = try replica.cursor()
            if cursor == 0 { return .empty(team: team) }
            let adopted = try signed(status.heldCheckpoint, what: "status (at this replica's cursor \(cursor))")
            guard adopted.size == cursor else { throw ReplicaError.unverifiableLog("the server's checkpoint at the cursor is of another size") }
            try replica.hold(adopted)
            return adopted
        }
        guard head.size >= held.size else {
            throw ReplicaError.historyChanged(entry: head.size + 1, detail: "the server's log now has \(head.size) entries, fewer than the "
                                              + "\(held.size) this replica verified", kept: try replica.pendingCount())
        }
        guard held.size > 0 else { return held }
        let there = try signed(status.heldCheckpoint, what: "status (at entry \(held.size))")
        guard there.size == held.size, there.head == held.head else {
            let entry = try firstDifference(through: held.size) ?? held.size
            throw ReplicaError.historyChanged(entry: entry, detail: "the server now signs another history up to entry \(held.size) than the one this "
                                              + "replica verified; entry \(entry) is the first that differs", kept: try replica.pendingCount())
        }
        return held
    }

    /// A pulled page: its checkpoint extends `held` by exactly the page's entries.
    func check(_ page: PullPage, after held: Checkpoint) throws -> VerifiedPage {
        let checkpoint = try signed(page.checkpoint, what: "page after entry \(held.size)")
        if let mismatch = checkpoint.mismatch(extending: held, with: page.bodies) {
            let entry = try firstDifference(in: page, after: held) ?? checkpoint.size
            throw ReplicaError.historyChanged(entry: entry, detail: mismatch, kept: try replica.pendingCount())
        }
        return VerifiedPage(checkpoint: checkpoint, hashes: TeamLog.extend(held.head, with: page.bodies))
    }

    /// The first entry of a page whose hash differs between the chain this replica computes from the page and the
    /// server's hashes (or that the server does not list).
    func firstDifference(in page: PullPage, after held: Checkpoint) throws -> Int64? {
        let own = TeamLog.extend(held.head, with: page.bodies)
        let server = try client.logHashes(after: held.size, limit: max(own.count, 1)).entries
        for (offset, hash) in own.enumerated() {
            let seq = held.size + Int64(offset) + 1
            guard offset < server.count, server[offset].seq == seq, server[offset].hash == hash else { return seq }
        }
        return nil
    }

    /// The first entry up to `size` whose hash the server lists differently from the one this replica verified (a chain
    /// differs from its first changed entry on, so a binary search finds it); nil if none does among those it holds.
    func firstDifference(through size: Int64) throws -> Int64? {
        guard let first = try replica.firstLogHash(), first <= size else { return nil }
        func same(_ seq: Int64) throws -> Bool {
            let listed = try client.logHashes(after: seq - 1, limit: 1).entries.first
            let own = try replica.logHash(at: seq)
            return listed?.seq == seq && listed?.hash == own
        }
        if try same(size) { return nil }
        var (low, high) = (first, size)
        while low < high {
            let middle = low + (high - low) / 2
            if try same(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
