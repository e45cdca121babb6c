import DossierCore
import DossierReplica
import Foundation

/// The change log at scale: fixture pushes, the incremental pull against a long log, and peak RSS while a replica pulls it.
struct ScaleRun {
    /// The server under test.
    let server: ServerProcess
    /// Where the replica files go.
    let folder: String
    /// This executable, for the pull child.
    let binary: String
    /// Changes in the fixture log.
    let log: Int
    /// Incremental rounds.
    var rounds = 20
    /// Records changed per round.
    var modify = 10

    /// Transport options for a user, with a long timeout and no retries.
    func options(_ user: String) -> TransportOptions {
        TransportOptions(baseURL: server.url, token: server.tokens[user]!, requestTimeout: 600, retries: 0)
    }

    /// Pushes `log` creates (batches of 5 000, the protocol's largest), then measures.
    func run(rss: Bool) throws -> [String: Any] {
        var maker = Workload.maker(author: "alice")
        let client = SyncClient(options: options("alice"))
        var creates: [RecordKey: HLC] = [:]
        let t0 = Stats.now()
        for start in stride(from: 0, to: log, by: 5_000) {
            let changes = try Workload.creates(start..<min(start + 5_000, log), maker: &maker, seed: 7)
            if creates.count < 1_000 { for change in changes.prefix(1_000 - creates.count) { creates[change.key] = change.version } }
            let reply = try client.push(bodies: changes.map(CanonicalJSON.text))
            guard reply.receipts.allSatisfy({ $0.status == .accepted }) else { throw BenchError("fixture push refused") }
        }
        let fixtureSeconds = Stats.now() - t0
        var result: [String: Any] = ["log": log, "fixture_push_rps": Double(log) / fixtureSeconds]

        // A replica already at the head: only the incremental pull is measured.
        let bob = try ReplicaSetup.initialise(path: "\(folder)/scale-bob.sqlite", options: options("bob"), name: "bob").0
        let bobClient = SyncClient(options: options("bob"))
        try bob.bootstrap([], cursor: try bobClient.status().cursor)
        var generator = SeededGenerator(seed: 42)
        let keys = creates.keys.sorted()
        var seen = creates
        var pullMS: [Double] = []
        for round in 0..<rounds {
            var changes: [Change] = []
            var chosen = Set<RecordKey>()
            while chosen.count < modify { chosen.insert(keys.randomElement(using: &generator)!) }
            for key in chosen.sorted() {
                let change = try maker.make(.set(field: "summary", value: .string("scale round \(round)"), supersedes: [seen[key]!]), on: key)
                seen[key] = change.version
                changes.append(change)
            }
            _ = try client.push(bodies: changes.map(CanonicalJSON.text))
            let t1 = Stats.now()
            let got = try WorkloadRun.pullLog(bob, bobClient, page: 1_000)
            pullMS.append((Stats.now() - t1) * 1000)
            guard got == modify else { throw BenchError("scale round \(round): pulled \(got)") }
        }
        result["incr_pull_ms"] = Stats.median(pullMS)
        result["incr_pull_ms_min"] = pullMS.min()!
        result["incr_pull_ms_max"] = pullMS.max()!

        if rss {
            // Peak RSS of each side while a fresh replica (its own process) pulls the whole log.
            Stats.resetPeakRSS(pid: server.pid)
            let child = Process()
            child.executableURL = URL(fileURLWithPath: binary)
            child.arguments = ["pull-child", "--url", server.url, "--token", server.tokens["bob"]!, "--path", "\(folder)/rss.sqlite"]
            let out = Pipe()
            child.standardOutput = out
            try child.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            child.waitUntilExit()
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            guard child.terminationStatus == 0,
                  let reply = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw BenchError("pull-child failed: \(line)")
            }
            result["rss_client_mb"] = reply["peak_rss_mb"]
            result["rss_pull_changes"] = reply["pulled"]
            result["rss_pull_s"] = reply["seconds"]
            result["rss_server_mb"] = Stats.peakRSS(pid: server.pid)
        }
        return result
    }

    /// The child process: a fresh replica pulls the whole change log; prints `{"pulled":…,"seconds":…,"peak_rss_mb":…}`.
    static func child(url: String, token: String, path: String) throws {
        let options = TransportOptions(baseURL: url, token: token, requestTimeout: 600, retries: 0)
        let replica = try ReplicaSetup.initialise(path: path, options: options, name: "rss").0
        let t0 = Stats.now()
        let pulled = try WorkloadRun.pullLog(replica, SyncClient(options: options), page: 1_000)
        let seconds = Stats.now() - t0
        let reply: [String: Any] = ["pulled": pulled, "seconds": seconds, "peak_rss_mb": Stats.peakRSS() ?? -1]
        print(String(decoding: try JSONSerialization.data(withJSONObject: reply), as: UTF8.self))
    }
}

/// 32 clients at once, each pushing batches of its own records and pulling pages, each on its own thread.
enum ConcurrentRun {
    /// Runs `clients` × `rounds` (push 500, pull a page of 1 000); reports errors and per-batch latency percentiles.
    static func run(server: ServerProcess, clients: Int, rounds: Int) -> [String: Any] {
        let (samples, seconds) = drive([server], clients: clients, rounds: rounds, seed: 1_000)
        let (pushMS, pullMS, errors) = samples.values()
        return [
            "clients": clients, "rounds": rounds, "errors": errors.count, "first_error": errors.first ?? "",
            "push_p50_ms": Stats.percentile(pushMS, 50), "push_p99_ms": Stats.percentile(pushMS, 99),
            "pull_p50_ms": Stats.percentile(pullMS, 50), "pull_p99_ms": Stats.percentile(pullMS, 99),
            "pushed_rps": Double(pushMS.count * 500) / seconds,
        ]
    }

    /// `clients` threads, client i on server i mod count, each pushing `rounds` batches of 500 new records of its own
    /// (unsigned, as a script would) and pulling a page of 1 000 after each; returns the samples and the wall seconds.
    static func drive(_ servers: [ServerProcess], clients: Int, rounds: Int, seed: UInt64) -> (Samples, Double) {
        let samples = Samples()
        let group = DispatchGroup()
        let t0 = Stats.now()
        for index in 0..<clients {
            let server = servers[index % servers.count]
            let url = server.url, token = server.tokens["alice"]!
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let client = SyncClient(options: TransportOptions(baseURL: url, token: token, retries: 0))
                var maker = Workload.maker(author: "alice")
                var cursor: Int64 = 0
                for round in 0..<rounds {
                    do {
                        let changes = try Workload.creates(round * 500..<(round + 1) * 500, maker: &maker, seed: seed + UInt64(index))
                        var t = Stats.now()
                        let reply = try client.push(bodies: changes.map(CanonicalJSON.text))
                        let push = (Stats.now() - t) * 1000
                        guard reply.receipts.allSatisfy({ $0.status == .accepted }) else { throw BenchError("refused") }
                        t = Stats.now()
                        let page = try client.pull(after: cursor, limit: 1_000)
                        let pull = (Stats.now() - t) * 1000
                        cursor = page.next
                        samples.add(push: push, pull: pull)
                    } catch {
                        samples.fail("\(error)")
                    }
                }
            }
        }
        group.wait()
        return (samples, Stats.now() - t0)
    }
}

/// Latency samples gathered from many threads.
final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private var pushMS: [Double] = [], pullMS: [Double] = [], errors: [String] = []

    /// Adds one round's push and pull latency.
    func add(push: Double, pull: Double) { lock.withLock { pushMS.append(push); pullMS.append(pull) } }
    /// Notes a failed round.
    func fail(_ error: String) { lock.withLock { errors.append(error) } }
    /// Everything so far.
    func values() -> ([Double], [Double], [String]) { lock.withLock { (pushMS, pullMS, errors) } }
}
