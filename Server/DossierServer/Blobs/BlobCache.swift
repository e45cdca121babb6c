import DossierEvidence
import NIOCore

/// A PostgreSQL server's copies of whole evidence files on its own disk (`serve --blob-cache DIR`), so that a download
/// reads a file instead of 1 MiB rows. PostgreSQL stays the record: every check (the team, the file being whole) is
/// made there first, and a copy that is missing is read from PostgreSQL again, so the folder may be emptied at any time.
/// A file is copied only from bytes that passed through this process: every piece of its upload, or a whole download.
struct BlobCache: Sendable {
    /// The copies, whole and partial.
    let folder: BlobFolder

    /// The cache in `root`. Partial copies an earlier process left are removed: nothing says all their bytes reached the disk.
    init(root: String) {
        folder = BlobFolder(root: root)
        folder.discardAllPartials()
    }

    /// Copies a piece of an upload that PostgreSQL stores at `offset`; a copy that does not end there is dropped.
    func append(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async {
        do {
            _ = try await folder.append(team: team, digest: digest, at: offset, bytes: bytes)
        } catch {
            folder.discardPartial(team: team, digest: digest)
        }
    }

    /// Keeps the copy of a file PostgreSQL has just made whole, if the copy holds exactly its `size` bytes.
    func complete(team: Int64, digest: ContentDigest, size: Int64) async {
        guard size > 0, folder.partialSize(team: team, digest: digest) == size else {
            folder.discardPartial(team: team, digest: digest)
            return
        }
        do {
            try await folder.complete(team: team, digest: digest, size: size)
        } catch {
            folder.discardPartial(team: team, digest: digest)
        }
    }

    /// Calls `body` with the bytes of `range` from a whole copy; false, with nothing given to `body`, when there is none.
    func read(team: Int64, digest: ContentDigest, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws -> Bool {
        guard let size = folder.completeSize(team: team, digest: digest), size >= range.upperBound else { return false }
        var delivered = false
        do {
            try await folder.read(team: team, digest: digest, complete: true, range: range) { piece in
                delivered = true
                try await body(piece)
            }
            return true
        } catch BlobStoreError.missing where !delivered {
            return false // removed since it was looked at
        }
    }

    /// A new copy of a whole file of `size` bytes, made from the pieces a download reads from PostgreSQL.
    func copying(team: Int64, digest: ContentDigest, size: Int64) -> BlobCopy {
        BlobCopy(cache: self, team: team, digest: digest, size: size)
    }
}

/// A whole file copied into a `BlobCache` as a download sends it: each piece is written while it is sent, and the copy
/// is kept once every byte is in. A copy already under way (another download of the file) is left to finish alone.
struct BlobCopy {
    let cache: BlobCache
    let team: Int64
    let digest: ContentDigest
    let size: Int64
    private var end: Int64 = 0
    private var copying = true
    /// Whether the partial copy is this one's, so that it is this one's to remove.
    private var owned = false

    init(cache: BlobCache, team: Int64, digest: ContentDigest, size: Int64) {
        (self.cache, self.team, self.digest, self.size) = (cache, team, digest, size)
    }

    /// Sends the next piece with `send` while writing it to the copy.
    mutating func pass(_ piece: ByteBuffer, to send: (ByteBuffer) async throws -> Void) async throws {
        let offset = end
        end += Int64(piece.readableBytes)
        guard copying else { return try await send(piece) }
        let (folder, team, digest) = (cache.folder, team, digest)
        let copy = Task { (try? await folder.append(team: team, digest: digest, at: offset, bytes: piece)) != nil }
        var failure: (any Error)?
        do {
            try await send(piece)
        } catch {
            failure = error
        }
        if await copy.value {
            owned = true
        } else {
            abandon()
        }
        if let failure {
            abandon()
            throw failure
        }
    }

    /// Stops copying; the partial copy is removed if it is this one's.
    mutating func abandon() {
        if owned && copying { cache.folder.discardPartial(team: team, digest: digest) }
        copying = false
    }

    /// Keeps the copy if every byte went into it. Syncing it is not the download's business: the reply ends now, and
    /// the copy is kept a moment later.
    func finish() {
        guard copying, owned, end == size else { return }
        let (cache, team, digest, size) = (cache, team, digest, size)
        Task { await cache.complete(team: team, digest: digest, size: size) }
    }
}
