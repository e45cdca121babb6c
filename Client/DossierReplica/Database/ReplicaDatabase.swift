import Foundation
import GRDB

/// The replica's SQLite file, in GRDB's `AppDatabase` style: it owns the connection and the schema, and every read
/// and write runs as a named method of `ReplicaStore` inside one of its transactions (`read`, `write`, `writeFromServer`).
/// Created 0600 and marked with its own application id; a file that is not a Dossier replica is refused and never written to.
public struct ReplicaDatabase: Sendable {
    /// SQLite's `application_id` for Dossier replicas: "DSSR".
    static let applicationID: Int32 = 1_146_311_506
    /// The connection (a replica is used by one process at a time).
    let writer: DatabaseQueue
    /// The file's path.
    public let path: String

    /// Opens an existing replica, or creates one when `create` is true and the file does not exist.
    public static func open(path: String, create: Bool) throws -> ReplicaDatabase {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard create else { throw ReplicaError.notInitialised(path: path) }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ReplicaError.unusable(path: path, reason: "the file cannot be created there")
            }
            let database = try ReplicaDatabase(path: path)
            try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
            try database.useWriteAheadLog()
            try migrator.migrate(database.writer)
            return database
        }
        try checkHeader(path)
        let stamp = IntegrityStamp(of: path)
        let database = try ReplicaDatabase(path: path)
        let id = try database.writer.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
        guard id == applicationID else { throw ReplicaError.foreign(path: path, reason: "it is a SQLite database of another program") }
        if stamp == nil || stamp != IntegrityStamp.kept(for: path) {
            try database.checkIntegrity()
            stamp?.keep(for: path)
        }
        try database.useWriteAheadLog()
        try migrator.migrate(database.writer)
        return database
    }

    /// Refuses a damaged file before anything reads or writes it, rather than failing halfway through a command.
    private func checkIntegrity() throws {
        let check = (try? writer.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check") }) ?? nil
        guard check == "ok" else { throw ReplicaError.foreign(path: path, reason: "it is damaged (SQLite's integrity check fails); restore it from a backup") }
    }

    private init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw ReplicaError.foreign(path: path, reason: "SQLite cannot open it")
        }
    }

    /// Runs `body` in one read transaction.
    func read<T>(_ body: (ReplicaStore) throws -> T) throws -> T {
        try writer.read { db in try body(ReplicaStore(db: db, path: path)) }
    }

    /// Runs `body` in one write transaction, committed with an fsync (synchronous FULL): local edits.
    func write<T>(_ body: (ReplicaStore) throws -> T) throws -> T {
        try writer.write { db in try body(ReplicaStore(db: db, path: path)) }
    }

    /// One transaction of what came from the server, committed without an fsync of its own (synchronous NORMAL).
    /// After a power cut it is either on disk or fetched again, since the cursor moves in the same transaction
    /// (a bootstrap stores it after its last page); the next local edit's FULL commit syncs it along.
    /// Only in WAL mode: with a rollback journal NORMAL could corrupt the file, so there every commit stays FULL.
    func writeFromServer<T>(_ body: (ReplicaStore) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            let store = ReplicaStore(db: db, path: path)
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal" else { return try Self.committed(db) { try body(store) } }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            let result: T
            do {
                result = try Self.committed(db) { try body(store) }
            } catch {
                try? db.execute(sql: "PRAGMA synchronous = FULL")
                throw error
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return result
        }
    }

    private static func committed<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        var result: T?
        try db.inTransaction {
            result = try body()
            return .commit
        }
        return result!
    }

    /// Switches a checked replica to write-ahead logging: one fsync per commit instead of three, and still
    /// durable (synchronous FULL; what arrives from the server commits without its own fsync, see `writeFromServer`).
    /// Only ever run after the file is known to be a replica, so a foreign file is never written.
    private func useWriteAheadLog() throws {
        try writer.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
    }

    private static func checkHeader(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReplicaError.unusable(path: path, reason: "it cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard header == Data("SQLite format 3\0".utf8) else {
            throw ReplicaError.foreign(path: path, reason: header.isEmpty ? "the file is empty" : "it is not a SQLite database (corrupted or another kind of file)")
        }
    }
}
