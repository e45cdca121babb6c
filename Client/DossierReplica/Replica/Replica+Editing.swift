import DossierCore
import Foundation
import GRDB

extension Replica {
    /// Makes a local edit: builds the operation from the record as it stands here, stamps it, merges it,
    /// and appends it to the outbox, all in one transaction. A crash at any point loses nothing.
    @discardableResult
    public func edit(_ key: RecordKey, _ build: (RecordState) throws -> ChangeOperation) throws -> Change {
        try withoutActuallyEscaping(build) { build in try edit(key, steps: [build])[0] }
    }

    /// Makes several edits of one record in one transaction, each built from the state the previous one left.
    @discardableResult
    public func edit(_ key: RecordKey, steps: [(RecordState) throws -> ChangeOperation]) throws -> [Change] {
        try transaction { editor in try editor.edit(key, steps: steps) }
    }

    /// Runs several local edits in one transaction: all are stored, or none.
    public func transaction<T>(_ body: (inout LocalEditor) throws -> T) throws -> T {
        try writer.write { db in
            guard let settings = try ReplicaSettings.load(db) else { throw ReplicaError.notInitialised(path: database.path) }
            var editor = LocalEditor(db: db, maker: try Self.maker(settings, wall: wall, db))
            let result = try body(&editor)
            try SettingsTable.set("last_counter", String(editor.maker.lastCounter), db)
            try SettingsTable.set("clock", editor.maker.clock.latest.description, db)
            return result
        }
    }

    /// Creates a record with a new id (UUIDv7) and its fields.
    @discardableResult
    public func create(_ entity: EntityKind, fields: [String: JSONValue]) throws -> Change {
        var generator = SystemRandomNumberGenerator()
        let key = RecordKey(entity: entity, id: RecordID.make(millis: wall(), using: &generator))
        return try edit(key) { state in
            guard state.creation == nil else { throw Edit.Refusal(description: "a record with this id exists") }
            return .create(fields: fields)
        }
    }

    /// The change maker as persisted: the replica's counter and clock.
    static func maker(_ settings: ReplicaSettings, wall: @escaping WallClock, _ db: Database) throws -> ChangeMaker {
        let counter = try SettingsTable.get("last_counter", db).flatMap(UInt64.init) ?? 0
        let latest = try SettingsTable.get("clock", db).flatMap(HLC.init)
        return ChangeMaker(author: settings.author,
                           clock: HybridLogicalClock(replica: settings.replica, wall: try correctedWall(wall, db), after: latest),
                           lastCounter: counter)
    }
}

/// Makes local edits inside one replica transaction: each merged into its record and appended to the outbox.
public struct LocalEditor {
    let db: Database
    var maker: ChangeMaker

    /// Edits one record, each step built from the state the previous one left.
    @discardableResult
    public mutating func edit(_ key: RecordKey, steps: [(RecordState) throws -> ChangeOperation]) throws -> [Change] {
        var state = try Replica.state(of: key, db) ?? RecordState(key: key)
        var changes: [Change] = []
        for build in steps {
            let operation: ChangeOperation
            do {
                operation = try build(state)
            } catch let refusal as Edit.Refusal {
                throw ReplicaError.refused(refusal.description)
            }
            let change = try maker.make(operation, on: key)
            state = state.applying(change)
            let body = ReplicaJSON.encode(change)
            try ReplicaChangeRow(changeID: change.id.description, entity: key.entity.rawValue, record: key.id,
                                 version: change.version.description, body: body, local: true).insert(db)
            try OutboxRow(position: nil, changeID: change.id.description, body: body).insert(db)
            changes.append(change)
        }
        try Replica.save(state, db)
        return changes
    }

    /// True when the replica already has the record.
    public func exists(_ key: RecordKey) throws -> Bool { try Replica.state(of: key, db)?.creation != nil }
}
