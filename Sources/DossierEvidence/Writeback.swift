import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting the disk on bytes just written, without waiting for it: Linux's `sync_file_range(…, SYNC_FILE_RANGE_WRITE)`,
/// which Glibc declares only under _GNU_SOURCE and is therefore found once by name. A file written in pieces this way
/// has little left to wait for at its final sync. Elsewhere it does nothing.
public enum Writeback {
    private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
    }()

    /// Starts writing `length` bytes at `offset` of the open file `fd` to disk.
    public static func start(_ fd: Int32, offset: Int64, length: Int64) {
        _ = syncFileRange?(fd, offset, length, 2) // SYNC_FILE_RANGE_WRITE
    }
}

/// SHA-256 over the pieces of one transfer, shared by the code that hands them over in order (each update happens
/// after the previous one finished), so it is never touched by two threads at once.
public final class SharedHasher: @unchecked Sendable {
    private var hasher = ContentHasher()

    /// A hasher that has seen nothing.
    public init() {}

    /// Adds the next piece.
    public func update(_ bytes: some DataProtocol) { hasher.update(bytes) }

    /// How many bytes went in.
    public var count: Int64 { hasher.count }

    /// The digest of every piece added.
    public var digest: ContentDigest { hasher.finalize() }
}
