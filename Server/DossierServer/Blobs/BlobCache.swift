import DossierEvidence
import NIOCore

/// A PostgreSQL server's copies of whole evidence files on its own disk (`serve --blob-cache DIR`), so that a download
/// reads a file instead of 1 MiB rows. PostgreSQL stays the record: every check (the team, the file being whole, its
/// size) is made there first, and a copy that is missing is read from PostgreSQL again, so the folder may be emptied at
/// any time. A copy holds only bytes that passed through this process and were checked: an upload's, which its hash
/// covers (a resumed upload's start is copied again as it is read back to be hashed), or a whole download's.
struct BlobCache: Sendable {
    /// The copies, whole and partial.
    let folder: BlobFolder

    /// The cache in `root`. Partial copies an earlier process left are removed: nothing says all their bytes reached the disk.
    init(root: String) {
        folder = BlobFolder(root: root)
        folder.discardAllPartials()
    }

    /// Copies a piece of an upload that PostgreSQL stores at `offset`: a piece at 0 starts the copy afresh, and a copy
    /// that does not end at `offset` is dropped.
    func append(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async {
        if offset == 0 { folder.discardPartial(team: team, digest: digest) }
        do {
            _ = try await folder.append(team: team, digest: digest, at: offset, bytes: bytes)
        } catch {
            folder.discardPartial(team: team, digest: digest)
        }
    }

    /// Keeps the copy of a file PostgreSQL has just made whole, if the copy holds exactly its `size` bytes.
    func complete(team: Int64, digest: ContentDigest, size: Int64) async {
        do {
            try await folder.complete(team: team, digest: digest, size: size)
        } catch {
            folder.discardPartial(team: team, digest: digest)
        }
    }

    /// Calls `body` with `range` from a whole copy of `size` bytes; false, with nothing given to `body`, when there is
    /// no such copy or it cannot be read.
    func read(team: Int64, digest: ContentDigest, size: Int64, range: Range<Int64>,
              _ body: (ByteBuffer) async throws -> Void) async throws -> Bool {
        guard folder.completeSize(team: team, digest: digest) == size else { return false }
        var delivered = false
        do {
            try await folder.read(team: team, digest: digest, complete: true, range: range) { piece in
                delivered = true
                try await body(piece)
            }
            return true
        } catch where !delivered {
            return false // removed since it was looked at, or unreadable: PostgreSQL has the bytes
        }
    }

    /// Drops the partial copy of a file (its upload's piece was refused).
    func discardPartial(team: Int64, digest: ContentDigest) {
        folder.discardPartial(team: team, digest: digest)
    }

    /// Drops every copy of a file, partial or whole (PostgreSQL discarded it).
    func discard(team: Int64, digest: ContentDigest) {
        folder.discard(team: team, digest: digest)
    }
}

/// A copy written as pieces read from PostgreSQL are sent on: each piece is written while it is sent.
struct BlobCopy {
    /// What the read is for.
    enum Purpose {
        /// A whole file sent to a client: the copy is kept once every byte is in. A copy already under way (another
        /// download of the file) is left to finish alone.
        case download
        /// The start of a partial upload read back to be hashed: the copy starts again from these bytes, and the
        /// upload's next pieces continue it.
        case uploadPrefix
    }

    let cache: BlobCache
    let team: Int64
    let digest: ContentDigest
    /// The bytes the read yields.
    let size: Int64
    let purpose: Purpose
    private var end: Int64 = 0
    private var copying = true
    /// Whether the partial copy is this one's, so that it is this one's to remove.
    private var owned = false

    init(cache: BlobCache, team: Int64, digest: ContentDigest, size: Int64, purpose: Purpose) {
        (self.cache, self.team, self.digest, self.size, self.purpose) = (cache, team, digest, size, purpose)
    }

    /// Sends the next piece with `send` while writing it to the copy.
    mutating func pass(_ piece: ByteBuffer, to send: (ByteBuffer) async throws -> Void) async throws {
        let offset = end
        end += Int64(piece.readableBytes)
        guard copying else { return try await send(piece) }
        let (folder, team, digest, restart) = (cache.folder, team, digest, purpose == .uploadPrefix)
        let copy = Task {
            if offset == 0 {
                if restart { folder.discardPartial(team: team, digest: digest) }
                guard folder.startPartial(team: team, digest: digest) else { return false }
            }
            return (try? await folder.append(team: team, digest: digest, at: offset, bytes: piece)) != nil
        }
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

    /// Ends the read: a whole download's copy is kept if every byte went into it. Syncing it is not the download's
    /// business: the reply ends now, and the copy is kept a moment later.
    func finish() {
        guard purpose == .download, copying, owned, end == size else { return }
        let (cache, team, digest, size) = (cache, team, digest, size)
        Task { await cache.complete(team: team, digest: digest, size: size) }
    }
}
