import DossierCore
import DossierTrust
import Foundation

/// What one sync did.
public struct SyncSummary: Sendable, Codable, Equatable {
    /// Changes the server stored now.
    public var pushed = 0
    /// Changes the server already had (a retried push).
    public var alreadyHad = 0
    /// Changes the server refused: id and reason.
    public var rejected: [String: String] = [:]
    /// Refused changes stamped ahead of the server's clock (`clock_ahead`), to re-stamp.
    var clockAhead: Set<String> = []
    /// Changes pulled and merged.
    public var pulled = 0
    /// Evidence files uploaded before the changes that name them.
    public var filesUploaded = 0
    /// Changes re-stamped because this laptop's clock was ahead of the server's.
    public var restamped = 0
    /// Why nothing could be pushed (a viewer's replica with local changes), if so.
    public var pushRefused: String?
    /// Records taken from a snapshot, when the replica started from one.
    public var bootstrapped = 0
    /// The server's clock minus this laptop's, in ms.
    public var clockOffset: Int64 = 0
    /// The conflicts the pulled changes opened, as "RECORD-ID FIELD", by record then field.
    public var newConflicts: [String] = []

    /// An empty summary: nothing done yet.
    public init() {}

    /// The one-line summary `dossier sync` prints.
    public var line: String {
        var parts = ["pushed \(pushed)", "pulled \(pulled)"]
        if filesUploaded > 0 { parts.append("\(filesUploaded) file\(filesUploaded == 1 ? "" : "s") uploaded") }
        if bootstrapped > 0 { parts.append("bootstrapped \(bootstrapped) records") }
        if alreadyHad > 0 { parts.append("\(alreadyHad) already on the server") }
        if restamped > 0 { parts.append("\(restamped) re-stamped (this laptop's clock is ahead)") }
        if !rejected.isEmpty { parts.append("\(rejected.count) rejected") }
        var line = parts.joined(separator: ", ")
        if !newConflicts.isEmpty {
            line += "; \(newConflicts.count) new conflict\(newConflicts.count == 1 ? "" : "s") — dossier conflicts"
        }
        return line
    }
}

/// Push, then pull: the outbox in batches until the server has everything, then pages until up to date.
public struct Synchronizer: Sendable {
    /// The phase reported to a progress display.
    public enum Phase: String, Sendable { case push, bootstrap, pull, upload, download }

    /// Changes per push.
    public var pushBatch = 500
    /// Changes per pull page.
    public var pullPage = 1_000
    /// Records asked for per snapshot page: the most the server gives, since a page costs a request and a checkpoint.
    public var snapshotPage = SyncProtocol.maxPullLimit
    /// How far the clocks may differ before the summary warns.
    public static let clockWarning: Int64 = 5 * 60 * 1000

    let replica: Replica
    let client: SyncClient

    /// A synchronizer for a replica over a client.
    public init(replica: Replica, client: SyncClient) {
        self.replica = replica
        self.client = client
    }

    /// Runs one sync; `progress` gets (phase, done, total if known).
    public func run(progress: (Phase, Int, Int?) -> Void = { _, _, _ in }) throws -> SyncSummary {
        do {
            return try runChecked(progress: progress)
        } catch let error as TransportError {
            throw replica.accountRefusal(error) ?? error
        }
    }

    /// One sync, with the account confirmed (or refused) before anything is sent.
    private func runChecked(progress: (Phase, Int, Int?) -> Void) throws -> SyncSummary {
        var summary = SyncSummary()
        let status = try client.status(held: try replica.heldCheckpoint()?.size ?? replica.cursor())
        summary.clockOffset = status.serverTime - replica.wall()
        try replica.confirmAccount(status)
        // The log must still pass through the checkpoint held here before anything is pushed onto it.
        try LogVerifier(replica: replica, client: client).check(status)
        try replica.bindDevice(with: client)
        try replica.adoptServerTime(status.serverTime)
        try push(into: &summary, canPush: status.role.canPush, progress: progress)
        // Changes stamped in the server's future were refused, so no one has them: re-stamp and send again.
        let ahead = summary.clockAhead
        summary.clockAhead = []
        if try replica.restamp(ahead) > 0 {
            summary.restamped = ahead.count
            for id in ahead { summary.rejected[id] = nil }
            try push(into: &summary, canPush: status.role.canPush, progress: progress)
        }
        try bootstrapIfNew(into: &summary, head: status.cursor, progress: progress)
        try pullPages(into: &summary, head: status.cursor, progress: progress)
        try replica.noteSync(serverTime: status.serverTime)
        return summary
    }

    /// Sends the outbox in batches of `pushBatch` until the server has seen all of it, settling each batch's
    /// receipts and counting them into `summary`; `progress` gets (push, done, total).
    public func pushOutbox(into summary: inout SyncSummary, progress: (Phase, Int, Int?) -> Void = { _, _, _ in }) throws {
        let total = try replica.pendingCount()
        guard total > 0 else { return }
        var position: Int64 = 0
        var done = 0
        while true {
            let batch = try replica.outboxBodies(after: position, limit: pushBatch)
            guard batch.count > 0 else { break }
            if let transfer = client.blobs.map({ EvidenceTransfer(replica: replica, blobs: $0) }) {
                summary.filesUploaded += try transfer.upload(try replica.evidenceToUpload(in: batch.bodies), progress: progress)
            }
            let reply = try client.push(bodies: batch.bodies)
            try replica.settle(reply.receipts)
            for receipt in reply.receipts {
                switch receipt.status {
                case .accepted: summary.pushed += 1
                case .alreadyHad: summary.alreadyHad += 1
                case .rejected:
                    summary.rejected[receipt.id] = "\(receipt.code?.rawValue ?? "rejected"): \(receipt.message ?? "")"
                    if receipt.code == .clockAhead { summary.clockAhead.insert(receipt.id) }
                }
            }
            position = batch.last
            done += batch.count
            progress(.push, done, total)
        }
    }

    /// Pulls pages of `pullPage` changes from the replica's cursor until the server has no more, merging each
    /// and counting the new ones into `summary`; `progress` gets (pull, cursor, head), `page` each page's timing.
    public func pullPages(into summary: inout SyncSummary, head: Int64 = 0, progress: (Phase, Int, Int?) -> Void = { _, _, _ in },
                          page: (PageTiming) -> Void = { _ in }) throws {
        let client = client, limit = pullPage
        let verifier = try LogVerifier(replica: replica, client: client)
        var changes = try ChangeVerifier(replica: replica, client: client, serverKey: verifier.key, team: verifier.team)
        var held = try replica.heldCheckpoint() ?? verifier.check(try client.status(held: try verifier.heldSize()))
        var start = ContinuousClock.now
        var reply = try client.pull(after: try replica.cursor(), limit: limit)
        while true {
            let fetched = ContinuousClock.now
            // The next page is on its way while this one is merged; the cursor still moves only with a merge.
            let next = reply.more ? Prefetch { [after = reply.next] in try client.pull(after: after, limit: limit) } : nil
            let verified = try verifier.check(reply, after: held)
            try changes.check(reply, first: held.size + 1)
            held = verified.checkpoint
            let outcome = try replica.apply(reply, verified: verified)
            summary.pulled += outcome.applied
            summary.newConflicts += outcome.opened.map { "\($0.record.id) \($0.field)" }
            page(PageTiming(changes: reply.bodies.count, fetch: fetched - start, apply: ContinuousClock.now - fetched))
            progress(.pull, Int(reply.next), Int(max(head, reply.next)))
            guard let next else { break }
            start = ContinuousClock.now
            reply = try next.value()
        }
    }

    private func push(into summary: inout SyncSummary, canPush: Bool, progress: (Phase, Int, Int?) -> Void) throws {
        guard canPush else {
            if try replica.pendingCount() > 0 {
                summary.pushRefused = "viewers can read but not push changes; ask a team admin for the editor role"
            }
            return
        }
        try pushOutbox(into: &summary, progress: progress)
    }

    /// A replica that holds nothing yet starts from the server's snapshot instead of replaying the whole log.
    private func bootstrapIfNew(into summary: inout SyncSummary, head: Int64, progress: (Phase, Int, Int?) -> Void) throws {
        guard try replica.cursor() == 0, try replica.allChangesCount() == 0, head > 0 else { return }
        let client = client, limit = snapshotPage
        var page = try client.snapshot(after: nil, limit: limit)
        let first = page.cursor
        let checkpoint = try LogVerifier(replica: replica, client: client).signed(page.checkpoint, what: "snapshot")
        guard checkpoint.size == first else {
            throw ReplicaError.unverifiableLog("the snapshot's checkpoint is at entry \(checkpoint.size), not at its cursor \(first)")
        }
        while true {
            let next = page.nextAfter.map { after in Prefetch { try client.snapshot(after: after, limit: limit) } }
            try replica.bootstrap(page.states, cursor: nil)
            summary.bootstrapped += page.states.count
            progress(.bootstrap, summary.bootstrapped, nil)
            guard let next else { break }
            page = try next.value()
        }
        // The cursor is stored only once every page is: a crash mid-way restarts the bootstrap.
        try replica.bootstrap([], cursor: first, checkpoint: checkpoint)
    }
}

/// How long one pulled page took: the request, then merging it into the replica.
public struct PageTiming: Sendable {
    /// Changes on the page.
    public var changes: Int
    /// Waiting for the decoded reply (after the first page, the request started while the previous page was merged).
    public var fetch: Duration
    /// Merging the page into the replica (one transaction).
    public var apply: Duration
}
