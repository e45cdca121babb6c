import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A replica that cannot be written (a full disk) gets one plain `error:` line, never SQLite's raw message and SQL.
@Suite struct UnwritableReplicaTests {
    /// `dossier incident add` under a 64 KiB file-size limit (SIGXFSZ ignored, so writes past it fail as on a full disk;
    /// root is held to it too): exit 1, one line, no SQL; the replica is unharmed and the next command works.
    @Test func aFailedWriteIsOneLineWithoutSQLAndLosesNothing() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            _ = try a.create("source", "add", "--kind", "news", "--title", "A year after the fall of Kabul")
            let pending = try a.pending()
            let summary = String(repeating: "A suicide bomber struck the crowd at Abbey Gate. ", count: 1_800)
            let limited = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), [
                "-c", "trap '' XFSZ; ulimit -f 128 && exec \"$0\" \"$@\"", Binaries.dossier.path,
                "incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26", "--place", "Kabul airport",
                "--event-type", "Explosions/Remote violence", "--summary", summary, "--replica", a.replica.path,
            ], environment: ["HOME": a.home.path])
            #expect(limited.status == 1, "\(limited)")
            #expect(limited.stderrLines.count == 1, "one line: \(limited.stderr)")
            #expect(limited.stderr.hasPrefix("error: the replica could not be written: "), "\(limited.stderr)")
            #expect(limited.stderr.contains("check disk space and permissions"), "\(limited.stderr)")
            for raw in ["SQLite error", "INSERT", "UPDATE", "while executing", "`"] {
                #expect(!limited.stderr.contains(raw), "no raw SQLite text (\(raw)): \(limited.stderr)")
            }
            #expect(limited.stdout.isEmpty)
            #expect(try a.pending() == pending, "nothing half-stored")
            _ = try a.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                             "--place", "Kabul airport", "--event-type", "Explosions/Remote violence", "--summary", summary)
            #expect(try a.pending() == pending + 1)
        }
    }
}
