import DossierCore
import Foundation

/// What one sync did.
public struct SyncSummary: Sendable, Codable, Equatable {
    /// Changes the server stored now.
    public var pushed = 0
    /// Changes the server already had (a retried push).
    public var alreadyHad = 0
    /// Changes the server refused: id and reason.
    public var rejected: [String: String] = [:]
    /// Changes pulled and merged.
    public var pulled = 0
    /// Changes re-stamped because this laptop's clock was ahead of the server's.
    public var restamped = 0
    /// Why nothing could be pushed (a viewer's replica with local changes), if so.
    public var pushRefused: String?
    /// Records taken from a snapshot, when the replica started from one.
    public var bootstrapped = 0
    /// The server's clock minus this laptop's, in ms.
    public var clockOffset: Int64 = 0

    /// The one-line summary `dossier sync` prints.
    public var line: String {
        var parts = ["pushed \(pushed)", "pulled \(pulled)"]
        if bootstrapped > 0 { parts.append("bootstrapped \(bootstrapped) records") }
        if alreadyHad > 0 { parts.append("\(alreadyHad) already on the server") }
        if restamped > 0 { parts.append("\(restamped) re-stamped (this laptop's clock is ahead)") }
        if !rejected.isEmpty { parts.append("\(rejected.count) rejected") }
        return parts.joined(separator: ", ")
    }
}

/// Push, then pull: the outbox in batches until the server has everything, then pages until up to date.
public struct Synchronizer: Sendable {
    /// The phase reported to a progress display.
    public enum Phase: String, Sendable { case push, bootstrap, pull }

    /// Changes per push.
    public var pushBatch = 500
    /// Changes per pull page.
    public var pullPage = 1_000
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
        var summary = SyncSummary()
        let settings = try replica.settings()
        let status = try client.status()
        summary.clockOffset = status.serverTime - replica.wall()
        guard status.user == settings.author else {
            throw ReplicaError.refused("the token belongs to '\(status.user)' but this replica writes as '\(settings.author)'; use your own token")
        }
        try replica.adoptServerTime(status.serverTime)
        try push(into: &summary, canPush: status.role.canPush, progress: progress)
        // Changes stamped in the server's future were refused, so no one has them: re-stamp and send again.
        let ahead = Set(summary.rejected.filter { $0.value.hasPrefix("clock_ahead") }.keys)
        if try replica.restamp(ahead) > 0 {
            summary.restamped = ahead.count
            for id in ahead { summary.rejected[id] = nil }
            try push(into: &summary, canPush: status.role.canPush, progress: progress)
        }
        try pull(into: &summary, head: status.cursor, progress: progress)
        try replica.noteSync(serverTime: status.serverTime)
        return summary
    }

    private func push(into summary: inout SyncSummary, canPush: Bool, progress: (Phase, Int, Int?) -> Void) throws {
        let total = try replica.pendingCount()
        guard total > 0 else { return }
        guard canPush else {
            summary.pushRefused = "viewers can read but not push changes; ask a team admin for the editor role"
            return
        }
        var position: Int64 = 0
        var done = 0
        while true {
            let batch = try replica.outbox(after: position, limit: pushBatch)
            guard !batch.changes.isEmpty else { break }
            let reply = try client.push(batch.changes)
            try replica.settle(reply.receipts)
            for receipt in reply.receipts {
                switch receipt.status {
                case .accepted: summary.pushed += 1
                case .alreadyHad: summary.alreadyHad += 1
                case .rejected: summary.rejected[receipt.id] = "\(receipt.code ?? "rejected"): \(receipt.message ?? "")"
                }
            }
            position = batch.last
            done += batch.changes.count
            progress(.push, done, total)
        }
    }

    private func pull(into summary: inout SyncSummary, head: Int64, progress: (Phase, Int, Int?) -> Void) throws {
        var cursor = try replica.cursor()
        if cursor == 0, try replica.allChangesCount() == 0, head > 0 {
            var after: String?
            var first: Int64?
            repeat {
                let page = try client.snapshot(after: after, limit: pullPage)
                first = first ?? page.cursor
                try replica.bootstrap(page.records, cursor: nil)
                summary.bootstrapped += page.records.count
                progress(.bootstrap, summary.bootstrapped, nil)
                after = page.nextAfter
            } while after != nil
            // The cursor is stored only once every page is: a crash mid-way restarts the bootstrap.
            cursor = first ?? 0
            try replica.bootstrap([], cursor: cursor)
        }
        while true {
            let page = try client.pull(after: cursor, limit: pullPage)
            summary.pulled += try replica.apply(page)
            cursor = page.next
            progress(.pull, Int(cursor), Int(max(head, cursor)))
            if !page.more { break }
        }
    }
}
