import DossierCore
import DossierTrust
import Foundation

/// What `dossier status` shows.
public struct ReplicaStatus: Sendable, Codable, Equatable {
    /// Local changes not yet stored by the server.
    public var pending: Int
    /// Pending changes the server refused, with why.
    public var rejected: [String: String]
    /// The log position pulled up to.
    public var cursor: Int64
    /// When the last sync finished (ms since 1970), if ever.
    public var lastSync: Int64?
    /// The server's clock minus this laptop's, in ms, at the last sync.
    public var clockOffset: Int64?
    /// Open conflicts.
    public var conflicts: Int
    /// The user this replica writes as.
    public var author: String
    /// The team.
    public var team: String
    /// The user's role.
    public var role: Role
    /// The team server's URL.
    public var server: String
    /// Whether the server has confirmed the account (false after `init --invite` or `login` until the next sync).
    public var confirmed: Bool
}

/// What merging a pulled page did.
public struct MergeOutcome: Sendable, Equatable {
    /// How many changes were new here.
    public var applied: Int
    /// The conflicts the page opened: a field (or a deletion) newly in conflict, by record and field.
    public var opened: [Conflict]
}

extension Replica {
    /// The stored bodies of outbox changes after a position, at most `limit`, in the order they were made.
    public func outboxBodies(after position: Int64 = 0, limit: Int) throws -> OutboxBatch {
        try database.read { store in try store.outboxBodies(after: position, limit: limit) }
    }

    /// How many local changes wait in the outbox (what `status().pending` says, without reading every record).
    public func pendingCount() throws -> Int {
        try database.read { store in try store.outboxCount() }
    }

    /// Takes a push's receipts: stored changes leave the outbox, refused ones stay and their reason is kept.
    public func settle(_ receipts: [Receipt]) throws {
        let now = wall()
        try database.write { store in try store.settle(receipts, at: now) }
    }

    /// Merges a pulled page and advances the cursor, in one transaction; changes already known are skipped.
    /// Returns how many were new here and the conflicts they opened.
    /// With `verified`, the page's checkpoint and its entries' hashes (`LogVerifier`) are kept in the same transaction.
    @discardableResult
    public func apply(_ page: PullPage, verified: VerifiedPage? = nil) throws -> MergeOutcome {
        try database.writeFromServer { store in
            let changes = try page.changes
            let outcome = try Self.merge(changes, bodies: page.bodies, store)
            if let verified {
                try store.insertLogHashes(verified.hashes, changes: changes, from: verified.checkpoint.size - Int64(verified.hashes.count) + 1)
            }
            try store.updateReplicaState { state in
                state.cursor = page.next
                if let verified { state.checkpoint = verified.checkpoint }
            }
            return outcome
        }
    }

    /// Starts from a snapshot: stores the packed states as they came, and the cursor they include with its verified
    /// checkpoint (once every page is stored).
    public func bootstrap(_ states: [[UInt8]], cursor: Int64?, checkpoint: Checkpoint? = nil) throws {
        try database.writeFromServer { store in
            try store.insertSnapshot(states)
            if let cursor {
                try store.finishSnapshot()
                try store.updateReplicaState { state in
                    state.cursor = cursor
                    if let checkpoint { state.checkpoint = checkpoint }
                }
                if let checkpoint, checkpoint.size > 0 { try store.insertLogAnchor(checkpoint) }
            }
        }
    }

    /// The log position pulled up to.
    public func cursor() throws -> Int64 {
        try database.read { store in try store.replicaState().cursor }
    }

    /// Notes a finished sync and the server's clock.
    public func noteSync(serverTime: Int64?) throws {
        let now = wall()
        try database.write { store in
            try store.updateReplicaState { state in
                state.lastSync = now
                if let serverTime { state.clockOffset = serverTime - now }
            }
        }
    }

    /// Pending changes, rejections, cursor, last sync, clock offset and open conflicts.
    public func status() throws -> ReplicaStatus {
        refreshCatalog()
        return try database.read { store in
            let conflicts = try store.openConflictCount()
            let state = try store.replicaState()
            let settings = state.settings
            return ReplicaStatus(pending: try store.outboxCount(), rejected: try store.rejections(), cursor: state.cursor,
                                 lastSync: state.lastSync, clockOffset: state.clockOffset, conflicts: conflicts, author: settings.author,
                                 team: settings.team, role: settings.role, server: settings.serverURL, confirmed: settings.confirmed)
        }
    }

    /// Merges received changes with their canonical bodies: each new one is kept for history and folded into its
    /// record (`ChangeFold`, as the server's push does); the clock moves past them. Returns how many were new.
    @discardableResult
    static func merge(_ changes: [Change], bodies: [String], _ store: ReplicaStore) throws -> MergeOutcome {
        let known = try store.knownChangeIDs(among: changes)
        var current: [RecordKey: RecordState] = [:]
        for key in ChangeFold.keys(of: changes) { current[key] = try store.state(of: key) }
        var fold = ChangeFold(current: current, knownIDs: known)
        for (change, body) in zip(changes, bodies) { fold.fold(change, body: body) }
        try store.insertPulled(fold.applied)
        var opened: [Conflict] = []
        for (key, state) in fold.changed {
            try store.save(state, isNew: current[key] == nil)
            let before = Set((current[key]?.conflicts ?? []).map(\.field))
            opened += state.conflicts.filter { !before.contains($0.field) }
        }
        if let latest = fold.latest {
            try store.updateReplicaState { state in
                if state.clock.map({ latest > $0 }) ?? true { state.clock = latest }
            }
        }
        return MergeOutcome(applied: fold.applied.count, opened: opened.sorted { ($0.record, $0.field) < ($1.record, $1.field) })
    }
}
