import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file in order from an offset, whole 4 KiB blocks straight from the disk (`DirectIO`) into one reused
/// buffer, for a large file that is read once (an upload of kept evidence, which attach wrote past the page cache).
/// Where O_DIRECT is refused it reads through the page cache. Not thread-safe: one reader at a time.
public final class DirectReader {
    private var fd: Int32
    private let capacity: Int
    private let staging: UnsafeMutableRawPointer
    /// The file offset of staging's first byte.
    private var stagedAt: Int64
    private var staged = 0
    private var next: Int
    private var direct: Bool
    /// How many bytes came straight from the disk so far.
    public private(set) var directBytes: Int64 = 0

    /// A reader of the file at `path` from `offset`, reading `buffer` bytes at a time (rounded up to whole blocks),
    /// straight from the disk unless `direct` is false; throws the open's POSIX error.
    public init(path: String, offset: Int64, buffer: Int = 4 << 20, direct: Bool = true) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        capacity = max(1, (buffer + DirectIO.block - 1) / DirectIO.block) * DirectIO.block
        staging = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: DirectIO.block)
        // Reads start at the block holding `offset`; the bytes before it are skipped.
        stagedAt = offset - offset % Int64(DirectIO.block)
        next = Int(offset - stagedAt)
        self.direct = direct && DirectIO.set(fd, direct: true)
    }

    deinit {
        close()
        staging.deallocate()
    }

    /// Closes the file; reading afterwards finds its end.
    public func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
        staged = 0
        next = 0
    }

    /// Copies up to `count` next bytes of the file into `destination`; returns how many (0 at the end of the file).
    /// Throws the read's POSIX error.
    public func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if next >= staged {
            guard try refill() else { return 0 }
        }
        let taken = min(count, staged - next)
        destination.copyMemory(from: staging + next, byteCount: taken)
        next += taken
        return taken
    }

    /// Reads the buffer's worth after what was staged; false at the end of the file.
    private func refill() throws -> Bool {
        guard fd >= 0 else { return false }
        let skip = max(0, next - staged) // only before the first read: the bytes of the first block before the offset
        stagedAt += Int64(staged)
        while true {
            let read = pread(fd, staging, capacity, off_t(stagedAt))
            if read < 0, errno == EINTR { continue }
            if read < 0, direct, errno == EINVAL {
                _ = DirectIO.set(fd, direct: false) // this file wants another alignment: the page cache
                direct = false
                continue
            }
            guard read >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if direct { directBytes += Int64(read) }
            staged = read
            next = skip
            return read > skip
        }
    }
}
