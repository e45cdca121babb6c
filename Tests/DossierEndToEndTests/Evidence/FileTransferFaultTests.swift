import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Evidence files over a bad link: a 100 MB video crosses a proxy that cuts the connection five times on the way up
/// and five times on the way down, and arrives byte for byte, on both stores (and on PostgreSQL with a `--blob-cache`);
/// bytes changed on either side are refused.
@Suite(.serialized) struct FileTransferFaultTests {
    /// The servers the video crosses to.
    enum Kind: String, CaseIterable, Sendable, CustomStringConvertible {
        case sqlite, postgres, postgresWithBlobCache
        var description: String { rawValue }
        var store: ServerStore { self == .sqlite ? .sqlite : .postgres }
    }

    @Test(arguments: Kind.allCases)
    func aHundredMegabyteVideoCutFiveTimesEachWayArrivesIdentical(_ kind: Kind) throws {
        let server = try TeamServer(store: try kind.store.freshStore())
        defer { server.stop() }
        try server.addTeam("kabul")
        try server.addUser("amina", team: "kabul", role: "editor")
        try server.addUser("omar", team: "kabul", role: "editor")
        let cache = server.folder.file("blob-cache").path
        try server.start(options: kind == .postgresWithBlobCache ? ["--blob-cache", cache] : [])
        let proxy = try FaultProxy(upstreamPort: server.port)
        defer { proxy.stop() }
        let a = try Self.laptop("amina", name: "laptopA", server: server, proxy: proxy)
        let b = try Self.laptop("omar", name: "laptopB", server: server, proxy: proxy)
        let base = try KabulBase.record(on: a)
        let video = a.home.appendingPathComponent("abbey-gate.mp4")
        try Self.writeRandom(100_000_000, to: video)
        let expected = ContentDigestText.ofFile(video)
        let evidence = try a.ok("attach", base.airport, video.path, "--kind", "video").lastLine

        proxy.cut(after: 15_000_000, times: 5, only: "PUT /v1/blobs")
        let up = try a.run("sync", "--retries", "3")
        #expect(up.status == 0 && up.stdout.contains("1 file uploaded"), "\(up)")
        #expect(proxy.cutsRemaining == 0, "the upload was cut five times")
        if kind == .postgresWithBlobCache {
            let copy = try FileManager.default.subpathsOfDirectory(atPath: cache).first { $0.hasSuffix("/" + expected) }
            #expect(copy.map { ContentDigestText.ofFile(URL(fileURLWithPath: cache + "/" + $0)) } == expected,
                    "every piece passed through this server, so it keeps a copy for downloads")
        }

        proxy.cut(after: 15_000_000, times: 5, only: "GET /v1/blobs")
        let down = try b.run("sync", "--with-files", "--retries", "3")
        #expect(down.status == 0 && down.stdout.contains("fetched \(evidence)") && down.stderr.contains("1 fetched"), "\(down)")
        #expect(proxy.cutsRemaining == 0, "the download was cut five times")
        proxy.set(.pass)

        let path = try b.ok("open", evidence).lastLine
        #expect(ContentDigestText.ofFile(URL(fileURLWithPath: path)) == expected)
        let teams = try server.admin(["team", "list", "--json"]).stdout.filter { !$0.isWhitespace }
        #expect(teams.contains("\"file_bytes\":100000000,"), "the server keeps the file once, whole: \(teams)")
        try a.sync()
        let actions = try a.ok("custody", evidence).stdoutLines.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        #expect(actions == ["attached", "uploaded", "received", "downloaded"], "\(actions)")
        let incoming = a.replica.path + "-evidence/incoming"
        #expect((try? FileManager.default.contentsOfDirectory(atPath: incoming))?.isEmpty ?? true)
    }

    @Test func aKeptCopyChangedBeforeSyncIsNeverSentAndItsChangeStaysInTheOutbox() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            try a.sync()
            let photo = a.home.appendingPathComponent("gate.jpg")
            try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 7, count: 4096)).write(to: photo)
            let evidence = try a.ok("attach", base.airport, photo.path).lastLine
            let kept = a.replica.path + "-evidence/" + String(ContentDigestText.ofFile(photo).prefix(2)) + "/" + ContentDigestText.ofFile(photo)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kept)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: kept))
            bytes[100] ^= 0xFF
            try bytes.write(to: URL(fileURLWithPath: kept))

            let changed = try a.run("sync")
            #expect(changed.status != 0 && changed.stderr.contains("was changed or removed after it was attached"), "\(changed)")
            #expect(changed.stderr.split(separator: "\n").count <= 2, "one line and a hint: \(changed.stderr)")
            #expect(try a.pending() >= 2, "the evidence and its custody stay in the outbox")
            let teams = try server.admin(["team", "list", "--json"]).stdout.filter { !$0.isWhitespace }
            #expect(teams.contains("\"file_bytes\":0,"), "nothing of it is on the server: \(teams)")

            try FileManager.default.removeItem(atPath: kept)
            let gone = try a.run("sync")
            #expect(gone.status != 0 && gone.stderr.contains(evidence), "\(gone)")
        }
    }

    @Test func bytesChangedOnTheServerAreRefusedByTheFetchingReplica() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA"), b = try server.laptop(for: "omar", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let article = a.home.appendingPathComponent("france24.html")
            try Data("<html>انفجار در کابل نزدیک فرودگاه</html>".utf8).write(to: article)
            let evidence = try a.ok("attach", base.airport, article.path, "--kind", "web_capture").lastLine
            try a.sync()
            let digest = ContentDigestText.ofFile(article)
            let stored = try FileManager.default.subpathsOfDirectory(atPath: server.folder.file("server.sqlite-blobs").path)
                .first { $0.hasSuffix(digest) }.orThrow("no stored blob")
            let path = server.folder.file("server.sqlite-blobs").path + "/" + stored
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes[8] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: path))

            try b.sync()
            let fetched = try b.run("fetch", evidence)
            #expect(fetched.status != 0 && fetched.stderr.contains("do not hash to"), "\(fetched)")
            #expect(!(try b.ok("show", base.airport).stdout.contains(", here")), "nothing was kept")
        }
    }

    /// A laptop that reaches the server through the proxy.
    private static func laptop(_ user: String, name: String, server: TeamServer, proxy: FaultProxy) throws -> Laptop {
        let token = try server.tokens[user].orThrow("no user \(user)")
        let laptop = Laptop(user: user, replica: server.folder.file("\(name).sqlite"), home: server.folder.url)
        try laptop.ok("init", "--server", proxy.url, "--token", token, "--name", name)
        return laptop
    }

    /// `count` pseudo-random bytes (incompressible, so no layer can shrink them), written in 1 MiB pieces.
    private static func writeRandom(_ count: Int, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var generator = SeededGenerator(seed: 16)
        var left = count
        while left > 0 {
            let size = min(left, 1 << 20)
            var piece = [UInt8](repeating: 0, count: size)
            piece.withUnsafeMutableBytes { raw in
                for index in stride(from: 0, to: size - 7, by: 8) { raw.storeBytes(of: generator.next(), toByteOffset: index, as: UInt64.self) }
            }
            try handle.write(contentsOf: Data(piece))
            left -= size
        }
    }
}

extension ContentDigestText {
    /// The SHA-256 of a file, by coreutils.
    static func ofFile(_ url: URL) -> String {
        let sum = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [url.path])
        return sum?.stdout.split(separator: " ").first.map(String.init) ?? ""
    }
}
