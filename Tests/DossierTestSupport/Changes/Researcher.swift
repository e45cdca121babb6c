import DossierCore
import Foundation

/// A researcher's replica in server and replica tests: makes valid changes from seed material on its own clock.
public struct Researcher: Sendable {
    /// The user name, the author of every change.
    public let name: String
    /// Stamps changes on this replica's clock.
    public var maker: ChangeMaker
    /// The researcher's view: every change made so far, applied.
    public var dataset = Dataset()
    /// The source of record ids.
    public var random: SeededGenerator

    /// A researcher whose replica is `replica`, with a wall clock fixed at `millis` (the HLC counter orders edits).
    public init(_ name: String, replica: String, millis: Int64 = 1_700_000_000_000, seed: UInt64 = 1) {
        self.name = name
        maker = ChangeMaker(author: name, clock: HybridLogicalClock(replica: ReplicaID(replica)!, wall: { millis }))
        random = SeededGenerator(seed: seed)
    }

    /// Makes and applies a change.
    public mutating func make(_ operation: ChangeOperation, on key: RecordKey) throws -> Change {
        let change = try maker.make(operation, on: key)
        dataset.apply(change)
        return change
    }

    /// A new record id.
    public mutating func newID() -> String { RecordID.make(millis: 1_700_000_000_000, using: &random) }

    /// Creates an incident from the Kabul airport attack (seed-facts I01) with a title.
    public mutating func incident(_ title: String = "Suicide attack at Kabul airport") throws -> Change {
        let key = RecordKey(entity: .incident, id: newID())
        return try make(.create(fields: [
            "title": .string(title), "date": "2021-08-26", "place": "Kabul airport", "country": "AF",
            "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "tags": ["airport"],
            "summary": .string("A suicide bomber struck the crowd at Abbey Gate; IS-K claimed the attack. \(title)"),
        ]), on: key)
    }

    /// Sets a field of a record from this researcher's view of it.
    public mutating func set(_ field: String, _ value: JSONValue, on key: RecordKey) throws -> Change {
        let state = dataset[key] ?? RecordState(key: key)
        return try make(try Edit.set(field, to: value, in: state), on: key)
    }

    /// `count` new incidents.
    public mutating func incidents(_ count: Int, prefix: String = "Incident") throws -> [Change] {
        try (0..<count).map { try incident("\(prefix) \($0)") }
    }
}
