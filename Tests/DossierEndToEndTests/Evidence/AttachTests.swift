import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `dossier attach`: files hashed as they are copied beside the replica, kept once, never modified; evidence records
/// that `show` lists and that sync to colleagues; a refused attach keeps nothing.
@Suite struct AttachTests {
    @Test func attachedFilesAreKeptOnceReadOnlyAndListedAsEvidenceThatSyncs() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA"), b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let photo = a.home.appendingPathComponent("abbey gate.jpg"), copy = a.home.appendingPathComponent("copy.jpg")
            let article = a.home.appendingPathComponent("france24.txt")
            try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("Abbey Gate, 26 August 2021".utf8)).write(to: photo)
            try FileManager.default.copyItem(at: photo, to: copy)
            try Data("انفجار در کابل نزدیک فرودگاه — France 24".utf8).write(to: article)
            let modified = try FileManager.default.attributesOfItem(atPath: photo.path)[.modificationDate] as? Date

            let result = try a.ok("attach", base.airport, photo.path, copy.path, article.path, "--captured-by", "amina",
                                  "--captured-at", "2021-08-26T17:48:00+04:30", "--source-url", "https://www.france24.com/")
            #expect(result.stdoutLines.count == 3 && result.stdoutLines.allSatisfy(RecordID.isValid), "\(result)")
            #expect(result.stderr.contains("already kept \(copy.path)"), "\(result.stderr)")
            let folder = a.replica.path + "-evidence"
            let kept = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.count > 60 }.sorted()
            #expect(kept.count == 2, "the two copies are kept once: \(kept)")
            let digest = ContentDigestText.of(try Data(contentsOf: photo))
            #expect(kept.contains(String(digest.prefix(2)) + "/" + digest))
            #expect(try Self.mode(folder) == 0o700 && Self.mode(folder + "/" + kept[0]) == 0o400)
            #expect(try FileManager.default.attributesOfItem(atPath: photo.path)[.modificationDate] as? Date == modified)

            let evidence = try a.show(result.stdoutLines[0])["fields"]
            #expect(evidence?["sha256"]?.string == digest && evidence?["media_type"]?.string == "image/jpeg")
            #expect(evidence?["kind"]?.string == "photo" && evidence?["original_name"]?.string == "abbey gate.jpg")
            #expect(try a.show(result.stdoutLines[2])["fields"]?["kind"]?.string == "document")
            let shown = try a.ok("show", base.airport).stdout
            #expect(shown.contains("  evidence:") && shown.contains("photo [") && shown.contains("sha256 \(digest.prefix(12))…, here"), "\(shown)")
            #expect(try a.ok("list", "evidence").stdoutLines.count == 3)

            let chain = try a.ok("custody", result.stdoutLines[0])
            #expect(chain.stdoutLines.count == 1 && chain.stdout.contains("  attached  by amina on ") && chain.stdout.contains(digest.prefix(12)),
                    "\(chain)")

            try a.sync()
            try b.sync()
            let elsewhere = try b.ok("show", base.airport).stdout
            #expect(elsewhere.contains("sha256 \(digest.prefix(12))…, not fetched"), "bilal has the record, not the bytes: \(elsewhere)")
            guard case .array(let events) = try b.json("custody", result.stdoutLines[0]), let event = events.first else {
                Issue.record("no custody on bilal's laptop")
                return
            }
            // Amina's sync uploaded the files first: the chain then holds her upload and the server's receipt.
            #expect(events.map { $0["action"]?.string ?? "" } == ["attached", "uploaded", "received"], "\(events)")
            #expect(event["action"]?.string == "attached" && event["by"]?.string == "amina" && event["sha256"]?.string == digest, "\(events)")
            let erase = try b.run("delete", event["id"]?.string ?? "")
            #expect(erase.status == 1 && erase.stderr.contains("append-only"), "a custody event was deleted: \(erase)")
        }
    }

    @Test func aRefusedAttachKeepsNoRecordAndNoBytes() throws {
        try TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let file = a.home.appendingPathComponent("statement.pdf")
            try Data("%PDF-1.7 statement".utf8).write(to: file)
            let attempts: [([String], String)] = [
                (["attach", base.airport, file.path, "--captured-at", "yesterday"], "captured_at"),
                (["attach", base.airport, file.path, a.home.appendingPathComponent("gone.jpg").path], "cannot be read"),
                (["attach", base.airport, a.home.path], "not a regular file"),
            ]
            for (arguments, says) in attempts {
                let refused = try a.run(arguments)
                #expect(refused.status == 1 && refused.stderrLines.count == 1 && refused.stderr.contains(says), "\(refused)")
            }
            let usage = try a.run("attach", base.airport, file.path, "--kind", "screenshot")
            #expect(usage.status == 2, "\(usage)")
            let folder = a.replica.path + "-evidence"
            let kept = (try? FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.count > 60 }) ?? []
            #expect(kept.isEmpty, "bytes of a refused attach stayed: \(kept)")
            #expect(try a.run("list", "evidence").stdout.isEmpty)

            try a.sync()
            let o = try server.laptop(for: "omar", name: "laptopO")
            try o.sync()
            let viewer = try o.run("attach", base.airport, file.path)
            #expect(viewer.status == 1 && viewer.stderr.contains("viewer"), "\(viewer)")
            #expect(!FileManager.default.fileExists(atPath: o.replica.path + "-evidence"), "a viewer's attach copied bytes")
        }
    }

    private static func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1) & 0o777
    }
}

/// SHA-256 in hex, computed here with coreutils so the test does not share the code it checks.
enum ContentDigestText {
    static func of(_ data: Data) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)")
        try? data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let sum = try? ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
        return sum?.stdout.split(separator: " ").first.map(String.init) ?? ""
    }
}
