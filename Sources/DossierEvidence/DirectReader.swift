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
    /// The file offset of the next byte to hand out.
    private var position: Int64
    /// How many bytes staging holds, and where in them the next one is.
    private var staged = 0
    private var next = 0
    private var direct: Bool
    /// How many bytes came straight from the disk so far.
    public private(set) var directBytes: Int64 = 0

    /// A reader of the file at `path` from `offset`, reading `buffer` bytes at a time (rounded up to whole blocks),
    /// straight from the disk unless `direct` is false; throws the open's POSIX error.
    public init(path: String, offset: Int64, buffer: Int = 4 << 20, direct: Bool = true) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        (staging, capacity) = DirectIO.buffer(atLeast: buffer)
        position = offset
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
        position += Int64(taken)
        return taken
    }

    /// Reads the buffer's worth from `position`, starting a direct read at the block holding it (only the first read of
    /// an upload resumed mid-block starts before it); false at the end of the file.
    private func refill() throws -> Bool {
        guard fd >= 0 else { return false }
        while true {
            let from = direct ? position - position % Int64(DirectIO.block) : position
            let read = pread(fd, staging, capacity, off_t(from))
            if read < 0, errno == EINTR { continue }
            if read < 0, direct, errno == EINVAL {
                _ = DirectIO.set(fd, direct: false) // this file wants another alignment: the page cache
                direct = false
                continue
            }
            guard read >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if direct { directBytes += Int64(read) }
            staged = read
            next = Int(position - from)
            return read > next
        }
    }
}
