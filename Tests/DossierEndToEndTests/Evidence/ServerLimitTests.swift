import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The server's limits on evidence files, through the real binaries: `serve --max-blob`, a team's quota
/// (`team add/edit --quota`) and a full disk each refuse a file with a clear message, keep nothing of it on the server,
/// and leave its change in the outbox, which a later sync sends once the limit is lifted.
@Suite struct ServerLimitTests {
    @Test func aFileOverMaxBlobOrOverTheTeamsQuotaIsRefusedAndSentOnceTheLimitIsLifted() throws {
        let server = try TeamServer(users: [("amina", "editor")])
        defer { server.stop() }
        try server.start(options: ["--max-blob", "3MB"])
        let a = try server.laptop(for: "amina", name: "laptopA")
        let base = try KabulBase.record(on: a)
        let video = a.home.appendingPathComponent("big.mp4")
        try Data((0..<3_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: video)
        try a.ok("attach", base.airport, video.path)

        let tooLarge = try a.run("sync")
        #expect(tooLarge.status == 4 && tooLarge.stderr.contains("blob_too_large") && tooLarge.stderr.contains("--max-blob"), "\(tooLarge)")
        #expect(try a.pending() > 0)
        #expect(try Self.serverFiles(server).isEmpty, "nothing of it is stored")

        server.stop()
        try server.admin(["team", "edit", "kabul", "--quota", "2MB"])
        try server.start(port: server.port)
        let overQuota = try a.run("sync")
        #expect(overQuota.status == 4 && overQuota.stderr.contains("quota_exceeded") && overQuota.stderr.contains("team edit --quota"), "\(overQuota)")
        #expect(try Self.serverFiles(server).isEmpty)

        try server.admin(["team", "edit", "kabul", "--quota", "none"])
        let sent = try a.run("sync")
        #expect(sent.status == 0 && sent.stdout.contains("1 file uploaded"), "\(sent)")
        #expect(try a.pending() == 0)
        #expect(try server.admin(["team", "list"]).stdout.contains("3.3 MiB"))
    }

    @Test func aFullDiskAnswers507KeepsNothingPartialAndTheServerGoesOn() throws {
        let server = try TeamServer(users: [("amina", "editor")])
        defer { server.stop() }
        try server.start(fileSizeLimit: 8192) // 4 MiB per file
        let a = try server.laptop(for: "amina", name: "laptopA")
        let base = try KabulBase.record(on: a)
        let video = a.home.appendingPathComponent("long.mp4")
        try Data((0..<6_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: video)
        try a.ok("attach", base.airport, video.path)

        let full = try a.run("sync")
        #expect(full.status == 4 && full.stderr.contains("storage_full") && full.stderr.contains("nothing of it was kept"), "\(full)")
        #expect(try Self.serverFiles(server).isEmpty, "no partial file is left behind")
        #expect(try a.pending() > 0)

        let small = a.home.appendingPathComponent("note.txt")
        try Data("بیانیه — a small file still fits".utf8).write(to: small)
        let other = try a.ok("incident", "add", "--title", "Another", "--date", "2022-08", "--place", "Kabul", "--event-type", "Battles").lastLine
        try a.ok("attach", other, small.path)
        #expect(try a.run("status").status == 0)
        let health = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-o", "/dev/null", "-w", "%{http_code}", server.url + "/healthz"])
        #expect(health.stdout == "200", "the server is still up after the refused write: \(health)")
    }

    /// Every file under the server's blob folder (partial or whole).
    private static func serverFiles(_ server: TeamServer) throws -> [String] {
        let root = server.folder.file("server.sqlite-blobs").path
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        return try FileManager.default.subpathsOfDirectory(atPath: root).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}
