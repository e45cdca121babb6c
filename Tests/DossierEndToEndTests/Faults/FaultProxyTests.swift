import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Resets, cut-off replies, delays and a silent server between laptop and server: sync exits 0 or 3, never hangs,
/// and once the network is back the next sync completes, each change stored exactly once, every replica converged.
@Suite(.serialized) struct FaultProxyTests {
    /// One fault, the requests it hits, the client's request timeout, and the exit codes the faulted sync may have.
    struct Scenario: CustomStringConvertible, Sendable {
        /// What the proxy does.
        let fault: Fault
        /// The request-line prefix the fault applies to; nil: every request.
        let only: String?
        /// `dossier sync --timeout`.
        let timeout: Double
        /// The exit codes allowed for the faulted sync (always a subset of 0 and 3).
        let exits: Set<Int32>

        /// The scenario in words.
        var description: String { "\(fault) on \(only ?? "every request") (--timeout \(timeout))" }
    }

    /// Pushes go to this endpoint.
    static let push = "POST /v1/changes"
    /// Pulls come from this one.
    static let pull = "GET /v1/changes"

    /// Every kind of fault, on every request or on pushes or pulls only.
    static let scenarios: [Scenario] = [
        Scenario(fault: .reset(afterBytes: 0), only: push, timeout: 10, exits: [3]),     // stored, but the receipts are lost
        Scenario(fault: .reset(afterBytes: 400), only: push, timeout: 10, exits: [3]),   // receipts cut mid-body
        Scenario(fault: .reset(afterBytes: 300), only: pull, timeout: 10, exits: [3]),   // a pulled page cut mid-body
        Scenario(fault: .reset(afterBytes: 0), only: nil, timeout: 10, exits: [3]),      // nothing ever answers
        Scenario(fault: .truncate(afterBytes: 40), only: nil, timeout: 10, exits: [3]),  // cut in the headers
        Scenario(fault: .truncate(afterBytes: 400), only: push, timeout: 10, exits: [3]),
        Scenario(fault: .truncate(afterBytes: 300), only: pull, timeout: 10, exits: [3]),
        Scenario(fault: .delay(seconds: 2), only: nil, timeout: 1, exits: [3]),          // slower than the client waits
        Scenario(fault: .delay(seconds: 0.3), only: nil, timeout: 10, exits: [0]),       // slow but within the timeout
        Scenario(fault: .blackHole, only: nil, timeout: 2, exits: [3]),                  // a server that stops answering
        Scenario(fault: .blackHole, only: push, timeout: 2, exits: [3]),
    ]

    /// Each scenario in turn on one team: a faulted sync, then clean syncs; at the end, exactly once and converged.
    @Test func everyFaultEndsInExit0Or3AndTheNextSyncCompletesExactlyOnce() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor")]) { server in
            let proxy = try FaultProxy(upstreamPort: server.port)
            defer { proxy.stop() }
            let a = try Self.laptop(for: "amina", name: "laptopA", server: server, proxy: proxy)
            let b = try Self.laptop(for: "omar", name: "laptopB", server: server, proxy: proxy)
            let base = try KabulBase.record(on: a)
            let ledger = ChangeLedger()
            var rng = SeededGenerator(seed: SeededGenerator.seed(for: "FaultProxyTests"))
            try ledger.noteOutboxes(of: [a])
            try syncInOrder([a, b])

            for (index, scenario) in Self.scenarios.enumerated() {
                try a.importIncidents(150, label: "fault\(index)", using: &rng)
                try b.ok("incident", "edit", base.airport, "--add-tag", "fault-\(index)")
                try ledger.noteOutboxes(of: [a, b])
                let pendingBefore = try a.outboxIDs().count
                let faultedBefore = proxy.stats.faulted
                proxy.set(scenario.fault, only: scenario.only)
                let started = Date()
                let faulted = try a.run(["sync", "--timeout", String(scenario.timeout), "--connect-timeout", "2", "--retries", "1"])
                let seconds = Date().timeIntervalSince(started)
                proxy.set(.pass)
                print("FaultProxyTests: \(scenario): exit \(faulted.status) in \(String(format: "%.1f", seconds)) s")

                #expect(scenario.exits.contains(faulted.status), "\(scenario): \(faulted)")
                #expect(proxy.stats.faulted > faultedBefore, "\(scenario): the fault never fired")
                if faulted.status == 3 {
                    #expect(faulted.stderrLines.count == 1 && faulted.stderr.hasPrefix("error: "), "\(scenario): \(faulted.stderr)")
                }
                #expect(try a.outboxIDs().count <= pendingBefore, "\(scenario): the outbox grew")

                let recovered = try a.json("sync")
                if scenario.fault == .reset(afterBytes: 0), scenario.only == Self.push {
                    #expect(recovered["alreadyHad"]?.int == pendingBefore,
                            "\(scenario): what the server stored before each reset is acknowledged as already there: \(recovered)")
                }
                try b.sync()
                #expect(try a.outboxIDs().isEmpty && b.outboxIDs().isEmpty, "\(scenario): a clean sync empties the outbox")
            }
            try a.sync()
            let fresh = try Self.laptop(for: "omar", name: "fresh", server: server, proxy: proxy)
            try fresh.sync()
            let export = try ledger.expectExactlyOnceAndConverged(server: server, laptops: [a, b], fresh: fresh)
            #expect(try liveIncidents(in: export) == 3 + 150 * Self.scenarios.count)
        }
    }

    /// The server stops answering in the middle of a push (the proxy is switched while the sync runs): the sync exits 3,
    /// and once the server answers again the next sync completes, exactly once.
    @Test func aServerThatStopsAnsweringMidPushIsSurvived() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor")]) { server in
            let proxy = try FaultProxy(upstreamPort: server.port)
            defer { proxy.stop() }
            let a = try Self.laptop(for: "amina", name: "laptopA", server: server, proxy: proxy)
            let b = try Self.laptop(for: "omar", name: "laptopB", server: server, proxy: proxy)
            var rng = SeededGenerator(seed: SeededGenerator.seed(for: "FaultProxyTests.midPush"))
            try a.importIncidents(1_500, label: "mid-push", using: &rng) // three push batches
            let ledger = ChangeLedger()
            try ledger.noteOutboxes(of: [a])

            let sync = try a.start(["sync", "--timeout", "2", "--connect-timeout", "2", "--retries", "1"])
            let deadline = Date().addingTimeInterval(30)
            while try server.logCounts().total == 0, sync.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            proxy.set(.blackHole)
            let stored = try server.logCounts().total
            let faulted = try sync.wait(timeout: 60)
            proxy.set(.pass)
            #expect(stored > 0 && stored < 1_500, "the switch came mid-push: \(stored) of 1500 stored")
            #expect(faulted.status == 3, "\(faulted)")
            #expect(faulted.stderrLines.count == 1 && faulted.stderr.hasPrefix("error: "), "\(faulted.stderr)")
            #expect(proxy.stats.faulted > 0, "the black hole swallowed nothing")

            try a.sync()
            try b.sync()
            let fresh = try Self.laptop(for: "omar", name: "fresh", server: server, proxy: proxy)
            try fresh.sync()
            try ledger.expectExactlyOnceAndConverged(server: server, laptops: [a, b], fresh: fresh)
        }
    }

    /// A laptop whose replica talks to the server through the proxy (`dossier init --server PROXY_URL`).
    private static func laptop(for user: String, name: String, server: TeamServer, proxy: FaultProxy) throws -> Laptop {
        let token = try server.tokens[user].orThrow("no user \(user)")
        let laptop = Laptop(user: user, replica: server.folder.file("\(name).sqlite"), home: server.folder.url)
        try laptop.ok("init", "--server", proxy.url, "--token", token, "--name", name)
        return laptop
    }
}
