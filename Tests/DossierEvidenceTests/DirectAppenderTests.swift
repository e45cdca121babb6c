import DossierEvidence
import DossierTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Appending a file's bytes with whole blocks straight to the disk: every byte lands where it belongs, whatever the
/// pieces and the starting offset, on a disk, in memory (tmpfs) and through the page cache alone.
@Suite struct DirectAppenderTests {
    static let pieces = [1, 4095, 70_000, 3, 200_000, 12_345, 65_536, 7]

    @Test func oddPiecesFromAnOddOffsetLandExactlyAndTheWholeBlocksGoStraightToTheDisk() throws {
        let scratch = try ScratchFolder("direct")
        let written = try Self.append(at: scratch.file("video.partial"))
        #expect(written.file == written.expected)
        // The first 1,000 bytes were there already: the head up to 4,096 and the last partial block go through the page
        // cache, every block between them straight to the disk.
        #expect(written.directBytes == Int64(written.expected.count / 4096 * 4096 - 4096))
    }

    @Test func inAMemoryFilesystemEveryByteLands() throws {
        let memory = URL(fileURLWithPath: "/dev/shm/dossier-direct-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: memory) }
        let written = try Self.append(at: memory)
        #expect(written.file == written.expected)
    }

    @Test func throughThePageCacheAloneEveryByteLandsAndNoneGoesStraightToTheDisk() throws {
        let scratch = try ScratchFolder("direct")
        let written = try Self.append(at: scratch.file("video.partial"), direct: false)
        #expect(written.file == written.expected)
        #expect(written.directBytes == 0)
    }

    /// Writes 1,000 bytes, then appends `pieces` of pseudo-random bytes through a 64 KiB appender.
    private static func append(at url: URL, direct: Bool = true) throws -> (file: Data, expected: Data, directBytes: Int64) {
        var generator = SystemRandomNumberGenerator()
        var expected = Data((0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try expected.write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        let appender = DirectAppender(fd: handle.fileDescriptor, offset: 1000, buffer: 64 * 1024, direct: direct)
        for size in pieces {
            let piece = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try piece.withUnsafeBytes { try appender.append($0) }
            expected += piece
        }
        try appender.finish()
        #if arch(x86_64)
        #expect(fcntl(handle.fileDescriptor, F_GETFL) & 0o40000 == 0, "O_DIRECT (x86-64's value) is cleared when the appender finishes")
        #endif
        return (try Data(contentsOf: url), expected, appender.directBytes)
    }
}
