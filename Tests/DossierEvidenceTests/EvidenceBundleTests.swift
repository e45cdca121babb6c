import DossierEvidence
import DossierTestSupport
import Foundation
import Testing

/// A bundle verifies offline, names every entry that no longer matches, and never replaces a file.
@Suite struct EvidenceBundleTests {
    private func bundle(in scratch: ScratchFolder) throws -> (URL, Data) {
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        let photoBytes = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("Abbey Gate photo, unmistakable bytes 0123456789".utf8))
        try photoBytes.write(to: scratch.file("gate.jpg"))
        try Data("%PDF-1.7 report".utf8).write(to: scratch.file("report.pdf"))
        let digests = try [scratch.file("gate.jpg"), scratch.file("report.pdf")].map { try folder.keep(fileAt: $0).digest }
        let url = scratch.file("kabul.zip")
        let manifest = try EvidenceBundle.write(to: url, documents: ["records.json": Data("{\"records\":[]}".utf8), "README.txt": Data("read me".utf8)],
                                                digests: digests, from: folder, createdBy: "amina")
        #expect(manifest.entries.map(\.path) == ["README.txt", "files/" + digests.sorted()[0].hex, "files/" + digests.sorted()[1].hex, "records.json"])
        return (url, photoBytes)
    }

    @Test func aBundleVerifiesAndListsEveryEntryWithItsDigest() throws {
        let scratch = try ScratchFolder("bundle")
        let (url, _) = try bundle(in: scratch)
        let (manifest, problems) = try EvidenceBundle.verify(url)
        #expect(problems.isEmpty, "\(problems)")
        #expect(manifest.createdBy == "amina" && manifest.entries.count == 4)
        let listing = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-l", url.path])
        #expect(listing.status == 0 && listing.stdout.contains("manifest.json"), "an ordinary unzip reads it: \(listing)")
    }

    @Test func oneChangedByteOfAFileIsNamed() throws {
        let scratch = try ScratchFolder("bundle")
        let (url, photo) = try bundle(in: scratch)
        var bytes = try Data(contentsOf: url)
        let at = try #require(bytes.range(of: Data("unmistakable".utf8)))
        bytes[at.lowerBound] ^= 0x01
        try bytes.write(to: url)
        let problems = try EvidenceBundle.verify(url).problems
        let photoPath = "files/" + ContentDigest.of(photo).hex
        #expect(problems.count == 1 && problems[0].contains(photoPath), "\(problems)")
    }

    @Test func aFileThatIsNotABundleIsRefusedAndNoFileIsReplaced() throws {
        let scratch = try ScratchFolder("bundle")
        try Data("not a zip".utf8).write(to: scratch.file("notes.zip"))
        #expect(throws: EvidenceError.notABundle(scratch.file("notes.zip").path)) { try EvidenceBundle.verify(scratch.file("notes.zip")) }
        let folder = EvidenceFolder(besideReplica: scratch.file("replica.sqlite").path)
        #expect(throws: EvidenceError.bundleExists(scratch.file("notes.zip").path)) {
            try EvidenceBundle.write(to: scratch.file("notes.zip"), documents: [:], digests: [], from: folder, createdBy: "amina")
        }
        #expect(try Data(contentsOf: scratch.file("notes.zip")) == Data("not a zip".utf8))
    }
}
