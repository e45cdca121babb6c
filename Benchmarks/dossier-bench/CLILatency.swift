import DossierCore
import DossierReplica
import Foundation

/// `cli`: the daily commands' latency on a replica of N incidents (Dari, Pashto and English titles, tags, actors, sources,
/// claims), each run as the real `dossier` binary (process start included), the median of `reps` runs. Reads meet an
/// unchanged file (the integrity check skipped); `status_after_edit_ms` is the first command after an edit, which checks
/// the changed file and catalogs the edited record.
enum CLILatency {
    /// Builds the replica, times each command, and returns the medians in ms.
    static func run(dossier: String, n: Int, reps: Int) throws -> [String: Any] {
        let folder = NSTemporaryDirectory() + "dossier-cli-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if ProcessInfo.processInfo.environment["BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let path = folder + "/replica.sqlite"
        let started = ContinuousClock.now
        let sample = try fill(path: path, n: n)
        var run: [String: Any] = ["n": n, "reps": reps, "fill_s": (ContinuousClock.now - started).seconds, "replica": path]
        let commands: [(String, [String])] = [
            ("list_ms", ["list", "incidents"]),
            ("list_filtered_ms", ["list", "incidents", "--since", "2021-08-06", "--until", "2021-12", "--place", "kabul", "--tag", "airport"]),
            ("search_ms", ["search", "کابل"]),
            ("search_phrase_ms", ["search", "\"Abbey Gate\" OR IS-K", "--limit", "20"]),
            ("show_ms", ["show", sample]),
            ("status_ms", ["status"]),
        ]
        _ = try ServerProcess.run(dossier, ["status", "--replica", path]) // the first open checks the new file
        for (name, arguments) in commands {
            run[name] = try median(reps) { try time(dossier, arguments + ["--replica", path]) }
        }
        run["start_ms"] = try median(reps) { try time(dossier, ["--version"]) }
        run["status_after_edit_ms"] = try median(reps) {
            _ = try ServerProcess.run(dossier, ["incident", "edit", sample, "--add-tag", "edited", "--replica", path])
            return try time(dossier, ["status", "--replica", path])
        }
        return run
    }

    private static func time(_ dossier: String, _ arguments: [String]) throws -> Double {
        try TimedRun.milliseconds(dossier, arguments, output: NSTemporaryDirectory() + "dossier-cli-output.txt")
    }

    private static func median(_ reps: Int, _ sample: () throws -> Double) throws -> Double {
        let times = try (0..<reps).map { _ in try sample() }.sorted()
        return times[times.count / 2]
    }

    /// A replica of `n` incidents with an actor and a source; returns one incident's id.
    static func fill(path: String, n: Int) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let settings = ReplicaSettings(replica: ReplicaID.random(using: &generator), author: "amina", team: "kabul", role: .editor,
                                       name: "bench", serverURL: "http://127.0.0.1:9", token: "dsr_bench")
        let replica = try Replica.create(path: path, settings: settings)
        let source = try replica.create(.source, fields: ["kind": "news", "title": "A year after the fall of Kabul", "outlet": "France 24"])
        let actor = try replica.create(.actor, fields: ["kind": "organisation", "name": "Islamic State in Khorasan", "aliases": ["IS-K", "OEI-K"]])
        let titles = ["Suicide attack at Abbey Gate, Kabul airport", "انفجار در کابل نزدیک فرودگاه", "په ننګرهار کې چاودنه", "حمله بر مسجد شیعیان در قندوز"]
        let places = ["Kabul airport", "کابل", "Jalalabad", "Kunduz"]
        var sample = ""
        try replica.transaction { editor in
            for index in 0..<n {
                let key = RecordKey(entity: .incident, id: RecordID.make(millis: 1_700_000_000_000 + Int64(index), using: &generator))
                let fields: [String: JSONValue] = [
                    "title": .string(titles[index % titles.count] + " \(index)"),
                    "date": .string(String(format: "20%02d-%02d-%02d", 17 + index % 6, 1 + (index / 4) % 12, 1 + index % 28)),
                    "place": .string(places[index % places.count]), "event_type": "Explosions/Remote violence", "country": "AF",
                    "actors": .array([.string("\(actor.record):perpetrator")]), "sources": .array([.string(source.record)]),
                    "tags": .array(index % 10 == 0 ? ["airport"] : ["bench"]),
                    "summary": .string("Recorded from the seed articles for the benchmark; نمونهٔ شمارهٔ \(index)."),
                ]
                try editor.edit(key, steps: [{ _ in .create(fields: fields) }])
                if index == n / 2 { sample = key.id }
            }
        }
        return sample
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
