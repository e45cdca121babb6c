import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a replica file and its write-ahead log looked like when SQLite's integrity check last passed, kept in `PATH-checked`.
///
/// The check reads the whole file (about 45 ms at 10,000 incidents), so it runs again only when the file or its log has
/// changed since: any write, by Dossier or anything else, moves the size, the modification time or the change time
/// (which no program can set back), and a copied or restored file has another inode.
struct IntegrityStamp: Equatable {
    /// One line: device, inode, size, modification and change times of the file, then of its `-wal` (or "-" when absent).
    let line: String

    /// The stamp of `path` and `path-wal` as they are now; nil when the file cannot be examined.
    init?(of path: String) {
        guard let file = Self.describe(path) else { return nil }
        line = file + " " + (Self.describe(path + "-wal") ?? "-")
    }

    private init(line: String) { self.line = line }

    /// The stamp kept beside `path` after its last passed check, if any.
    static func kept(for path: String) -> IntegrityStamp? {
        guard let text = try? String(contentsOfFile: sidecar(path), encoding: .utf8) else { return nil }
        return IntegrityStamp(line: text.trimmingCharacters(in: .newlines))
    }

    /// Keeps this stamp beside `path` (replaced atomically, 0600 as the replica); a folder that refuses it only means the next open checks again.
    func keep(for path: String) {
        let target = Self.sidecar(path)
        try? Data((line + "\n").utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target)
    }

    /// The sidecar's path: the replica's, ending in `-checked` (as SQLite's own `-wal` and `-shm`).
    static func sidecar(_ path: String) -> String { path + "-checked" }

    private static func describe(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size), UInt64(info.st_mtim.tv_sec),
                UInt64(info.st_mtim.tv_nsec), UInt64(info.st_ctim.tv_sec), UInt64(info.st_ctim.tv_nsec)]
            .map(String.init).joined(separator: ":")
    }
}
