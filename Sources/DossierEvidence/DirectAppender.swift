import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Appends bytes to an open file, sending whole 4 KiB blocks straight to the disk (`DirectIO`) where the filesystem
/// allows it and the rest (an unaligned start, the last partial block) through the page cache. Where O_DIRECT is
/// refused every byte goes through the page cache. Not thread-safe: one writer at a time.
public final class DirectAppender {
    private let capacity: Int
    private let fd: Int32
    private var offset: Int64
    private let staging: UnsafeMutableRawPointer
    private var filled = 0
    private var direct: Bool
    private var directOn = false
    /// How many bytes went straight to the disk so far.
    public private(set) var directBytes: Int64 = 0

    /// An appender to `fd` from `offset` (the file's end) that writes every `buffer` bytes (rounded up to whole
    /// blocks), straight to the disk unless `direct` is false; it does not close `fd`.
    public init(fd: Int32, offset: Int64, buffer: Int = 4 << 20, direct: Bool = true) {
        self.fd = fd
        self.offset = offset
        (staging, capacity) = DirectIO.buffer(atLeast: buffer)
        self.direct = direct && DirectIO.available
    }

    deinit { staging.deallocate() }

    /// Appends `bytes` (written when the buffer is full, or by `finish`); throws the write's POSIX error.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            // A file that does not end on a block boundary (a resumed download) gets the bytes up to one through the
            // page cache first, so that every later direct write starts on a block.
            let head = filled == 0 && direct ? Int((Int64(DirectIO.block) - offset % Int64(DirectIO.block)) % Int64(DirectIO.block)) : 0
            let taken = min(rest.count, head > 0 ? head : capacity - filled)
            (staging + filled).copyMemory(from: rest.baseAddress!, byteCount: taken)
            filled += taken
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if head > 0 {
                try write(from: 0, count: filled, direct: false)
                filled = 0
            } else if filled == capacity {
                try flush()
            }
        }
    }

    /// Writes everything gathered, the last partial block included. The caller syncs the file afterwards.
    public func finish() throws {
        try flush()
        if directOn { setDirect(false) }
    }

    /// Writes the gathered bytes, which start on a block when `direct`: the whole blocks directly, the rest (the last
    /// partial block) through the page cache.
    private func flush() throws {
        let whole = direct ? filled / DirectIO.block * DirectIO.block : 0
        try write(from: 0, count: whole, direct: true)
        try write(from: whole, count: filled - whole, direct: false)
        filled = 0
    }

    private func write(from start: Int, count: Int, direct wanted: Bool) throws {
        var done = 0
        while done < count {
            let directly = wanted && direct
            if directly != directOn { setDirect(directly) }
            let written = pwrite(fd, staging + start + done, count - done, off_t(offset))
            if written < 0, errno == EINTR { continue }
            if written < 0, directOn, errno == EINVAL {
                direct = false // this file or device wants another alignment: the page cache for the rest
                continue
            }
            guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: written < 0 ? errno : ENOSPC) ?? .EIO) }
            done += written
            offset += Int64(written)
            if directOn { directBytes += Int64(written) }
        }
    }

    private func setDirect(_ on: Bool) {
        let changed = DirectIO.set(fd, direct: on)
        if on, !changed { direct = false } // the filesystem refuses O_DIRECT
        directOn = on && changed
    }
}
