import DossierCore
import DossierTrust
import Foundation

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
        let key = try deviceKey()
        return try database.write { store in
            let state = try store.replicaState()
            guard state.settings.role.canPush else { throw ReplicaError.readOnly(team: state.settings.team) }
            let maker = Self.maker(state, wall: wall)
            let head = try state.chainHead ?? store.chainHash(before: ChangeID(replica: state.settings.replica, counter: state.lastCounter + 1))
            var editor = LocalEditor(store: store, maker: maker, signer: ChangeSigner(key: key, head: head))
            let result = try body(&editor)
            try store.updateReplicaState { state in
                state.lastCounter = editor.maker.lastCounter
                state.clock = editor.maker.clock.latest
                state.chainHead = editor.signer.head
            }
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

    /// The change maker as persisted: the replica's counter and clock, on the wall clock corrected by the server's offset.
    static func maker(_ state: ReplicaStateRecord, wall: @escaping WallClock) -> ChangeMaker {
        ChangeMaker(author: state.settings.author,
                    clock: HybridLogicalClock(replica: state.settings.replica, wall: correctedWall(wall, state.clockCorrection), after: state.clock),
                    lastCounter: state.lastCounter)
    }
}

/// Makes local edits inside one replica transaction: each merged into its record and appended to the outbox.
public struct LocalEditor {
    let store: ReplicaStore
    var maker: ChangeMaker
    var signer: ChangeSigner

    /// Edits one record, each step built from the state the previous one left.
    @discardableResult
    public mutating func edit(_ key: RecordKey, steps: [(RecordState) throws -> ChangeOperation]) throws -> [Change] {
        let existing = try store.state(of: key)
        var state = existing ?? RecordState(key: key)
        var changes: [Change] = []
        for build in steps {
            let operation: ChangeOperation
            do {
                operation = try build(state)
            } catch let refusal as Edit.Refusal {
                throw ReplicaError.refused(refusal.description)
            }
            let change = try signer.sign(try maker.make(operation, on: key))
            state = state.applying(change)
            try store.appendLocal(change)
            changes.append(change)
        }
        try store.save(state, isNew: existing == nil)
        return changes
    }

    /// True when the replica already has the record.
    public func exists(_ key: RecordKey) throws -> Bool { try store.state(of: key)?.creation != nil }
}
