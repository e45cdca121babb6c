import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// SIGKILL mid-sync (client) and mid-push (server): afterwards every change is on the server exactly once and all converge.
/// DOSSIER_CRASH_KILLS / DOSSIER_SERVER_KILLS raise the counts (scripts/crash-test.sh), DOSSIER_CRASH_SEED replays a run.
@Suite(.serialized) struct CrashTests {
    /// Incidents each laptop imports per round of the client test.
    static let perRound = 150

    /// Three laptops sync again and again: most syncs are SIGKILLed within a sync's usual duration, one in five finishes.
    @Test func clientsKilledMidSyncLoseNothingAndDuplicateNothing() throws {
        let target = environmentCount("DOSSIER_CRASH_KILLS", default: 25)
        var rng = SeededGenerator(seed: SeededGenerator.seed(for: "CrashTests.clients"))
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor"), ("layla", "editor")]) { server in
            let laptops = try [("amina", "laptopA"), ("omar", "laptopB"), ("layla", "laptopC")].map { user, name in
                try server.laptop(for: user, name: name)
            }
            let base = try KabulBase.record(on: laptops[0])
            let ledger = ChangeLedger()
            try ledger.noteOutboxes(of: laptops)
            try syncInOrder(laptops)

            var kills = 0, finished = 0, round = 0, typical = 0.3
            var phases: [String: Int] = [:]
            let started = Date()
            while kills < target {
                round += 1
                for laptop in laptops {
                    try laptop.importIncidents(Self.perRound, label: "r\(round)-\(laptop.user)", using: &rng)
                    try laptop.ok("incident", "edit", base.airport, "--add-tag", "r\(round)-\(laptop.user)")
                }
                try ledger.noteOutboxes(of: laptops)
                for _ in 0..<3 {
                    for laptop in laptops.shuffled(using: &rng) where kills < target {
                        if Int.random(in: 0..<5, using: &rng) == 0 {
                            let clock = Date()
                            try laptop.sync() // a sync let finish must succeed whatever the kills before it left
                            typical = (typical + Date().timeIntervalSince(clock)) / 2
                            finished += 1
                            continue
                        }
                        let before = try ReplicaProgress(of: laptop), logBefore = try server.logCounts().total
                        let sync = try laptop.start(["sync"])
                        Thread.sleep(forTimeInterval: Double.random(in: 0...max(0.3, typical), using: &rng))
                        sync.kill()
                        let result = try sync.wait()
                        if result.status == 128 + SIGKILL {
                            kills += 1
                            var phase = try ReplicaProgress(of: laptop).phase(since: before)
                            if phase == ReplicaProgress.nothing, try server.logCounts().total > logBefore {
                                phase = "push stored, receipts not yet settled" // the retry must be a no-op
                            }
                            phases[phase, default: 0] += 1
                        } else {
                            #expect(result.status == 0, "a sync that ended before its kill: \(result)")
                            finished += 1
                        }
                    }
                }
            }
            print("CrashTests.clients: \(kills) kills, \(finished) syncs let finish, \(round) rounds, "
                  + "\(String(format: "%.0f", Date().timeIntervalSince(started))) s; where the kills landed: "
                  + phases.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

            try syncInOrder(laptops + laptops) // the second round brings each the others' last pushes
            let fresh = try server.laptop(for: "amina", name: "fresh")
            try fresh.sync()
            let export = try ledger.expectExactlyOnceAndConverged(server: server, laptops: laptops, fresh: fresh)
            #expect(try liveIncidents(in: export) == 3 + Self.perRound * laptops.count * round)
            #expect(kills >= target)
            #expect(phases.filter { $0.key != ReplicaProgress.nothing }.values.reduce(0, +) > 0,
                    "no kill landed after a sync had written anything: \(phases)")
        }
    }

    /// The server is SIGKILLed once a push has stored a batch and restarted on its port: sync exits 3 (or 0), the next completes.
    @Test func serverKilledMidPushLosesNothingAndDuplicatesNothing() throws {
        let target = environmentCount("DOSSIER_SERVER_KILLS", default: 5)
        var rng = SeededGenerator(seed: SeededGenerator.seed(for: "CrashTests.server"))
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "omar", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let ledger = ChangeLedger()
            try ledger.noteOutboxes(of: [a])
            try syncInOrder([a, b])

            var midPush = 0, exits: [Int32: Int] = [:], imported = 0
            let started = Date()
            for kill in 1...max(1, target) {
                if try a.outboxIDs().count < 600 {
                    try a.importIncidents(700, label: "s\(kill)", using: &rng) // two push batches
                    imported += 700
                }
                try b.ok("incident", "edit", base.airport, "--add-tag", "server-kill-\(kill)")
                try ledger.noteOutboxes(of: [a, b])
                let pending = try a.outboxIDs().count
                let stored = try server.logCounts().total
                let retries = Bool.random(using: &rng) ? "0" : "4"
                let sync = try a.start(["sync", "--retries", retries, "--timeout", "20"])
                var seen = stored
                let deadline = Date().addingTimeInterval(30)
                while seen == stored, sync.isRunning, Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.003)
                    seen = try server.logCounts().total
                }
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.1, using: &rng))
                seen = try server.logCounts().total
                let pushing = sync.isRunning && seen > stored && seen < stored + pending
                let port = server.port
                try server.killHard()
                if pushing { midPush += 1 }
                let result: ProcessResult
                if retries == "0" { // no retry: the sync gives up while the server is down, then it comes back
                    result = try sync.wait(timeout: 120)
                    try server.start(port: port)
                } else { // the retries outlast the restart
                    try server.start(port: port)
                    result = try sync.wait(timeout: 120)
                }
                exits[result.status, default: 0] += 1
                let allowed: Set<Int32> = !pushing ? [0, 3] : retries == "0" ? [3] : [0]
                #expect(allowed.contains(result.status), "sync --retries \(retries) across a server kill: \(result)")
                if result.status == 3 {
                    #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("error: "), "\(result.stderr)")
                }
                try a.sync() // the next sync completes
                #expect(try a.outboxIDs().isEmpty, "kill \(kill): the outbox is empty after a clean sync")
            }
            print("CrashTests.server: \(max(1, target)) server kills, \(midPush) while a push was half done, exits "
                  + exits.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                  + ", \(String(format: "%.0f", Date().timeIntervalSince(started))) s")

            try syncInOrder([b, a, b])
            let fresh = try server.laptop(for: "omar", name: "fresh")
            try fresh.sync()
            let export = try ledger.expectExactlyOnceAndConverged(server: server, laptops: [a, b], fresh: fresh)
            #expect(try liveIncidents(in: export) == 3 + imported)
            #expect(midPush > 0, "no kill landed while a push was half done")
        }
    }
}

/// How far a killed sync got, from the replica file: outbox, cursor, last sync, or a cut-off transaction's hot journal.
struct ReplicaProgress: Equatable {
    /// The phase name for a kill before the sync wrote anything.
    static let nothing = "before any write"
    /// Changes waiting in the outbox.
    let outbox: Int
    /// The pull cursor.
    let cursor: Int
    /// When the last sync finished.
    let lastSync: String?
    /// Whether a cut-off transaction's journal is beside the file.
    let hotJournal: Bool

    /// Reads the replica's progress (without opening it when a journal shows a cut-off transaction).
    init(of laptop: Laptop) throws {
        let journal = laptop.replica.path + "-journal"
        hotJournal = ((try? FileManager.default.attributesOfItem(atPath: journal))?[.size] as? Int ?? 0) > 0
        guard !hotJournal else { (outbox, cursor, lastSync) = (-1, -1, nil); return }
        let path = laptop.replica.path
        outbox = try SQLiteFile.integer(path, "SELECT COUNT(*) FROM outbox")
        cursor = try SQLiteFile.integer(path, "SELECT COALESCE((SELECT cursor FROM replica_state), 0)")
        lastSync = try SQLiteFile.strings(path, "SELECT last_sync FROM replica_state").first
    }

    /// Where a sync that started at `before` was when it was killed.
    func phase(since before: ReplicaProgress) -> String {
        if hotJournal { return "inside a write transaction" }
        if lastSync != before.lastSync { return "after its last write" }
        if cursor != before.cursor { return "mid-pull (pages merged)" }
        if outbox < before.outbox { return outbox == 0 ? "after the push" : "mid-push (batches settled)" }
        return Self.nothing
    }
}
