import DossierEvidence
import GRDB
import NIOCore

extension SQLiteStore {
    public func blob(team: Int64, digest: ContentDigest) async throws -> BlobEntry? {
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT size, completed_at FROM blobs WHERE team_id = ? AND sha256 = ?", arguments: [team, digest.hex])
        }
        guard let row else { return nil }
        let size: Int64 = row[0], completedAt: Int64? = row[1]
        let received = completedAt == nil ? min(size, blobFolder.partialSize(team: team, digest: digest)) : size
        return BlobEntry(size: size, received: received, completedAt: completedAt)
    }

    public func beginBlob(team: Int64, digest: ContentDigest, size: Int64, at time: Int64) async throws -> BlobEntry {
        try await pool.write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT size, completed_at FROM blobs WHERE team_id = ? AND sha256 = ?",
                                          arguments: [team, digest.hex]) {
                let size: Int64 = row[0], completedAt: Int64? = row[1]
                let received = completedAt == nil ? min(size, blobFolder.partialSize(team: team, digest: digest)) : size
                return BlobEntry(size: size, received: received, completedAt: completedAt)
            }
            let usage = try Self.usage(db, team: team)
            if let quota = usage.quota, usage.used + size > quota { throw BlobStoreError.quotaExceeded(used: usage.used, quota: quota) }
            try db.execute(sql: "INSERT INTO blobs (team_id, sha256, size, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [team, digest.hex, size, time])
            return BlobEntry(size: size, received: 0, completedAt: nil)
        }
    }

    public func appendBlob(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async throws -> Int64 {
        try await blobFolder.append(team: team, digest: digest, at: offset, bytes: bytes)
    }

    public func readBlob(team: Int64, digest: ContentDigest, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        guard let entry = try await blob(team: team, digest: digest) else { throw BlobStoreError.missing }
        try await blobFolder.read(team: team, digest: digest, complete: entry.isComplete, range: range, body)
    }

    public func completeBlob(team: Int64, digest: ContentDigest, at time: Int64) async throws -> Int64 {
        guard let entry = try await blob(team: team, digest: digest) else { throw BlobStoreError.missing }
        try await blobFolder.complete(team: team, digest: digest, size: entry.size)
        return try await pool.write { db in
            try db.execute(sql: "UPDATE blobs SET completed_at = ? WHERE team_id = ? AND sha256 = ? AND completed_at IS NULL",
                           arguments: [time, team, digest.hex])
            return try Int64.fetchOne(db, sql: "SELECT completed_at FROM blobs WHERE team_id = ? AND sha256 = ?",
                                      arguments: [team, digest.hex]) ?? time
        }
    }

    public func discardBlob(team: Int64, digest: ContentDigest) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM blobs WHERE team_id = ? AND sha256 = ?", arguments: [team, digest.hex])
        }
        blobFolder.discard(team: team, digest: digest)
    }

    public func blobUsage(team: Int64) async throws -> BlobUsage {
        try await pool.read { db in try Self.usage(db, team: team) }
    }

    private static func usage(_ db: Database, team: Int64) throws -> BlobUsage {
        let used = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM blobs WHERE team_id = ?", arguments: [team]) ?? 0
        let quota = try Int64?.fetchOne(db, sql: "SELECT blob_quota FROM teams WHERE id = ?", arguments: [team]) ?? nil
        return BlobUsage(used: used, quota: quota)
    }
}
