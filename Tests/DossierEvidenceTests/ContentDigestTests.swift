import DossierEvidence
import DossierTestSupport
import Foundation
import Testing

/// SHA-256 as evidence is named by: the standard's test vectors, a file hashed in pieces, and names that are not digests.
@Suite struct ContentDigestTests {
    @Test func theStandardVectorsHashAsPublished() {
        #expect(ContentDigest.of(Data()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentDigest.of(Data("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// A file larger than several pieces hashes to what coreutils' sha256sum says, with its exact size.
    @Test func aFileHashedInPiecesMatchesSha256sum() throws {
        let folder = try ScratchFolder("digest")
        let file = folder.file("video.bin")
        var rng = SystemRandomNumberGenerator()
        try Data((0..<(3 * 65_536 + 17)).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: file)
        let (digest, size) = try ContentHasher.digest(ofFileAt: file, chunk: 65_536)
        let sum = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
        #expect(sum.stdout.split(separator: " ").first.map(String.init) == digest.hex)
        #expect(size == 3 * 65_536 + 17)
    }

    /// Only 64 hex digits make a digest, so a crafted name can never become a path.
    @Test func namesThatAreNotDigestsAreRefused() {
        let good = String(repeating: "ab", count: 32)
        #expect(ContentDigest(hex: good)?.hex == good)
        #expect(ContentDigest(hex: good.uppercased())?.hex == good, "upper case is read as lower")
        for bad in ["", String(good.dropLast()), good + "0", "../../etc/passwd", String(repeating: "g", count: 64),
                    "ab/" + String(good.dropFirst(3)), String(good.dropLast()) + "\u{0}"] {
            #expect(ContentDigest(hex: bad) == nil, "\(bad) was taken as a digest")
        }
    }
}
