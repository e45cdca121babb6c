import Crypto
import DossierCore
import Foundation

/// A file's SHA-256, the name its bytes are kept and exchanged under: 64 lowercase hex digits, checked when made, so
/// a digest can never name a path outside the folder that keeps the bytes.
public struct ContentDigest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// The digest written as `hex`; nil unless it is exactly 64 hex digits (upper case is read as lower).
    public init?(hex text: String) {
        let lowered = text.lowercased()
        guard Validator.isSHA256(lowered) else { return nil }
        hex = lowered
    }

    /// The digest SHA-256 gave.
    init(_ digest: SHA256.Digest) {
        hex = digest.hexText
    }

    /// The digest of `data`, for small contents (files are hashed as they stream, `ContentHasher`).
    public static func of(_ data: some DataProtocol) -> ContentDigest { ContentDigest(SHA256.hash(data: data)) }

    /// The hex digits.
    public var description: String { hex }

    /// Orders digests by their hex digits.
    public static func < (lhs: ContentDigest, rhs: ContentDigest) -> Bool { lhs.hex < rhs.hex }
}

/// SHA-256 over bytes that arrive in pieces, counting them: a file of any size is hashed in constant memory.
public struct ContentHasher: Sendable {
    private var hash = SHA256()
    /// How many bytes went in.
    public private(set) var count: Int64 = 0

    /// A hasher that has seen nothing.
    public init() {}

    /// Adds the next piece.
    public mutating func update(_ bytes: some DataProtocol) {
        hash.update(data: bytes)
        count += Int64(bytes.count)
    }

    /// The digest of everything added.
    public func finalize() -> ContentDigest { ContentDigest(hash.finalize()) }

    /// The digest and size of the file at `url`, read in pieces of `chunk` bytes.
    public static func digest(ofFileAt url: URL, chunk: Int = 1 << 20) throws -> (digest: ContentDigest, size: Int64) {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch { throw EvidenceError.unreadable(url.path) }
        defer { try? handle.close() }
        var hasher = ContentHasher()
        while let piece = try handle.read(upToCount: chunk), !piece.isEmpty { hasher.update(piece) }
        return (hasher.finalize(), hasher.count)
    }
}
