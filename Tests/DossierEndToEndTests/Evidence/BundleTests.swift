import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// `dossier export --format bundle` and `dossier verify`: a bundle of a record and its evidence checks out offline,
/// by Dossier and by coreutils, and one changed byte is named with exit 4.
@Suite struct BundleTests {
    @Test func aBundleVerifiesOfflineAndOneChangedByteIsNamed() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            let photo = a.home.appendingPathComponent("gate.jpg")
            try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("Abbey Gate, a distinctive photo payload".utf8)).write(to: photo)
            let evidence = try a.ok("attach", base.airport, photo.path).lastLine
            let zip = a.home.appendingPathComponent("airport.zip")
            let written = try a.ok("export", "--format", "bundle", "--out", zip.path, base.airport)
            #expect(written.stderr.contains("1 files"), "\(written)")

            let verified = try a.ok("verify", zip.path)
            #expect(verified.stdout.contains("all 4 entries match"), "\(verified)")
            let unpacked = a.home.appendingPathComponent("unpacked")
            try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
            #expect(try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-q", zip.path, "-d", unpacked.path]).status == 0)
            let sums = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "cd '\(unpacked.path)' && sha256sum -c SHA256SUMS"])
            #expect(sums.status == 0 && sums.stdout.contains(": OK"), "\(sums)")
            let records = try JSONSerialization.jsonObject(with: Data(contentsOf: unpacked.appendingPathComponent("records.json")))
            #expect("\(records)".contains(evidence) && "\(records)".contains(base.airport))

            let custody = try a.ok("custody", evidence).stdoutLines
            #expect(custody.count == 3 && custody[1].contains("exported") && custody[1].contains("airport.zip")
                    && custody[2].contains("verified"), "\(custody)")

            var bytes = try Data(contentsOf: zip)
            let at = try #require(bytes.range(of: Data("distinctive".utf8)))
            bytes[at.lowerBound] ^= 0x20
            let altered = a.home.appendingPathComponent("altered.zip")
            try bytes.write(to: altered)
            let refused = try a.run("verify", altered.path)
            #expect(refused.status == 4 && refused.stdout.contains("MISMATCH files/"), "\(refused)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.contains("1 of 4 entries"), "\(refused)")

            let again = try a.run("export", "--format", "bundle", "--out", zip.path, "--all")
            #expect(again.status == 1 && again.stderr.contains("exists already"), "a bundle replaced a file: \(again)")
            #expect(try a.run("export", "--format", "json", base.airport).status == 2)
        }
    }
}
