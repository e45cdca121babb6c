import DossierEvidence
import Foundation
import Testing

/// Media types come from the first bytes, whatever the file is called.
@Suite struct MediaTypeTests {
    static let samples: [(String, [UInt8])] = [
        ("image/jpeg", [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10] + Array("Exif".utf8)),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]),
        ("image/heic", [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0]),
        ("video/mp4", [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [0, 0, 2, 0]),
        ("video/quicktime", [0, 0, 0, 0x14] + Array("ftypqt  ".utf8)),
        ("video/webm", [0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
        ("audio/mpeg", Array("ID3".utf8) + [4, 0, 0]),
        ("audio/ogg", Array("OggS".utf8) + [0, 2]),
        ("audio/wav", Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WAVEfmt ".utf8)),
        ("application/pdf", Array("%PDF-1.7\n".utf8)),
        ("application/zip", [0x50, 0x4B, 0x03, 0x04, 0x14, 0]),
        ("application/warc", Array("WARC/1.1\r\nWARC-Type: response".utf8)),
        ("text/html", Array("\n <!DOCTYPE html><html lang=\"fa\">".utf8)),
        ("multipart/related", Array("MIME-Version: 1.0\r\nContent-Type: multipart/related".utf8)),
        ("text/plain", Array("انفجار در کابل نزدیک فرودگاه".utf8)),
        ("application/octet-stream", [0x00, 0x01, 0x02, 0xFE]),
        ("application/octet-stream", []),
    ]

    @Test(arguments: samples.indices) func theFirstBytesTellTheType(index: Int) {
        let (expected, bytes) = Self.samples[index]
        #expect(MediaType.sniff(bytes) == expected, "\(bytes.prefix(12))")
    }

    /// Text cut in the middle of a Dari letter by the sniffed prefix is still text.
    @Test func textCutInsideALetterIsStillText() {
        let bytes = Array("کابل".utf8)
        #expect(MediaType.sniff(Array(bytes.dropLast())) == "text/plain")
    }

    /// The seed articles, as the project ships them, are plain text.
    @Test func theSeedArticlesArePlainText() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/seeds").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 2)
        for file in files { #expect(try MediaType.sniff(fileAt: seeds.appendingPathComponent(file)) == "text/plain") }
    }
}
