import DossierCore
import DossierEvidence
import NIOCore

/// Receives an uploaded piece of a file, written once for every store: the size limit and quota before any byte is
/// kept, the offset the piece must start at, bytes kept as they arrive (so a cut upload resumes), and, once the last
/// byte is in, the whole file hashed against its name — a mismatch keeps nothing.
struct BlobReceiver<Store: BlobStore> {
    /// Bytes are written to the store in pieces of this size (a PostgreSQL chunk each).
    static var pieceSize: Int { 1 << 20 }

    let store: Store
    let uploads: BlobUploads
    /// The largest file accepted (`serve --max-blob`).
    let maxBlobBytes: Int64

    /// What receiving a piece came to.
    struct Outcome {
        /// The entry after the piece.
        var entry: BlobEntry
        /// True when this piece made the file whole.
        var completedNow: Bool
    }

    /// Checks the piece's place and the limits, then stores its bytes; throws `APIError`s for the client.
    func receive(team: Int64, digest: ContentDigest, piece: ContentRange.Upload, now: Int64,
                 body: some AsyncSequence<ByteBuffer, any Error>) async throws -> Outcome {
        guard piece.total <= maxBlobBytes else { throw APIError.blobTooLarge(piece.total, limit: maxBlobBytes) }
        guard await uploads.claim(team: team, digest: digest) else { throw APIError.uploadInProgress }
        do {
            let outcome = try await receiveClaimed(team: team, digest: digest, piece: piece, now: now, body: body)
            await uploads.release(team: team, digest: digest)
            return outcome
        } catch {
            await uploads.release(team: team, digest: digest)
            throw error
        }
    }

    private func receiveClaimed(team: Int64, digest: ContentDigest, piece: ContentRange.Upload, now: Int64,
                                body: some AsyncSequence<ByteBuffer, any Error>) async throws -> Outcome {
        var entry = try await entryReady(team: team, digest: digest, size: piece.total, start: piece.start, now: now)
        if entry.isComplete { return Outcome(entry: entry, completedNow: false) }
        guard piece.start == entry.received else { throw APIError.offsetMismatch(received: entry.received, size: entry.size) }

        let hash = SharedHasher()
        if entry.received > 0 {
            try await store.readBlob(team: team, digest: digest, range: 0..<entry.received) { hash.update($0.readableBytesView) }
        }
        // Each piece is hashed and written by tasks of their own while the next is received: the network, SHA-256 and
        // the disk overlap.
        var writes = PieceWrites(receiver: self, team: team, digest: digest, end: entry.received, hash: hash)
        var staged = ByteBuffer()
        let limit = piece.start + piece.length
        do {
            for try await buffer in body {
                guard writes.end + Int64(staged.readableBytes + buffer.readableBytes) <= limit else {
                    throw APIError.badRequest("the body is longer than its Content-Range says; send exactly the bytes it names")
                }
                var buffer = buffer
                staged.writeBuffer(&buffer)
                if staged.readableBytes >= Self.pieceSize {
                    try await writes.start(staged)
                    staged = ByteBuffer()
                }
            }
        } catch {
            // The connection was cut (or the body refused): what arrived is a true prefix, kept so the upload resumes.
            _ = try? await writes.start(staged)
            _ = try? await writes.finish()
            throw error
        }
        try await writes.start(staged)
        let end = try await writes.finish()
        entry.received = end
        guard end == entry.size else { return Outcome(entry: entry, completedNow: false) }
        guard hash.digest == digest else {
            try await store.discardBlob(team: team, digest: digest)
            throw APIError.digestMismatch(digest)
        }
        entry.completedAt = try await store.completeBlob(team: team, digest: digest, at: now)
        return Outcome(entry: entry, completedNow: true)
    }

    /// The file's entry, started when new; a partial entry of another size (a client that lied) starts over.
    private func entryReady(team: Int64, digest: ContentDigest, size: Int64, start: Int64, now: Int64) async throws -> BlobEntry {
        if let entry = try await store.blob(team: team, digest: digest) {
            if entry.isComplete || entry.size == size { return entry }
            try await store.discardBlob(team: team, digest: digest)
        }
        // Nothing is reserved for a piece that cannot be the first.
        guard start == 0 else { throw APIError.offsetMismatch(received: 0, size: nil) }
        do {
            return try await store.beginBlob(team: team, digest: digest, size: size, at: now)
        } catch BlobStoreError.quotaExceeded(let used, let quota) {
            throw APIError.quotaExceeded(used: used, quota: quota, size: size)
        }
    }

    /// Writes a piece at `offset`; a full disk discards the file's bytes and answers 507.
    func append(_ bytes: ByteBuffer, team: Int64, digest: ContentDigest, at offset: Int64) async throws -> Int64 {
        do {
            return try await store.appendBlob(team: team, digest: digest, at: offset, bytes: bytes)
        } catch BlobStoreError.storageFull {
            try? await store.discardBlob(team: team, digest: digest)
            throw APIError.storageFull
        } catch BlobStoreError.offsetMoved(let received) {
            throw APIError.offsetMismatch(received: received, size: nil)
        }
    }
}

/// The uploads in progress in this process: one at a time per file, so two pieces never interleave.
actor BlobUploads {
    private var active: Set<String> = []

    /// Takes the file's turn; false when another upload of it is running.
    func claim(team: Int64, digest: ContentDigest) -> Bool {
        active.insert("\(team)/\(digest.hex)").inserted
    }

    /// Gives the turn back.
    func release(team: Int64, digest: ContentDigest) {
        active.remove("\(team)/\(digest.hex)")
    }
}

/// The pieces of one upload being written in order, at most one at a time, while the caller receives the next.
private struct PieceWrites<Store: BlobStore> {
    let receiver: BlobReceiver<Store>
    let team: Int64
    let digest: ContentDigest
    /// Where the bytes handed to writes end.
    private(set) var end: Int64
    let hash: SharedHasher
    private var inFlight: Task<Int64, any Error>?
    private var hashing: Task<Void, Never>?

    init(receiver: BlobReceiver<Store>, team: Int64, digest: ContentDigest, end: Int64, hash: SharedHasher) {
        (self.receiver, self.team, self.digest, self.end, self.hash) = (receiver, team, digest, end, hash)
    }

    /// Waits for the write and the hashing in flight, then starts writing and hashing `bytes` (nothing when empty).
    mutating func start(_ bytes: ByteBuffer) async throws {
        guard bytes.readableBytes > 0 else { return }
        await hashing?.value
        if let inFlight { _ = try await inFlight.value }
        let (receiver, team, digest, offset, hash) = (receiver, team, digest, end, hash)
        end += Int64(bytes.readableBytes)
        hashing = Task { hash.update(bytes.readableBytesView) }
        inFlight = Task { try await receiver.append(bytes, team: team, digest: digest, at: offset) }
    }

    /// Waits for the last write and hashing; returns where the stored bytes end.
    mutating func finish() async throws -> Int64 {
        await hashing?.value
        hashing = nil
        if let inFlight { _ = try await inFlight.value }
        inFlight = nil
        return end
    }
}
