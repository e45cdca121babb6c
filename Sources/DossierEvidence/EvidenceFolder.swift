import Foundation

/// The folder beside a replica that keeps evidence files by their SHA-256 (`replica.sqlite-evidence/ab/abcd…`): mode
/// 0700, each file written once through a temporary file, made read-only (0400) and never modified afterwards.
public struct EvidenceFolder: Sendable {
    /// The folder.
    public let root: URL

    /// What keeping a file did.
    public struct Kept: Sendable, Equatable {
        /// The file's SHA-256.
        public let digest: ContentDigest
        /// Its size in bytes.
        public let size: Int64
        /// The same bytes were already kept (by an earlier attach or fetch), so nothing was written.
        public let alreadyKept: Bool
    }

    /// The folder of the replica at `replicaPath`: the same path ending in `-evidence`.
    public init(besideReplica replicaPath: String) {
        root = URL(fileURLWithPath: replicaPath + "-evidence", isDirectory: true)
    }

    /// The folder at `root`.
    public init(root: URL) { self.root = root }

    /// Where the bytes named `digest` are (or would be) kept; a digest is only hex digits, so this stays inside the folder.
    public func url(of digest: ContentDigest) -> URL {
        root.appendingPathComponent(String(digest.hex.prefix(2)), isDirectory: true).appendingPathComponent(digest.hex)
    }

    /// Whether the bytes named `digest` are kept here.
    public func contains(_ digest: ContentDigest) -> Bool { FileManager.default.fileExists(atPath: url(of: digest).path) }

    /// Copies the file at `source` in, hashing as it reads (constant memory); the source is only read. The same bytes
    /// are kept once. A file that changes size while it is read is refused and nothing is kept.
    public func keep(fileAt given: URL) throws -> Kept {
        let source = given.resolvingSymlinksInPath()
        let sizeBefore = try Self.regularFileSize(source)
        try prepare(root)
        let incoming = root.appendingPathComponent("incoming", isDirectory: true)
        try prepare(incoming)
        let temporary = incoming.appendingPathComponent(UUID().uuidString)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw EvidenceError.folderUnusable(root.path, reason: "a file cannot be created in it")
        }
        defer { try? FileManager.default.removeItem(at: temporary) }
        let hasher = try copy(source, to: temporary)
        guard hasher.count == sizeBefore, (try? Self.regularFileSize(source)) == sizeBefore else {
            throw EvidenceError.changedWhileReading(source.path)
        }
        let digest = hasher.finalize()
        let target = url(of: digest)
        if FileManager.default.fileExists(atPath: target.path) { return Kept(digest: digest, size: hasher.count, alreadyKept: true) }
        try prepare(target.deletingLastPathComponent())
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: temporary.path)
        do {
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch where FileManager.default.fileExists(atPath: target.path) {
            return Kept(digest: digest, size: hasher.count, alreadyKept: true) // kept meanwhile by another process
        }
        return Kept(digest: digest, size: hasher.count, alreadyKept: false)
    }

    /// Where a download of the bytes named `digest` grows until it is checked (kept across runs, so a fetch resumes).
    public func partialURL(of digest: ContentDigest) throws -> URL {
        try prepare(root)
        let incoming = root.appendingPathComponent("incoming", isDirectory: true)
        try prepare(incoming)
        return incoming.appendingPathComponent(digest.hex + ".part")
    }

    /// Keeps a finished download: checked against its name (by `hashed`, the digest of the bytes as they were written,
    /// else by reading it again), kept read-only under its name when it matches, removed when it does not
    /// (`downloadMismatch`).
    public func keepDownload(_ digest: ContentDigest, hashed: ContentDigest? = nil) throws {
        let partial = try partialURL(of: digest)
        let found = hashed ?? (try? ContentHasher.digest(ofFileAt: partial))?.digest
        guard found == digest else {
            try? FileManager.default.removeItem(at: partial)
            throw EvidenceError.downloadMismatch(digest)
        }
        let target = url(of: digest)
        try prepare(target.deletingLastPathComponent())
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: partial.path)
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: partial)
        } else {
            try FileManager.default.moveItem(at: partial, to: target)
        }
    }

    /// The size of the kept bytes named `digest`, if they are here.
    public func size(of digest: ContentDigest) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url(of: digest).path)[.size] as? NSNumber)?.int64Value
    }

    /// Removes the bytes named `digest` (kept by an attach that was then refused); missing bytes are no error.
    public func discard(_ digest: ContentDigest) {
        try? FileManager.default.removeItem(at: url(of: digest))
    }

    /// Hashes the kept bytes named `digest` again; throws `damaged` when they no longer match (or are gone).
    public func check(_ digest: ContentDigest) throws {
        guard let found = try? ContentHasher.digest(ofFileAt: url(of: digest)), found.digest == digest else {
            throw EvidenceError.damaged(digest)
        }
    }

    private func copy(_ source: URL, to temporary: URL) throws -> ContentHasher {
        let input: FileHandle
        do { input = try FileHandle(forReadingFrom: source) } catch { throw EvidenceError.unreadable(source.path) }
        defer { try? input.close() }
        let writer = try BackgroundFileWriter(try FileHandle(forWritingTo: temporary))
        defer { writer.close() }
        var hasher = ContentHasher()
        // Each piece is written on another thread while the next is read and hashed: SHA-256 and the disk overlap.
        while let piece = try input.read(upToCount: 1 << 20), !piece.isEmpty {
            try writer.write(piece)
            hasher.update(piece)
        }
        try writer.finish()
        return hasher
    }

    private func prepare(_ folder: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw EvidenceError.folderUnusable(folder.path, reason: "a file of that name is in the way") }
            return
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw EvidenceError.folderUnusable(folder.path, reason: "it cannot be created (check the permissions of the folder above it)")
        }
    }

    private static func regularFileSize(_ url: URL) throws -> Int64 {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else { throw EvidenceError.unreadable(url.path) }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw EvidenceError.notAFile(url.path) }
        return (attributes[.size] as? NSNumber)?.int64Value ?? 0
    }
}
