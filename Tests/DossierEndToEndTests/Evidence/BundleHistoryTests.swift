import DossierCore
import DossierEvidence
import DossierTestSupport
import DossierTrust
import Foundation
import Testing

/// A bundle exported after a sync carries its records' signed history (`history.json`): `dossier verify` replays it to
/// the server's signed checkpoint offline; a change edited inside it, even with the manifest rewritten to match, is named
/// with exit 4.
@Suite struct BundleHistoryTests {
    @Test func aBundlesHistoryVerifiesOfflineAndAnEditedChangeIsNamed() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA"), b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let photo = a.home.appendingPathComponent("gate.jpg")
            try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("Abbey Gate".utf8)).write(to: photo)
            _ = try a.ok("attach", base.airport, photo.path)
            try a.ok("sync")
            try b.ok("sync")
            _ = try b.ok("incident", "edit", base.airport, "--title", "Suicide attack at Abbey Gate, Kabul airport")
            try b.ok("sync")
            try a.ok("sync")
            let zip = a.home.appendingPathComponent("airport.zip")
            try a.ok("export", "--format", "bundle", "--out", zip.path, base.airport)

            let history = try JSONDecoder().decode(BundleHistory.self, from: try #require(try EvidenceBundle.document("history.json", in: zip)))
            #expect(history.problems().isEmpty && history.devices.count == 2, "both authors' devices are bound in it")
            #expect(history.changes.contains { $0.body.contains("Abbey Gate, Kabul airport") && $0.seq != nil })
            let verified = try b.ok("verify", zip.path)
            #expect(verified.stdout.contains("history: ") && verified.stdout.contains("signed by server key"), "\(verified)")

            var edited = history
            let index = try #require(edited.changes.firstIndex { $0.body.contains("Abbey Gate, Kabul airport") })
            edited.changes[index].body = edited.changes[index].body.replacingOccurrences(of: "Abbey Gate", with: "Abbey Road")
            let altered = a.home.appendingPathComponent("altered.zip")
            try Self.rewrite(zip, to: altered, history: edited)
            let refused = try b.run("verify", altered.path)
            #expect(refused.status == 4 && refused.stdout.contains("entries match their SHA-256"), "the manifest was rewritten to match: \(refused)")
            #expect(refused.stdout.contains("PROBLEM change") && refused.stderrLines.count == 1, "\(refused)")
        }
    }

    /// Writes a bundle with the documents of `source` but `history`, and a manifest that matches them.
    static func rewrite(_ source: URL, to target: URL, history: BundleHistory) throws {
        var documents: [String: Data] = [:]
        for name in ["records.json", "SHA256SUMS", "README.txt"] { documents[name] = try EvidenceBundle.document(name, in: source) }
        documents["history.json"] = CanonicalJSON.encodePretty(history)
        let folder = EvidenceFolder(root: source.deletingLastPathComponent().appendingPathComponent("none"))
        _ = try EvidenceBundle.write(to: target, documents: documents, digests: [], from: folder, createdBy: "mallory")
    }
}
