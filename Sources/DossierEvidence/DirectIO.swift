import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Linux's O_DIRECT on an open file: reads and writes of whole aligned blocks that bypass the page cache. On some
/// machines (a VM whose fresh page-cache pages cost a fault on the host each) filling the page cache is the slow part
/// of moving a large file; a direct transfer moves the bytes between the disk and one reused buffer instead.
enum DirectIO {
    /// The size and memory alignment of a block moved directly.
    static let block = 4096

    /// A buffer aligned for direct transfers of at least `size` bytes (rounded up to whole blocks), and its capacity.
    static func buffer(atLeast size: Int) -> (memory: UnsafeMutableRawPointer, capacity: Int) {
        let capacity = max(1, (size + block - 1) / block) * block
        return (UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: block), capacity)
    }

    /// Whether this system has O_DIRECT at all.
    static var available: Bool { flag != nil }

    /// Turns O_DIRECT on or off for `fd`; false when that failed (a filesystem that refuses it) or is impossible here.
    static func set(_ fd: Int32, direct on: Bool) -> Bool {
        guard let flag else { return false }
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, on ? flags | flag : flags & ~flag) == 0
    }

    /// O_DIRECT, which Glibc declares only under _GNU_SOURCE; its value is Linux's for each architecture.
    private static let flag: Int32? = {
        #if os(Linux) && (arch(x86_64) || arch(i386))
        return 0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        return 0o200000
        #else
        return nil
        #endif
    }()
}
