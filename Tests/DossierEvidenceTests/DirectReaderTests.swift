import DossierEvidence
import DossierTestSupport
import Foundation
import Testing

/// Reading a file with whole blocks straight from the disk: every byte from the asked offset on, in order, whatever
/// the sizes asked for, from the disk and through the page cache alone.
@Suite struct DirectReaderTests {
    @Test(arguments: [0, 12_345, 4096])
    func everyByteFromTheOffsetComesBackInOrderAndWholeBlocksComeStraightFromTheDisk(offset: Int) throws {
        let read = try Self.read(from: offset, direct: true)
        #expect(read.bytes == read.file[offset...])
        #expect(read.directBytes > 0)
    }

    @Test func throughThePageCacheAloneEveryByteComesBackAndNoneStraightFromTheDisk() throws {
        let read = try Self.read(from: 777, direct: false)
        #expect(read.bytes == read.file[777...])
        #expect(read.directBytes == 0)
    }

    @Test func aMissingFileIsAnError() throws {
        let scratch = try ScratchFolder("direct-read")
        #expect(throws: POSIXError.self) { try DirectReader(path: scratch.file("gone.mp4").path, offset: 0) }
    }

    /// Writes 1,000,003 random bytes, then reads them back from `offset` in pieces of odd sizes through a 64 KiB reader.
    private static func read(from offset: Int, direct: Bool) throws -> (file: Data, bytes: Data, directBytes: Int64) {
        let scratch = try ScratchFolder("direct-read")
        let url = scratch.file("video.mp4")
        var generator = SystemRandomNumberGenerator()
        let file = Data((0..<1_000_003).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try file.write(to: url)
        let reader = try DirectReader(path: url.path, offset: Int64(offset), buffer: 64 * 1024, direct: direct)
        var bytes = Data()
        let sizes = [1, 70_000, 4095, 3, 200_000, 9]
        let piece = UnsafeMutableRawPointer.allocate(byteCount: 200_000, alignment: 1)
        defer { piece.deallocate() }
        for round in 0... {
            let count = try reader.read(into: piece, count: sizes[round % sizes.count])
            if count == 0 { break }
            bytes.append(piece.assumingMemoryBound(to: UInt8.self), count: count)
        }
        return (file, bytes, reader.directBytes)
    }
}
