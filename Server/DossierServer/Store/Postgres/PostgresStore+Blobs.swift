import DossierEvidence
import NIOCore
import PostgresNIO

extension PostgresStore {
    public func blob(team: Int64, digest: ContentDigest) async throws -> BlobEntry? {
        let rows = try await client.query(
            "SELECT size, received, completed_at FROM blobs WHERE team_id = \(team) AND sha256 = \(digest.hex)", logger: logger)
        for try await (size, received, completedAt) in rows.decode((Int64, Int64, Int64?).self) {
            return BlobEntry(size: size, received: received, completedAt: completedAt)
        }
        return nil
    }

    public func beginBlob(team: Int64, digest: ContentDigest, size: Int64, at time: Int64) async throws -> BlobEntry {
        try await blobTransaction { conn in
            // The team's row lock makes the quota check and the insert one step for every server sharing the database.
            var quota: Int64?
            for try await value in try await conn.query("SELECT blob_quota FROM teams WHERE id = \(team) FOR UPDATE", logger: logger)
                .decode(Int64?.self) { quota = value }
            for try await (size, received, completedAt) in try await conn.query(
                "SELECT size, received, completed_at FROM blobs WHERE team_id = \(team) AND sha256 = \(digest.hex)", logger: logger
            ).decode((Int64, Int64, Int64?).self) {
                return BlobEntry(size: size, received: received, completedAt: completedAt)
            }
            let used = try await Self.used(conn, team: team, logger: logger)
            if let quota, used + size > quota { throw BlobStoreError.quotaExceeded(used: used, quota: quota) }
            try await conn.query("""
                INSERT INTO blobs (team_id, sha256, size, received, created_at) VALUES (\(team), \(digest.hex), \(size), 0, \(time))
                """, logger: logger)
            return BlobEntry(size: size, received: 0, completedAt: nil)
        }
    }

    public func appendBlob(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async throws -> Int64 {
        guard let blobCache else { return try await appendChunk(team: team, digest: digest, at: offset, bytes: bytes) }
        async let copied: Void = blobCache.append(team: team, digest: digest, at: offset, bytes: bytes)
        do {
            let end = try await appendChunk(team: team, digest: digest, at: offset, bytes: bytes)
            await copied
            return end
        } catch {
            await copied
            blobCache.discardPartial(team: team, digest: digest)
            throw error
        }
    }

    private func appendChunk(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async throws -> Int64 {
        let length = bytes.readableBytes, end = offset + Int64(length)
        let stored = try await blobTransaction { conn in
            // A chunk need not wait for the disk: a crash loses whole chunk transactions (their bytes and `received`
            // together), so the upload resumes from what survived; completing the file commits synchronously. A
            // custom plan would copy the chunk into the plan as a constant, several times: the generic plan does not.
            try await conn.query("""
                SELECT set_config('synchronous_commit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)
                """, logger: logger)
            // Moving `received` locks the file's row, so a piece that lost a race for this offset stores nothing.
            let rows = try await conn.query("""
                WITH moved AS (
                    UPDATE blobs SET received = \(end) WHERE team_id = \(team) AND sha256 = \(digest.hex) AND received = \(offset)
                    RETURNING team_id, sha256)
                INSERT INTO blob_chunks (team_id, sha256, position, length, data)
                SELECT team_id, sha256, \(offset), \(length), \(bytes) FROM moved RETURNING position
                """, logger: logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
        if stored { return end }
        guard let entry = try await blob(team: team, digest: digest) else { throw BlobStoreError.missing }
        throw BlobStoreError.offsetMoved(received: entry.received)
    }

    public func readBlob(team: Int64, digest: ContentDigest, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        guard !range.isEmpty else { return }
        guard let blobCache, let entry = try await blob(team: team, digest: digest) else {
            return try await readChunks(team: team, digest: digest, range: range, body)
        }
        if entry.isComplete, try await blobCache.read(team: team, digest: digest, size: entry.size, range: range, body) { return }
        // A whole download is copied as it is sent, and so is the start of a partial upload that `BlobReceiver` reads
        // back to hash: the copy then holds exactly the bytes that upload's hash covers.
        let purpose: BlobCopy.Purpose? = switch (range.lowerBound, entry.isComplete) {
        case (0, true) where range.upperBound == entry.size: .download
        case (0, false) where range.upperBound == entry.received: .uploadPrefix
        default: nil
        }
        guard let purpose else { return try await readChunks(team: team, digest: digest, range: range, body) }
        var copy = BlobCopy(cache: blobCache, team: team, digest: digest, size: range.upperBound, purpose: purpose)
        do {
            try await readChunks(team: team, digest: digest, range: range) { piece in try await copy.pass(piece, to: body) }
        } catch {
            copy.abandon()
            throw error
        }
        copy.finish()
    }

    private func readChunks(team: Int64, digest: ContentDigest, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        let start = range.lowerBound, end = range.upperBound
        let rows = try await client.query("""
            SELECT position, data FROM blob_chunks WHERE team_id = \(team) AND sha256 = \(digest.hex)
            AND position < \(end) AND position + length > \(start) ORDER BY position
            """, logger: logger)
        var expected = start
        for try await (position, data) in rows.decode((Int64, ByteBuffer).self) {
            let from = Int(max(0, start - position)), to = Int(min(Int64(data.readableBytes), end - position))
            guard position + Int64(from) == expected, let slice = data.getSlice(at: data.readerIndex + from, length: to - from) else {
                throw BlobStoreError.missing
            }
            expected += Int64(slice.readableBytes)
            try await body(slice)
        }
        guard expected == end else { throw BlobStoreError.missing }
    }

    public func completeBlob(team: Int64, digest: ContentDigest, at time: Int64) async throws -> Int64 {
        let rows = try await client.query("""
            UPDATE blobs SET completed_at = COALESCE(completed_at, \(time)) WHERE team_id = \(team) AND sha256 = \(digest.hex)
            RETURNING completed_at, size
            """, logger: logger)
        var completed: (at: Int64, size: Int64)?
        for try await (completedAt, size) in rows.decode((Int64, Int64).self) { completed = (completedAt, size) }
        guard let completed else { throw BlobStoreError.missing }
        await blobCache?.complete(team: team, digest: digest, size: completed.size)
        return completed.at
    }

    public func discardBlob(team: Int64, digest: ContentDigest) async throws {
        try await client.query("DELETE FROM blobs WHERE team_id = \(team) AND sha256 = \(digest.hex)", logger: logger)
        blobCache?.discard(team: team, digest: digest)
    }

    public func blobUsage(team: Int64) async throws -> BlobUsage {
        try await blobTransaction { conn in
            var quota: Int64?
            for try await value in try await conn.query("SELECT blob_quota FROM teams WHERE id = \(team)", logger: logger)
                .decode(Int64?.self) { quota = value }
            return BlobUsage(used: try await Self.used(conn, team: team, logger: logger), quota: quota)
        }
    }

    private static func used(_ conn: PostgresConnection, team: Int64, logger: Logger) async throws -> Int64 {
        for try await used in try await conn.query("SELECT COALESCE(SUM(size), 0)::BIGINT FROM blobs WHERE team_id = \(team)", logger: logger)
            .decode(Int64.self) { return used }
        return 0
    }

    /// A transaction whose blob errors come out as themselves; PostgreSQL's "disk full" (53100) is `storageFull`.
    private func blobTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { conn in try await body(conn) }
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? BlobStoreError { throw inner }
            if let inner = error.closureError as? PSQLError, inner.serverInfo?[.sqlState] == "53100" { throw BlobStoreError.storageFull }
            throw error
        }
    }
}
