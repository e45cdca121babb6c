import DossierCore
import DossierReplica
import Foundation

/// Two `dossier-server` processes on one PostgreSQL database, clients split between them: errors, whether both serve the
/// same log and replicas converge whichever they sync with, and the aggregate push rate beside one server's.
enum TwoServersRun {
    /// Runs `clients` clients (half on each server) × `rounds` pushes of 500 own records; then each server's log is read
    /// whole, and two new replicas in `folder` sync, one from each server (a snapshot, the whole log), and are compared.
    /// Then the same load on one server, for the ratio.
    static func run(binary: String, store: String, folder: String, clients: Int, rounds: Int) throws -> [String: Any] {
        let first = try ServerProcess.start(binary: binary, store: store, users: ["alice", "bob"])
        defer { first.stop() }
        let second = try ServerProcess.attach(binary: binary, store: store, tokens: first.tokens)
        defer { second.stop() }
        let split = try load([first, second], clients: clients, rounds: rounds, seed: 5_000)
        let logs = try [first, second].map { server in try readLog(server) }
        let pushed = clients * rounds * 500
        let fromSnapshot = try replica(of: first, path: "\(folder)/snapshot.sqlite")
        _ = try Synchronizer(replica: fromSnapshot, client: SyncClient(options: options(first))).run()
        let fromLog = try replica(of: second, path: "\(folder)/log.sqlite")
        _ = try WorkloadRun.pullLog(fromLog, SyncClient(options: options(second)), page: 1_000)
        let datasets = try [fromSnapshot.dataset(), fromLog.dataset()]
        let converged = logs[0] == logs[1] && logs[0].count == pushed && Set(logs[0]).count == pushed
            && datasets[0] == datasets[1] && datasets[0].records.count == pushed
        let single = try load([first], clients: clients, rounds: rounds, seed: 9_000)
        return [
            "clients": clients, "rounds": rounds, "errors": split.errors + single.errors, "first_error": split.firstError ?? single.firstError ?? "",
            "converged": converged, "log_entries": logs[0].count, "expected_entries": pushed,
            "two_servers_rps": split.rate, "one_server_rps": single.rate,
            "two_servers_push_p99_ms": split.p99, "one_server_push_p99_ms": single.p99,
        ]
    }

    /// What one load run came to.
    struct Load {
        /// Changes accepted per second, all clients together.
        var rate: Double
        /// The 99th percentile of one push of 500.
        var p99: Double
        /// Failed rounds.
        var errors: Int
        /// The first failure, if any.
        var firstError: String?
    }

    /// The concurrent phase's clients spread over `servers`.
    static func load(_ servers: [ServerProcess], clients: Int, rounds: Int, seed: UInt64) throws -> Load {
        let (samples, seconds) = ConcurrentRun.drive(servers, clients: clients, rounds: rounds, seed: seed)
        let (pushMS, _, errors) = samples.values()
        return Load(rate: Double(pushMS.count * 500) / seconds, p99: Stats.percentile(pushMS, 99), errors: errors.count,
                    firstError: errors.first)
    }

    /// bob's options on a server.
    static func options(_ server: ServerProcess) -> TransportOptions {
        TransportOptions(baseURL: server.url, token: server.tokens["bob"]!, retries: 0)
    }

    /// A new replica of bob's on a server.
    static func replica(of server: ServerProcess, path: String) throws -> Replica {
        try ReplicaSetup.initialise(path: path, options: options(server), name: "bob").0
    }

    /// Every change id in the server's log, in log order.
    static func readLog(_ server: ServerProcess) throws -> [String] {
        let client = SyncClient(options: options(server))
        var ids: [String] = [], cursor: Int64 = 0
        while true {
            let page = try client.pull(after: cursor, limit: 5_000)
            ids += try page.changes.map { String(describing: $0.id) }
            guard page.more else { return ids }
            cursor = page.next
        }
    }
}
