import DossierCore
import DossierReplica
import Foundation
import GRDB

/// The Kinto workload through the real client library: PUSH from a replica's outbox, PULL into a fresh replica, INCR rounds.
struct WorkloadRun {
    /// The server under test.
    let server: ServerProcess
    /// Where the replica files go.
    let folder: String
    /// Records pushed.
    let n: Int
    /// Changes per push.
    var batch = 500
    /// Incremental rounds.
    var rounds = 20
    /// Records changed per round.
    var modify = 10
    /// Whether alice's changes are signed and verified (the product's way); unsigned runs strip them, for the ratio.
    var signed = true

    /// Transport options for a user, without retries.
    func options(_ user: String) -> TransportOptions {
        TransportOptions(baseURL: server.url, token: server.tokens[user]!, retries: 0)
    }

    /// A new replica file for a user on this server.
    func replica(_ user: String, _ name: String) throws -> Replica {
        try ReplicaSetup.initialise(path: "\(folder)/\(name).sqlite", options: options(user), name: name).0
    }

    /// Runs every phase; returns the figures.
    func run() throws -> [String: Any] {
        let alice = try replica("alice", "alice")
        // Setup (untimed): the N creates made locally, waiting in alice's outbox.
        for start in stride(from: 0, to: n, by: 5_000) {
            try alice.transaction { editor in
                for i in start..<min(start + 5_000, n) {
                    let record = Workload.record(i)
                    try editor.edit(RecordKey(entity: .incident, id: record.id), steps: [{ _ in .create(fields: record.fields) }])
                }
            }
        }
        let client = SyncClient(options: options("alice"))
        if signed { try alice.bindDevice(with: client) } else { try Self.stripSignatures("\(folder)/alice.sqlite") }
        var pusher = Synchronizer(replica: alice, client: client)
        pusher.pushBatch = batch
        // PUSH: the Synchronizer's push loop, timed.
        let cpu0 = server.cpuSeconds() ?? 0
        var t0 = Stats.now()
        var pushSummary = SyncSummary()
        try pusher.pushOutbox(into: &pushSummary)
        let pushed = pushSummary.pushed
        let pushSeconds = Stats.now() - t0
        let pushCPU = (server.cpuSeconds() ?? 0) - cpu0
        guard pushed == n else { throw BenchError("push: \(pushed) of \(n) accepted") }

        // PULL: a fresh replica's first sync (a snapshot bootstrap), timed.
        let bob = try replica("bob", "bob")
        t0 = Stats.now()
        let summary = try Synchronizer(replica: bob, client: SyncClient(options: options("bob"))).run()
        let pullSeconds = Stats.now() - t0
        let have = try Self.count("\(folder)/bob.sqlite", "records")
        guard have == n else { throw BenchError("pull: bob has \(have) of \(n) records (\(summary.line))") }

        // LOG PULL: a fresh replica reads the whole change log page by page (what a non-fresh replica does).
        let carol = try replica("bob", "carol")
        let carolClient = SyncClient(options: options("bob"))
        t0 = Stats.now()
        let logged = try Self.pullLog(carol, carolClient, page: 1_000)
        let logSeconds = Stats.now() - t0
        guard logged == n else { throw BenchError("log pull: \(logged) of \(n)") }

        // INCR: 10 records changed by alice, pushed, then bob's pull timed (and carol's whole sync).
        var generator = SeededGenerator(seed: 42)
        var pullMS: [Double] = [], syncMS: [Double] = [], pushMS: [Double] = []
        let bobClient = SyncClient(options: options("bob"))
        for round in 0..<rounds {
            var chosen = Set<Int>()
            while chosen.count < min(modify, n) { chosen.insert(Int.random(in: 0..<n, using: &generator)) }
            try alice.transaction { editor in
                for i in chosen.sorted() {
                    try editor.edit(Workload.key(i), steps: [{ state in
                        try Edit.set("summary", to: .string("updated in round \(round) for record \(i)"), in: state)
                    }])
                }
            }
            if !signed { try Self.stripSignatures("\(folder)/alice.sqlite") }
            t0 = Stats.now()
            var roundPush = SyncSummary()
            try pusher.pushOutbox(into: &roundPush)
            pushMS.append((Stats.now() - t0) * 1000)
            t0 = Stats.now()
            let got = try Self.pullLog(bob, bobClient, page: 1_000)
            pullMS.append((Stats.now() - t0) * 1000)
            guard got == chosen.count else { throw BenchError("round \(round): pulled \(got), expected \(chosen.count)") }
            t0 = Stats.now()
            let sync = try Synchronizer(replica: carol, client: carolClient).run()
            syncMS.append((Stats.now() - t0) * 1000)
            guard sync.pulled == chosen.count else { throw BenchError("round \(round): carol synced \(sync.pulled)") }
        }
        return [
            "n": n, "batch": batch,
            "push_s": pushSeconds, "push_rps": Double(n) / pushSeconds, "push_server_cpu_s": pushCPU,
            "pull_s": pullSeconds, "pull_rps": Double(n) / pullSeconds,
            "log_pull_s": logSeconds, "log_pull_rps": Double(n) / logSeconds,
            "incr_pull_ms": Stats.median(pullMS), "incr_pull_ms_min": pullMS.min()!, "incr_pull_ms_max": pullMS.max()!,
            "incr_sync_ms": Stats.median(syncMS), "incr_push_ms": Stats.median(pushMS),
            "body_bytes_mean": try Self.meanBody("\(folder)/alice.sqlite"),
        ]
    }

    /// The Synchronizer's pull loop: pages from the replica's cursor until the server has no more; returns changes merged.
    /// With `BENCH_TRACE` set, each page's request and apply times go to stderr.
    static func pullLog(_ replica: Replica, _ client: SyncClient, page: Int) throws -> Int {
        var synchronizer = Synchronizer(replica: replica, client: client)
        synchronizer.pullPage = page
        let trace = ProcessInfo.processInfo.environment["BENCH_TRACE"] != nil
        var summary = SyncSummary()
        try synchronizer.pullPages(into: &summary, page: { timing in
            guard trace else { return }
            FileHandle.standardError.write(Data("pull \(timing.changes): http \(micros(timing.fetch)) us, apply \(micros(timing.apply)) us\n".utf8))
        })
        return summary.pulled
    }

    /// Rewrites a replica's waiting changes without `prev` and `sig`, as a client without a device key sends them.
    static func stripSignatures(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            for row in try Row.fetchAll(db, sql: "SELECT change_id, body FROM outbox") {
                var change = try JSONDecoder().decode(Change.self, from: Data((row[1] as String).utf8))
                (change.prev, change.sig) = (nil, nil)
                let body = CanonicalJSON.text(change)
                try db.execute(sql: "UPDATE outbox SET body = ? WHERE change_id = ?", arguments: [body, row[0] as String])
                try db.execute(sql: "UPDATE changes SET body = ? WHERE change_id = ?", arguments: [body, row[0] as String])
            }
        }
    }

    /// A duration in whole microseconds.
    static func micros(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000)
    }

    /// Rows in a table of a SQLite file.
    static func count(_ path: String, _ table: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// The mean change body length in a replica file.
    static func meanBody(_ path: String) throws -> Double {
        try DatabaseQueue(path: path).read { db in try Double.fetchOne(db, sql: "SELECT AVG(LENGTH(body)) FROM changes") ?? 0 }
    }
}

/// The floor: the same change bodies inserted into SQLite with one prepared statement in one transaction.
enum RawFloor {
    /// Inserts N rows like the server's `changes` table (WAL, synchronous NORMAL as the server); returns rows/s.
    static func run(n: Int, folder: String) throws -> [String: Any] {
        var maker = Workload.maker(author: "alice")
        let changes = try Workload.creates(0..<n, maker: &maker)
        let rows = changes.map { ($0.id.description, $0.record, CanonicalJSON.text($0)) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: "\(folder)/floor.sqlite", configuration: configuration)
        try pool.write { db in
            try db.execute(sql: """
                CREATE TABLE changes (team_id INTEGER NOT NULL, seq INTEGER NOT NULL, change_id TEXT NOT NULL, record TEXT NOT NULL,
                    body TEXT NOT NULL, PRIMARY KEY (team_id, seq), UNIQUE (team_id, change_id))
                """)
        }
        let t0 = Stats.now()
        try pool.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO changes (team_id, seq, change_id, record, body) VALUES (1, ?, ?, ?, ?)")
            for (index, row) in rows.enumerated() {
                try statement.execute(arguments: [index + 1, row.0, row.1, row.2])
            }
        }
        let seconds = Stats.now() - t0
        try pool.close()
        return ["n": n, "floor_s": seconds, "floor_rps": Double(n) / seconds]
    }
}
