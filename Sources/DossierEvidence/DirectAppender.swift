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
        capacity = max(1, (buffer + DirectIO.block - 1) / DirectIO.block) * DirectIO.block
        staging = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: DirectIO.block)
        self.direct = direct && DirectIO.available
    }

    deinit { staging.deallocate() }

    /// Appends `bytes` (written when the buffer is full, or by `finish`); throws the write's POSIX error.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let taken = min(rest.count, capacity - filled)
            (staging + filled).copyMemory(from: rest.baseAddress!, byteCount: taken)
            filled += taken
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if filled == capacity { try flush(final: false) }
        }
    }

    /// Writes everything gathered, the last partial block included. The caller syncs the file afterwards.
    public func finish() throws {
        try flush(final: true)
        if directOn { setDirect(false) }
    }

    /// Writes the gathered bytes: an unaligned head through the page cache up to a block boundary, then whole blocks
    /// directly; the tail is written now when `final`, else kept at the front of the buffer for the next round.
    private func flush(final: Bool) throws {
        var start = 0
        let head = Int((Int64(DirectIO.block) - offset % Int64(DirectIO.block)) % Int64(DirectIO.block))
        if head > 0 || !direct {
            let count = direct ? min(head, filled) : filled
            try write(from: 0, count: count, direct: false)
            start = count
        }
        let whole = (filled - start) / DirectIO.block * DirectIO.block
        if whole > 0 {
            if start > 0 { staging.copyMemory(from: staging + start, byteCount: filled - start) } // keep the direct part aligned in memory
            filled -= start
            start = 0
            try write(from: 0, count: whole, direct: true)
            start = whole
        }
        let tail = filled - start
        if final, tail > 0 {
            try write(from: start, count: tail, direct: false)
            start += tail
        }
        if start > 0, start < filled { staging.copyMemory(from: staging + start, byteCount: filled - start) }
        filled -= start
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
