import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A bad `--replica` file (not a replica, or a damaged one) gets a clear error and is never written to.
/// ScriptingRulesTests covers a text file; these are the other kinds.
@Suite struct CorruptReplicaTests {
    /// The kinds of bad file, by the name the file gets.
    static let kinds = ["empty.sqlite", "random-bytes.sqlite", "truncated-4096.sqlite", "truncated-half.sqlite",
                        "photos-catalogue.sqlite", "evidence.png"]

    /// Each kind of bad file: every command exits 1 with one clear line, and the file's bytes stay as they were.
    @Test(arguments: kinds) func aBadReplicaFileIsRefusedAndNeverWritten(kind: String) throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let folder = try ScratchFolder("bad-replica")
            let file = folder.file(kind)
            try Self.make(kind, at: file, server: server)
            try expectRefusedByEveryCommand(file, folder: folder, server: server)
        }
    }

    /// A real replica whose `records` root page is garbage: SQLite opens it, yet every command must refuse it and leave it alone.
    @Test func aReplicaWithAGarbagePageIsRefusedAndNeverWritten() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let folder = try ScratchFolder("bad-replica")
            let file = folder.file("damaged.sqlite")
            let real = try Self.realReplica(server: server)
            try FileManager.default.copyItem(at: real.replica, to: file)
            let root = try SQLiteFile.integer(file.path, "SELECT rootpage FROM sqlite_master WHERE name = 'records'")
            let pageSize = try SQLiteFile.integer(file.path, "PRAGMA page_size")
            var rng = SeededGenerator(seed: 7)
            let handle = try FileHandle(forWritingTo: file)
            try handle.seek(toOffset: UInt64((root - 1) * pageSize))
            try handle.write(contentsOf: Data((0..<pageSize).map { _ in UInt8.random(in: 0...255, using: &rng) }))
            try handle.close()
            try expectRefusedByEveryCommand(file, folder: folder, server: server)
        }
    }

    /// Every command on `file` (restored before each) exits 1 with one "error: PATH … nothing was changed" line, and writes nothing.
    private func expectRefusedByEveryCommand(_ file: URL, folder: ScratchFolder, server: TeamServer) throws {
        let before = try Data(contentsOf: file)
        let laptop = Laptop(user: "amina", replica: file, home: folder.url)
        let tokenFile = server.folder.file("amina.token")
        try Data(try server.tokens["amina"].orThrow("no token for amina").utf8).write(to: tokenFile)
        let commands: [[String]] = [
            ["list", "incidents"],
            ["incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26", "--place", "Kabul airport",
             "--event-type", "Explosions/Remote violence"],
            ["sync"],
            ["status"],
            ["init", "--server", server.url, "--token-file", tokenFile.path, "--name", "laptopA"],
        ]
        for arguments in commands {
            if try Data(contentsOf: file) != before { try before.write(to: file) } // each command meets the file as it was made
            let result = try laptop.run(arguments)
            let what = "\(file.lastPathComponent), `\(arguments.prefix(2).joined(separator: " "))`"
            #expect(result.status == 1, "\(what): \(result)")
            #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("error: "), "\(what): one error line: \(result.stderr)")
            #expect(result.stderr.contains(file.path), "\(what): the error names the file: \(result.stderr)")
            #expect(result.stderr.contains("nothing was changed"), "\(what): the error says the file was left alone: \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(what): nothing on stdout: \(result.stdout)")
            #expect(try Data(contentsOf: file) == before, "\(what): the file's bytes changed")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [file.lastPathComponent],
                "no journal or other file beside \(file.lastPathComponent)")
    }

    /// Writes the bad file of `kind`.
    private static func make(_ kind: String, at file: URL, server: TeamServer) throws {
        var rng = SeededGenerator(seed: 2021_08_26)
        switch kind {
        case "empty.sqlite":
            try Data().write(to: file)
        case "random-bytes.sqlite":
            try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: file)
        case "truncated-4096.sqlite", "truncated-half.sqlite":
            let real = try Data(contentsOf: realReplica(server: server).replica)
            #expect(real.count > 8192, "the real replica spans several pages")
            try real.prefix(kind == "truncated-4096.sqlite" ? 4096 : real.count / 2).write(to: file)
        case "photos-catalogue.sqlite":
            _ = try SQLiteFile.query(file.path, """
                CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT NOT NULL, taken_at TEXT);
                INSERT INTO photos (path, taken_at) VALUES ('kabul/airport-gate.jpg', '2021-08-26');
                """, write: true)
        case "evidence.png":
            let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
                                      0, 0, 0x01, 0, 0, 0, 0x01, 0, 0x08, 0x06, 0, 0, 0]
            try Data(signature + (0..<2048).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: file)
        default:
            Issue.record("unknown kind \(kind)")
        }
    }

    /// A real replica, initialised and holding 60 incidents (several pages), in the server's folder.
    private static func realReplica(server: TeamServer) throws -> Laptop {
        let laptop = try server.laptop(for: "amina", name: "real-\(UUID().uuidString.prefix(6))")
        var rng = SeededGenerator(seed: 185)
        try laptop.importIncidents(60, label: "real", using: &rng)
        return laptop
    }
}
