import DossierCore
import Foundation

/// A researcher's local replica: the merged records, every known change, and the outbox, in one SQLite file.
/// Every operation is one transaction: an edit and its outbox entry, a pulled page and its cursor.
public struct Replica: Sendable {
    /// The file.
    public let database: ReplicaDatabase
    /// The wall clock the replica stamps edits with (injected by tests).
    public let wall: WallClock

    /// Opens an initialised replica.
    public static func open(path: String, wall: @escaping WallClock = systemWallClock) throws -> Replica {
        let replica = Replica(database: try ReplicaDatabase.open(path: path, create: false), wall: wall)
        guard try replica.database.read({ try $0.isInitialised() }) else { throw ReplicaError.notInitialised(path: path) }
        return replica
    }

    /// Creates a replica with its settings; refuses a path that already holds one (or anything else).
    public static func create(path: String, settings: ReplicaSettings, wall: @escaping WallClock = systemWallClock) throws -> Replica {
        if FileManager.default.fileExists(atPath: path) {
            let existing = try ReplicaDatabase.open(path: path, create: false)
            if try existing.read({ try $0.isInitialised() }) { throw ReplicaError.alreadyInitialised(path: path) }
        }
        let replica = Replica(database: try ReplicaDatabase.open(path: path, create: true), wall: wall)
        try replica.database.write { store in try store.insertReplicaState(ReplicaStateRecord(settings: settings)) }
        _ = try replica.deviceKey()
        return replica
    }

    /// The replica's settings.
    public func settings() throws -> ReplicaSettings {
        try database.read { store in try store.replicaState().settings }
    }

    /// Changes the proxy, pin or token.
    public func update(_ body: (inout ReplicaSettings) -> Void) throws {
        try database.write { store in try store.updateReplicaState { body(&$0.settings) } }
    }

    /// One record's merged state.
    public func record(_ key: RecordKey) throws -> RecordState? {
        try database.read { store in try store.state(of: key) }
    }

    /// Every record, merged.
    public func dataset() throws -> Dataset {
        try database.read { store in try store.dataset() }
    }

    /// The record whose id starts with `prefix`, or ends with it (the handle lists show), dashes optional, of a kind if given;
    /// fails when none or several match.
    public func resolve(_ prefix: String, as entity: EntityKind? = nil) throws -> RecordKey {
        let text = prefix.lowercased()
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw ReplicaError.notFound(prefix) }
        let digits = ShortID.digits(of: text)
        guard !digits.isEmpty else { throw ReplicaError.notFound(prefix) }
        let keys = try database.read { store in try store.keys(matching: digits, of: entity, limit: 6) }
        if let exact = keys.first(where: { $0.id == text || ShortID.digits(of: $0.id) == digits }) { return exact }
        guard let key = keys.first else { throw ReplicaError.notFound(prefix) }
        guard keys.count == 1 else { throw ReplicaError.ambiguous(prefix: prefix, candidates: keys.map { "\($0.entity.rawValue) \($0.id)" }) }
        return key
    }

    /// Every change to a record this replica knows: what each author had seen, what they wrote, and which were concurrent.
    public func history(of key: RecordKey) throws -> RecordHistory {
        RecordHistory(of: key, changes: try database.read { store in try store.changes(of: key) })
    }

    /// How many changes this replica knows.
    public func allChangesCount() throws -> Int {
        try database.read { store in try store.changeCount() }
    }

    /// One page of the records matching `words` (see `SearchQuery`), best first, of one kind if given, with the total.
    /// Records still waiting for their search entry are indexed first.
    public func search(_ words: String, kind: EntityKind? = nil, limit: Int = 50, offset: Int = 0) throws -> SearchResults {
        if try searchBacklog() > 0 { _ = try catchUpSearch() }
        return try database.read { store in try store.search(words, kind: kind, limit: limit, offset: offset) }
    }

    /// How many records a snapshot brought that are not indexed for search yet (the next search indexes them).
    public func searchBacklog() throws -> Int {
        try database.read { store in try store.searchBacklog() }
    }

    /// Indexes for search the records that wait for it, 5,000 to a transaction (memory stays flat, and an interrupted
    /// run keeps what it indexed); returns how many.
    @discardableResult
    public func catchUpSearch() throws -> Int {
        var total = 0
        while true {
            let done = try database.write { store in try store.catchUpSearch(limit: 5_000) }
            total += done
            if done == 0 { return total }
        }
    }
}
