import DossierEvidence
import NIOCore

/// Where a store keeps evidence files: a folder beside the SQLite file, chunks in PostgreSQL. These are the steps
/// each store supplies; receiving a file (offsets, hashing, limits) is written once above them in `BlobReceiver`.
/// Every step is scoped to a team: one team never sees another's files.
public protocol BlobStore: Sendable {
    /// The team's entry for a file, if an upload of it ever started.
    func blob(team: Int64, digest: ContentDigest) async throws -> BlobEntry?
    /// Starts an empty entry of `size` bytes, unless it would take the team's files over its quota
    /// (`BlobStoreError.quotaExceeded`); an entry that exists already is returned as it is.
    func beginBlob(team: Int64, digest: ContentDigest, size: Int64, at time: Int64) async throws -> BlobEntry
    /// Stores `bytes` at `offset`, which must be where the entry's received bytes end; returns the new end.
    func appendBlob(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async throws -> Int64
    /// Calls `body` with the stored bytes of `range`, in order, in pieces.
    func readBlob(team: Int64, digest: ContentDigest, range: Range<Int64>,
                  _ body: (ByteBuffer) async throws -> Void) async throws
    /// Marks an entry whose bytes all arrived and hash to its name as whole; returns when it first became whole (ms).
    func completeBlob(team: Int64, digest: ContentDigest, at time: Int64) async throws -> Int64
    /// Removes an entry and its bytes (a mismatch, a full disk).
    func discardBlob(team: Int64, digest: ContentDigest) async throws
    /// The bytes the team's files take (partial ones at their full size) and its quota, if it has one.
    func blobUsage(team: Int64) async throws -> BlobUsage
}

/// A file's entry in a store.
public struct BlobEntry: Sendable, Equatable {
    /// The file's size in bytes, as declared by the upload that started it.
    public var size: Int64
    /// How many bytes are stored, from the start.
    public var received: Int64
    /// When the file became whole and checked (ms); nil while partial.
    public var completedAt: Int64?

    /// Whether the file is whole and checked against its name.
    public var isComplete: Bool { completedAt != nil }

    /// Creates an entry.
    public init(size: Int64, received: Int64, completedAt: Int64?) {
        self.size = size
        self.received = received
        self.completedAt = completedAt
    }
}

/// A team's use of file storage.
public struct BlobUsage: Sendable, Equatable {
    /// Bytes taken, partial uploads at their full size.
    public var used: Int64
    /// The most the team may take; nil: no limit.
    public var quota: Int64?
}

/// What a blob store refuses in its own words.
public enum BlobStoreError: Error, Equatable {
    /// The file would take the team over its quota.
    case quotaExceeded(used: Int64, quota: Int64)
    /// The disk (or database) has no room; nothing of the file is kept.
    case storageFull
    /// Bytes were offered at an offset other than where the stored ones end.
    case offsetMoved(received: Int64)
    /// No such file for this team.
    case missing
}
