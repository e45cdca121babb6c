import DossierEvidence
import NIOCore

/// Varied bytes (so a misplaced piece shows) and their SHA-256, for the blob tests.
struct SampleBytes {
    /// The file.
    let bytes: [UInt8]

    /// `count` bytes from a seed (xorshift).
    init(_ count: Int, seed: UInt64 = 1) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        bytes = (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// The bytes' SHA-256.
    var digest: ContentDigest { .of(bytes) }
    /// Where they are uploaded.
    var uri: String { "/v1/blobs/\(digest.hex)" }

    /// `length` bytes from `offset`, as a store is given them.
    func buffer(_ offset: Int64, _ length: Int) -> ByteBuffer {
        ByteBuffer(bytes: bytes[Int(offset)..<Int(offset) + length])
    }
}
