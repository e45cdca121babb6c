import DossierCore
import DossierReplica
import Foundation

/// `web`: the team view's pages at N incidents (issue 18): N creates with coordinates pushed to a real server, a sign-in,
/// then each page fetched by curl, whose time to the first byte is the server's time (loopback); median of `reps`, after
/// one untimed warm-up fetch that loads the view's cache.
struct WebRun {
    let server: ServerProcess
    let n: Int
    var reps = 5

    func run() throws -> [String: Any] {
        var maker = Workload.maker(author: "alice")
        let client = SyncClient(options: TransportOptions(baseURL: server.url, token: server.tokens["alice"]!, requestTimeout: 600, retries: 0))
        var rng = SeededGenerator(seed: 9)
        var someID = ""
        for start in stride(from: 0, to: n, by: 5_000) {
            let changes = try (start..<min(start + 5_000, n)).map { i -> Change in
                let record = Workload.record(i, seed: 11)
                var fields = record.fields
                fields["location"] = .object(["lat": .double(Double.random(in: 29.5...38.4, using: &rng)),
                                              "lon": .double(Double.random(in: 60.5...74.8, using: &rng))])
                if someID.isEmpty { someID = record.id }
                return try maker.make(.create(fields: fields), on: RecordKey(entity: .incident, id: record.id))
            }
            let reply = try client.push(bodies: changes.map(CanonicalJSON.text))
            guard reply.receipts.allSatisfy({ $0.status == .accepted }) else { throw BenchError("fixture push refused") }
        }
        let jar = NSTemporaryDirectory() + "dossier-bench-web-\(UUID().uuidString.prefix(8)).cookies"
        defer { try? FileManager.default.removeItem(atPath: jar) }
        _ = try Self.curl(["-s", "-o", "/dev/null", "-c", jar, "--data-urlencode", "credential@-", server.url + "/sign-in"],
                          input: server.tokens["alice"]!)
        var result: [String: Any] = ["n": n]
        for (name, path) in [("incidents", "/incidents"), ("incidents_filtered", "/incidents?from=2001&to=2003-06&q=town"),
                             ("incident", "/incidents/\(someID)"), ("map", "/map"), ("timeline", "/timeline"),
                             ("conflicts", "/conflicts"), ("activity", "/activity"), ("team", "/team")] {
            _ = try Self.curl(["-s", "-o", "/dev/null", "-b", jar, server.url + path])
            var times: [Double] = []
            for _ in 0..<reps {
                let line = try Self.curl(["-s", "-o", "/dev/null", "-b", jar, "-w", "%{http_code} %{time_starttransfer} %{size_download}", server.url + path])
                let parts = line.split(separator: " ")
                guard parts.first == "200", parts.count == 3, let seconds = Double(parts[1]) else { throw BenchError("\(path): \(line)") }
                times.append(seconds * 1000)
                result["\(name)_bytes"] = Int(parts[2])
            }
            result["\(name)_ms"] = Stats.median(times)
        }
        return result
    }

    /// Runs curl and returns its stdout; `input` goes to its stdin (a token never on a command line).
    static func curl(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
