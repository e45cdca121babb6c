import DossierEvidence
import Foundation
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Evidence files on disk, for the SQLite store and for a PostgreSQL server's `BlobCache`: `ROOT/TEAM/incoming/SHA256`
/// while partial (its size is how many bytes arrived), `ROOT/TEAM/ab/SHA256` once whole (mode 0400). Folders are 0700.
/// Names are a team number and a checked digest, so no path leaves the root. Blocking file calls run on NIO's thread pool.
struct BlobFolder: Sendable {
    /// The folder (`STORE.sqlite-blobs`, or `serve --blob-cache`).
    let root: String

    /// Where a whole file is kept.
    func completePath(team: Int64, digest: ContentDigest) -> String {
        "\(root)/\(team)/\(digest.hex.prefix(2))/\(digest.hex)"
    }

    /// Where a partial file grows.
    func partialPath(team: Int64, digest: ContentDigest) -> String {
        "\(root)/\(team)/incoming/\(digest.hex)"
    }

    /// How many bytes of a partial file are on disk (0 when none).
    func partialSize(team: Int64, digest: ContentDigest) -> Int64 {
        var info = stat()
        guard stat(partialPath(team: team, digest: digest), &info) == 0 else { return 0 }
        return Int64(info.st_size)
    }

    /// The size of a whole file, nil when there is none.
    func completeSize(team: Int64, digest: ContentDigest) -> Int64? {
        var info = stat()
        guard stat(completePath(team: team, digest: digest), &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Writes `bytes` at `offset` of the partial file, which must end there (else `offsetMoved`: another writer moved it).
    func append(team: Int64, digest: ContentDigest, at offset: Int64, bytes: ByteBuffer) async throws -> Int64 {
        let path = partialPath(team: team, digest: digest)
        return try await NIOThreadPool.singleton.runIfActive {
            try Self.makeFolder((path as NSString).deletingLastPathComponent)
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Self.failure(errno) }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw Self.failure(errno) }
            guard Int64(info.st_size) == offset else { throw BlobStoreError.offsetMoved(received: Int64(info.st_size)) }
            var position = offset
            try bytes.withUnsafeReadableBytes { raw in
                var done = 0
                while done < raw.count {
                    let written = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(position))
                    guard written > 0 else { throw Self.failure(written < 0 ? errno : ENOSPC) }
                    done += written
                    position += Int64(written)
                }
            }
            // Start writing the piece to disk now, without waiting: the completion's fsync then has little left to do.
            Writeback.start(fd, offset: offset, length: Int64(bytes.readableBytes))
            return position
        }
    }

    /// Calls `body` with the bytes of `range` of the file (whole or partial), in pieces of at most 1 MiB.
    func read(team: Int64, digest: ContentDigest, complete: Bool, range: Range<Int64>,
              _ body: (ByteBuffer) async throws -> Void) async throws {
        let path = complete ? completePath(team: team, digest: digest) : partialPath(team: team, digest: digest)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BlobStoreError.missing }
        defer { close(fd) }
        // The next piece is read while this one is sent; none is left reading when the file is closed. Pieces are
        // read into the buffers of pieces sent before, once the channel has let go of them: a fresh 1 MiB block for
        // every piece left glibc's heap holding 10–20 MiB more than was in use, with peaks of 25–45 MiB.
        var position = range.lowerBound, sent: [ByteBuffer] = []
        var next = position < range.upperBound ? Self.readPiece(fd, at: position, end: range.upperBound, into: nil) : nil
        do {
            while let reading = next {
                let piece = try await reading.value
                position += Int64(piece.readableBytes)
                next = position < range.upperBound
                    ? Self.readPiece(fd, at: position, end: range.upperBound, into: try await Self.released(from: &sent)) : nil
                try await body(piece)
                sent.append(piece)
            }
        } catch {
            _ = try? await next?.value
            throw error
        }
    }

    /// How many sent pieces' buffers are kept for reuse.
    private static let keptBuffers = 3

    /// The oldest sent buffer once nothing else holds it, waiting up to 20 ms, when `keptBuffers` are kept; else nil
    /// (a new one is made, and that one is not waited for again).
    private static func released(from sent: inout [ByteBuffer]) async throws -> ByteBuffer? {
        guard sent.count >= keptBuffers else { return nil }
        var oldest = sent.removeFirst()
        for _ in 0..<200 {
            if oldest.modifyIfUniquelyOwned({ _ in }) != nil { return oldest }
            try await Task.sleep(for: .microseconds(100))
        }
        return nil
    }

    /// Reads up to 1 MiB at `position` on NIO's thread pool, into `buffer` when given; a piece shorter than asked (a
    /// file cut short) is `missing`.
    private static func readPiece(_ fd: Int32, at position: Int64, end: Int64, into buffer: consuming ByteBuffer?) -> Task<ByteBuffer, any Error> {
        let length = Int(min(Int64(1 << 20), end - position))
        let holder = PieceHolder(consume buffer)
        return Task {
            try await NIOThreadPool.singleton.runIfActive { () throws -> ByteBuffer in
                var buffer = holder.take() ?? ByteBufferAllocator().buffer(capacity: 1 << 20)
                buffer.clear()
                let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { raw in
                    let read = pread(fd, raw.baseAddress!, length, off_t(position))
                    guard read >= 0 else { throw Self.failure(errno) }
                    return read
                }
                guard count == length else { throw BlobStoreError.missing }
                return buffer
            }
        }
    }

    /// Makes a whole file permanent: synced, read-only, moved out of `incoming` (an empty file, never written, is made);
    /// a partial file of another size than `size` is `missing`.
    func complete(team: Int64, digest: ContentDigest, size: Int64) async throws {
        let partial = partialPath(team: team, digest: digest), final = completePath(team: team, digest: digest)
        try await NIOThreadPool.singleton.runIfActive {
            if size == 0, access(final, F_OK) != 0 {
                try Self.makeFolder((partial as NSString).deletingLastPathComponent)
                let made = open(partial, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
                if made >= 0 { close(made) }
            }
            let fd = open(partial, O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                defer { close(fd) }
                var info = stat()
                guard fstat(fd, &info) == 0, Int64(info.st_size) == size else { throw BlobStoreError.missing }
                fsync(fd)
            } else if access(final, F_OK) == 0 {
                return // moved already
            } else {
                throw BlobStoreError.missing
            }
            try Self.makeFolder((final as NSString).deletingLastPathComponent)
            chmod(partial, 0o400)
            guard rename(partial, final) == 0 else { throw Self.failure(errno) }
        }
    }

    /// Removes a file's bytes, partial or whole.
    func discard(team: Int64, digest: ContentDigest) {
        discardPartial(team: team, digest: digest)
        unlink(completePath(team: team, digest: digest))
    }

    /// Starts an empty partial file; false when there is one already (another writer's).
    func startPartial(team: Int64, digest: ContentDigest) -> Bool {
        let path = partialPath(team: team, digest: digest)
        guard (try? Self.makeFolder((path as NSString).deletingLastPathComponent)) != nil else { return false }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }

    /// Removes a partial file.
    func discardPartial(team: Int64, digest: ContentDigest) {
        unlink(partialPath(team: team, digest: digest))
    }

    /// Removes every team's partial files.
    func discardAllPartials() {
        let teams = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for team in teams where Int64(team) != nil {
            try? FileManager.default.removeItem(atPath: "\(root)/\(team)/incoming")
        }
    }

    private static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw failure(ENOSPC)
        }
    }

    /// A full disk, a quota or a file-size limit is `storageFull`; anything else is the system's error.
    private static func failure(_ code: Int32) -> any Error {
        if [ENOSPC, EDQUOT, EFBIG].contains(code) { return BlobStoreError.storageFull }
        return POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}

/// A buffer handed to a read on another thread and taken out there, so that it is the only reference and is written in place.
private final class PieceHolder: @unchecked Sendable {
    private var buffer: ByteBuffer?

    init(_ buffer: consuming ByteBuffer?) { self.buffer = buffer }

    /// The buffer, leaving none behind.
    func take() -> ByteBuffer? {
        defer { buffer = nil }
        return buffer
    }
}
