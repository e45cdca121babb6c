import DossierCore
import Foundation
import GRDB

/// A researcher's local replica: the merged records, every known change, and the outbox, in one SQLite file.
/// Every operation is one transaction: an edit and its outbox entry, a pulled page and its cursor.
public struct Replica: Sendable {
    /// The file.
    public let database: ReplicaDatabase
    /// The wall clock the replica stamps edits with (injected by tests).
    public let wall: WallClock
    var writer: DatabaseQueue { database.writer }

    /// Opens an initialised replica.
    public static func open(path: String, wall: @escaping WallClock = systemWallClock) throws -> Replica {
        let replica = Replica(database: try ReplicaDatabase.open(path: path, create: false), wall: wall)
        guard try replica.writer.read({ try ReplicaSettings.load($0) }) != nil else { throw ReplicaError.notInitialised(path: path) }
        return replica
    }

    /// Creates a replica with its settings; refuses a path that already holds one (or anything else).
    public static func create(path: String, settings: ReplicaSettings, wall: @escaping WallClock = systemWallClock) throws -> Replica {
        if FileManager.default.fileExists(atPath: path) {
            let existing = try ReplicaDatabase.open(path: path, create: false)
            if try existing.writer.read({ try ReplicaSettings.load($0) }) != nil { throw ReplicaError.alreadyInitialised(path: path) }
        }
        let replica = Replica(database: try ReplicaDatabase.open(path: path, create: true), wall: wall)
        try replica.writer.write { db in try settings.save(db) }
        return replica
    }

    /// The replica's settings.
    public func settings() throws -> ReplicaSettings {
        guard let settings = try writer.read({ try ReplicaSettings.load($0) }) else { throw ReplicaError.notInitialised(path: database.path) }
        return settings
    }

    /// Changes the proxy, pin or token.
    public func update(_ body: (inout ReplicaSettings) -> Void) throws {
        try writer.write { db in
            guard var settings = try ReplicaSettings.load(db) else { throw ReplicaError.notInitialised(path: database.path) }
            body(&settings)
            try settings.save(db)
        }
    }

    /// One record's merged state.
    public func record(_ key: RecordKey) throws -> RecordState? {
        try writer.read { db in try Self.state(of: key, db) }
    }

    /// Every record, merged.
    public func dataset() throws -> Dataset {
        try writer.read { db in
            var dataset = Dataset()
            for row in try ReplicaRecordRow.fetchAll(db) { dataset.insert(try RecordState(packed: Array(row.state))) }
            return dataset
        }
    }

    /// The record whose id starts with `prefix` (of a kind, if given); fails when none or several match.
    public func resolve(_ prefix: String, as entity: EntityKind? = nil) throws -> RecordKey {
        let text = prefix.lowercased()
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw ReplicaError.notFound(prefix) }
        let rows = try writer.read { db in
            var request = ReplicaRecordRow.filter(ReplicaRecordRow.Columns.id.like("\(text)%"))
            if let entity { request = request.filter(ReplicaRecordRow.Columns.entity == entity.rawValue) }
            return try request.limit(6).fetchAll(db)
        }
        if let exact = rows.first(where: { $0.id == text }), let kind = EntityKind(rawValue: exact.entity) {
            return RecordKey(entity: kind, id: exact.id)
        }
        guard let row = rows.first, let kind = EntityKind(rawValue: row.entity) else { throw ReplicaError.notFound(prefix) }
        guard rows.count == 1 else { throw ReplicaError.ambiguous(prefix: prefix, candidates: rows.map { "\($0.entity) \($0.id)" }) }
        return RecordKey(entity: kind, id: row.id)
    }

    /// Every change to a record this replica knows, with old and new values.
    public func history(of key: RecordKey) throws -> RecordHistory {
        let changes = try writer.read { db in
            try ReplicaChangeRow.filter(ReplicaChangeRow.Columns.entity == key.entity.rawValue && ReplicaChangeRow.Columns.record == key.id)
                .fetchAll(db).map { try ReplicaJSON.decodeChange($0.body) }
        }
        return RecordHistory(of: key, changes: changes)
    }

    /// Every change this replica knows, in clock order.
    public func allChanges() throws -> [Change] {
        try writer.read { db in
            try ReplicaChangeRow.order(ReplicaChangeRow.Columns.version).fetchAll(db).map { try ReplicaJSON.decodeChange($0.body) }
        }
    }

    /// How many changes this replica knows.
    public func allChangesCount() throws -> Int {
        try writer.read { db in try ReplicaChangeRow.fetchCount(db) }
    }

    static func state(of key: RecordKey, _ db: Database) throws -> RecordState? {
        let statement = try db.cachedStatement(sql: "SELECT state FROM records WHERE entity = ? AND id = ?")
        return try Data.fetchOne(statement, arguments: [key.entity.rawValue, key.id]).map { try RecordState(packed: Array($0)) }
    }

    /// Writes a record's merged state (packed) and its search entry; `isNew` (when the caller knows) spares the existence check.
    static func save(_ state: RecordState, _ db: Database, isNew: Bool? = nil) throws {
        try save(state, packed: Data(state.packed()), db, isNew: isNew)
    }

    /// Writes a record's state already packed, and its search entry.
    static func save(_ state: RecordState, packed: Data, _ db: Database, isNew: Bool? = nil) throws {
        let key = state.key
        let existed = try isNew.map { !$0 }
            ?? (Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM records WHERE entity = ? AND id = ?"),
                             arguments: [key.entity.rawValue, key.id]) != nil)
        try db.cachedStatement(sql: """
            INSERT INTO records (entity, id, state) VALUES (?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET state = excluded.state
            """).execute(arguments: [key.entity.rawValue, key.id, packed])
        try SearchIndex.update(state, db, replacing: existed)
    }
}

/// JSON coding of what the replica stores.
enum ReplicaJSON {
    static func encode<T: Encodable>(_ value: T) -> String { CanonicalJSON.text(value) }
    static func decodeChange(_ text: String) throws -> Change { try JSONDecoder().decode(Change.self, from: Data(text.utf8)) }
}
