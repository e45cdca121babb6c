import DossierCore
import Foundation

/// A researcher's replica in transport tests: makes valid changes from seed material on its own clock.
struct FieldResearcher: Sendable {
    /// The user name, the author of every change.
    let name: String
    /// Stamps changes on this replica's clock.
    var maker: ChangeMaker
    /// The researcher's view: every change made so far, applied.
    var dataset = Dataset()
    /// The source of record ids.
    var random: SeededGenerator

    /// A researcher whose replica is `replica`, with a wall clock fixed at `millis` (the HLC counter orders edits).
    init(_ name: String, replica: String, millis: Int64 = systemWallClock(), seed: UInt64 = 1) {
        self.name = name
        maker = ChangeMaker(author: name, clock: HybridLogicalClock(replica: ReplicaID(replica)!, wall: { millis }))
        random = SeededGenerator(seed: seed)
    }

    /// Makes and applies a change.
    mutating func make(_ operation: ChangeOperation, on key: RecordKey) throws -> Change {
        let change = try maker.make(operation, on: key)
        dataset.apply(change)
        return change
    }

    /// A new record id.
    mutating func newID() -> String { RecordID.make(millis: 1_700_000_000_000, using: &random) }

    /// Creates an incident from the Kabul airport attack (seed-facts I01) with a title.
    mutating func incident(_ title: String = "Suicide attack at Kabul airport") throws -> Change {
        let key = RecordKey(entity: .incident, id: newID())
        return try make(.create(fields: [
            "title": .string(title), "date": "2021-08-26", "place": "Kabul airport", "country": "AF",
            "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "tags": ["airport"],
            "summary": .string("A suicide bomber struck the crowd at Abbey Gate; IS-K claimed the attack. \(title)"),
        ]), on: key)
    }

    /// `count` new incidents.
    mutating func incidents(_ count: Int, prefix: String = "Incident") throws -> [Change] {
        try (0..<count).map { try incident("\(prefix) \($0)") }
    }
}
