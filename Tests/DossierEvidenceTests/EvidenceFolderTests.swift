import DossierEvidence
import DossierTestSupport
import Foundation
import Testing

/// The folder that keeps evidence beside a replica: private, content-addressed, written once, the source never touched.
@Suite struct EvidenceFolderTests {
    @Test func aFileIsKeptUnderItsDigestReadOnlyInAPrivateFolderAndTheSourceIsUntouched() throws {
        let scratch = try ScratchFolder("evidence")
        let photo = scratch.file("abbey-gate.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("Kabul airport, 26 August 2021".utf8)).write(to: photo)
        let before = try FileManager.default.attributesOfItem(atPath: photo.path)
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        let kept = try folder.keep(fileAt: photo)
        #expect(!kept.alreadyKept)
        #expect(kept.digest == ContentDigest.of(try Data(contentsOf: photo)))
        #expect(try Data(contentsOf: folder.url(of: kept.digest)) == Data(contentsOf: photo))
        #expect(folder.root.path == scratch.file("replica.sqlite").path + "-evidence")
        #expect(try Self.mode(folder.root.path) == 0o700)
        #expect(try Self.mode(folder.url(of: kept.digest).path) == 0o400)
        let after = try FileManager.default.attributesOfItem(atPath: photo.path)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
        #expect(after[.posixPermissions] as? Int == before[.posixPermissions] as? Int)
        try folder.check(kept.digest)
    }

    @Test func theSameBytesAreKeptOnceWhateverTheirName() throws {
        let scratch = try ScratchFolder("evidence")
        let first = scratch.file("report.pdf"), second = scratch.file("copy of report.pdf")
        let bytes = Data("%PDF-1.7 HRW report on the Kabul airport attack".utf8)
        try bytes.write(to: first)
        try bytes.write(to: second)
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        let one = try folder.keep(fileAt: first), two = try folder.keep(fileAt: second)
        #expect(one.digest == two.digest && !one.alreadyKept && two.alreadyKept)
        let kept = try FileManager.default.subpathsOfDirectory(atPath: folder.root.path).filter { $0.count > 60 }
        #expect(kept == [String(one.digest.hex.prefix(2)) + "/" + one.digest.hex])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.root.appendingPathComponent("incoming").path).isEmpty)
    }

    @Test func keptBytesThatChangedAreReportedDamaged() throws {
        let scratch = try ScratchFolder("evidence")
        let file = scratch.file("statement.txt")
        try Data("ذبیح‌الله مجاهد said".utf8).write(to: file)
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        let kept = try folder.keep(fileAt: file)
        let path = folder.url(of: kept.digest).path
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try Data("ذبیح‌الله مجاهد denied".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: EvidenceError.damaged(kept.digest)) { try folder.check(kept.digest) }
    }

    @Test func foldersAndMissingFilesAreRefusedWithAClearSentence() throws {
        let scratch = try ScratchFolder("evidence")
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        #expect(throws: EvidenceError.notAFile(scratch.url.path)) { try folder.keep(fileAt: scratch.url) }
        let missing = scratch.file("gone.jpg")
        do {
            _ = try folder.keep(fileAt: missing)
            Issue.record("a missing file was kept")
        } catch let error as EvidenceError {
            #expect(error == .unreadable(missing.path))
            #expect(error.description.contains("cannot be read"))
        }
    }

    private static func mode(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1) & 0o777
    }
}
