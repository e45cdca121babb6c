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
        try writer.write { db in
            guard let settings = try ReplicaSettings.load(db) else { throw ReplicaError.notInitialised(path: database.path) }
            var maker = try Self.maker(settings, wall: wall, db)
            var state = try Self.state(of: key, db) ?? RecordState(key: key)
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
            try Self.save(state, db)
            try SettingsTable.set("last_counter", String(maker.lastCounter), db)
            try SettingsTable.set("clock", maker.clock.latest.description, db)
            return changes
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
        return ChangeMaker(author: settings.author, clock: HybridLogicalClock(replica: settings.replica, wall: wall, after: latest),
                           lastCounter: counter)
    }
}
