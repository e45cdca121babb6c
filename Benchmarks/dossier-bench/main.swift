import Foundation

// dossier-bench: the Kinto peer's workload against a real dossier-server on loopback, through the client library.
//   dossier-bench run --server PATH [--stores sqlite,postgres] [--pg URL] [--ns 10000,100000] [--reps 3]
//                     [--phases workload,floor,scale,concurrent,twoservers] [--scale 1000000] [--clients 32] [--out FILE]
//                     [--split-clients 16]   (twoservers: PostgreSQL only, two servers on one database)
//                     [--signing signed,unsigned]   (workload runs with signed changes, and unsigned for the ratio)
//   dossier-bench pull-child --url URL --token TOKEN --path FILE   (used by the RSS phase)
//   dossier-bench web --server PATH [--stores sqlite|postgres] [--pg URL] [--n 50000] [--reps 5] [--out FILE]  (team view pages)
//   dossier-bench codec [--n 10000] [--show] [--out FILE]        (coding cost per record, no HTTP or SQLite)
//   dossier-bench cli --dossier PATH [--n 10000] [--reps 5] [--out FILE]  (list, search, show, status on N incidents)

let arguments = Array(CommandLine.arguments.dropFirst())

/// The value after `--name`, or a fallback.
func option(_ name: String, _ fallback: String? = nil) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

/// Results so far, rewritten to `--out` after every step.
final class Results {
    /// Every run so far.
    var runs: [[String: Any]] = []
    /// The JSON file written after each run.
    let path: String?
    /// Results written to `path`.
    init(path: String?) { self.path = path }

    /// Adds a run, prints it on one line and rewrites the file.
    func add(_ run: [String: Any]) {
        runs.append(run)
        let line = run.keys.sorted().map { key -> String in
            let value = run[key]!
            if let number = value as? Double { return "\(key)=\(String(format: number < 100 ? "%.2f" : "%.0f", number))" }
            return "\(key)=\(value)"
        }.joined(separator: " ")
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
        guard let path else { return }
        let document: [String: Any] = ["runs": runs, "machine": machine()]
        if let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]) {
            try? data.write(to: URL(fileURLWithPath: path))
        }
    }

    /// CPUs, model, memory and OS.
    func machine() -> [String: Any] {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) }
        return ["cpus": ProcessInfo.processInfo.activeProcessorCount, "cpu": cpu ?? "?",
                "memory_gb": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824,
                "kernel": ProcessInfo.processInfo.operatingSystemVersionString]
    }
}

/// A fresh, empty store location for one run: a new SQLite file, or the PostgreSQL database emptied.
func freshStore(_ kind: String, folder: String) throws -> String {
    if kind == "sqlite" { return "sqlite:\(folder)/server.sqlite" }
    guard let url = option("pg") else { throw BenchError("--pg URL is needed for the postgres store") }
    let psql = ["/usr/bin/psql"] + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
        .sorted().map { "/usr/lib/postgresql/\($0)/bin/psql" }
    guard let binary = psql.last(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { throw BenchError("no psql") }
    _ = try ServerProcess.run(binary, [url, "-q", "-c", "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public;"])
    return url
}

/// Runs `body` against a fresh server on a fresh store in a temporary folder, then stops the server.
func withServer<T>(_ kind: String, _ body: (ServerProcess, String) throws -> T) throws -> T {
    let folder = NSTemporaryDirectory() + "dossier-bench-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { if ProcessInfo.processInfo.environment["BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
    let server = try ServerProcess.start(binary: option("server", "dossier-server")!, store: try freshStore(kind, folder: folder),
                                         users: ["alice", "bob"])
    defer { server.stop() }
    return try body(server, folder)
}

/// `run`: the floor and workload per N and store, then the long log and the concurrent clients per store.
func runBench() throws {
    let results = Results(path: option("out"))
    let stores = option("stores", "sqlite")!.split(separator: ",").map(String.init)
    let ns = option("ns", "10000")!.split(separator: ",").compactMap { Int($0) }
    let reps = Int(option("reps", "1")!) ?? 1
    let phases = Set(option("phases", "workload,floor,scale,concurrent,twoservers")!.split(separator: ",").map(String.init))
    let scale = Int(option("scale", "1000000")!) ?? 1_000_000
    let rounds = Int(option("rounds", "20")!) ?? 20
    // Each workload runs signed (as the product does) and, for the cost of signing and verifying, unsigned.
    let signings = option("signing", "signed,unsigned")!.split(separator: ",").map { $0 == "signed" }
    let binary = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
        : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
    for rep in 1...reps {
        for n in ns {
            if phases.contains("floor") {
                let folder = NSTemporaryDirectory() + "dossier-floor-" + UUID().uuidString.prefix(8)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                var run = try RawFloor.run(n: n, folder: folder)
                try? FileManager.default.removeItem(atPath: folder)
                run["kind"] = "floor"; run["rep"] = rep
                results.add(run)
            }
            guard phases.contains("workload") else { continue }
            for store in stores {
                for signed in signings {
                    var run = try withServer(store) { server, folder in
                        var workload = WorkloadRun(server: server, folder: folder, n: n, rounds: rounds)
                        workload.signed = signed
                        return try workload.run()
                    }
                    run["kind"] = "workload"; run["store"] = store; run["rep"] = rep; run["signed"] = signed
                    results.add(run)
                }
            }
        }
    }
    for store in stores {
        if phases.contains("scale") {
            for log in [10_000, scale] {
                var run = try withServer(store) { server, folder in
                    try ScaleRun(server: server, folder: folder, binary: binary, log: log, rounds: rounds).run(rss: log == scale)
                }
                run["kind"] = "scale"; run["store"] = store
                results.add(run)
            }
        }
        if phases.contains("twoservers"), store == "postgres" {
            let folder = NSTemporaryDirectory() + "dossier-bench-" + UUID().uuidString.prefix(8)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var run = try TwoServersRun.run(binary: option("server", "dossier-server")!, store: try freshStore(store, folder: folder),
                                            folder: folder, clients: Int(option("split-clients", "16")!) ?? 16, rounds: Int(option("crounds", "4")!) ?? 4)
            run["kind"] = "twoservers"; run["store"] = store
            results.add(run)
        }
        if phases.contains("concurrent") {
            var run = try withServer(store) { server, _ in
                ConcurrentRun.run(server: server, clients: Int(option("clients", "32")!) ?? 32, rounds: Int(option("crounds", "4")!) ?? 4)
            }
            run["kind"] = "concurrent"; run["store"] = store
            results.add(run)
        }
    }
}

do {
    switch arguments.first {
    case "run": try runBench()
    case "pull-child": try ScaleRun.child(url: option("url")!, token: option("token")!, path: option("path")!)
    case "cli":
        var run = try CLILatency.run(dossier: option("dossier", "dossier")!, n: Int(option("n", "10000")!) ?? 10_000,
                                     reps: Int(option("reps", "5")!) ?? 5)
        run["kind"] = "cli"
        Results(path: option("out")).add(run)
    case "web":
        var run = try withServer(option("stores", "sqlite")!) { server, _ in
            try WebRun(server: server, n: Int(option("n", "50000")!) ?? 50_000, reps: Int(option("reps", "5")!) ?? 5).run()
        }
        run["kind"] = "web"
        Results(path: option("out")).add(run)
    case "codec":
        var run = try CodecRun.run(n: Int(option("n", "10000")!) ?? 10_000, show: arguments.contains("--show"))
        run["kind"] = "codec"
        Results(path: option("out")).add(run)
    default:
        FileHandle.standardError.write(Data("usage: dossier-bench run --server PATH [options] | pull-child --url U --token T --path P\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("dossier-bench: \(error)\n".utf8))
    exit(1)
}
