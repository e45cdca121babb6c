import DossierCore
import Foundation

/// A replica for example tests: a dataset, a change maker with a hand-driven clock, and its own log.
public struct TestReplica {
    /// The researcher, the author of every change.
    public let name: String
    /// Stamps this replica's changes.
    public var maker: ChangeMaker
    /// Every change made or received, merged.
    public var dataset = Dataset()
    /// Every change made or received, in arrival order.
    public var log: [Change] = []

    /// A replica whose wall clock reads `millis` (fixed; the HLC counter orders its own edits).
    public init(_ name: String, replica: String, millis: Int64 = 1_661_500_000_000) {
        self.name = name
        let id = ReplicaID(replica)!
        maker = ChangeMaker(author: name, clock: HybridLogicalClock(replica: id, wall: { millis }))
    }

    /// Makes, applies and logs a local change.
    @discardableResult
    public mutating func edit(_ operation: ChangeOperation, on key: RecordKey) throws -> Change {
        let change = try maker.make(operation, on: key)
        dataset.apply(change)
        log.append(change)
        return change
    }

    /// Creates a record with the given fields.
    @discardableResult
    public mutating func create(_ entity: EntityKind, id: String, _ fields: [String: JSONValue]) throws -> RecordKey {
        let key = RecordKey(entity: entity, id: id)
        try edit(.create(fields: fields), on: key)
        return key
    }

    /// Builds an operation from this replica's view of a record, then makes it.
    @discardableResult
    public mutating func edit(_ key: RecordKey, _ build: (RecordState) throws -> ChangeOperation) throws -> Change {
        try edit(try build(dataset[key] ?? RecordState(key: key)), on: key)
    }

    /// Receives every change another replica has (as a sync through the server would).
    public mutating func receive(from other: TestReplica) {
        receive(other.log)
    }

    /// Receives changes: applies them, keeps them, and moves the clock past them.
    public mutating func receive(_ changes: [Change]) {
        for change in changes where !log.contains(where: { $0.id == change.id }) {
            dataset.apply(change)
            maker.observe(change)
            log.append(change)
        }
    }

    /// The current value of a field.
    public func value(_ key: RecordKey, _ field: String) -> JSONValue? {
        dataset[key]?.fields[field]?.currentValue
    }
}

/// Fixed ids, so failures read the same every run.
public enum IDs {
    /// The Kabul airport attack (I01).
    public static let airport = "01912d6e-0000-7000-8000-000000000001"
    /// The bombing of a Shiite neighbourhood of Kabul (I03).
    public static let hazaraBombing = "01912d6e-0000-7000-8000-000000000002"
    /// The France 24 article (S000).
    public static let france24 = "01912d6e-0000-7000-8000-0000000000a0"
    /// A site that republished it.
    public static let republisher = "01912d6e-0000-7000-8000-0000000000a1"
    /// Islamic State in Khorasan (A01).
    public static let isk = "01912d6e-0000-7000-8000-0000000000b0"
    /// Wassim Nasr's quote.
    public static let nasrQuote = "01912d6e-0000-7000-8000-0000000000c0"
    /// An annotation.
    public static let note = "01912d6e-0000-7000-8000-0000000000d0"
}

/// Seed material: the Kabul airport attack as S000 reports it (shared/seed-facts.json, I01).
public enum Seed {
    /// The airport attack's fields.
    public static let airportFields: [String: JSONValue] = [
        "title": "Suicide attack at Kabul airport",
        "date": "2021-08-26",
        "place": "Kabul airport",
        "country": "AF",
        "admin1": "Kabul",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Suicide bomb",
        "tags": ["airport", "evacuation"],
    ]
    /// The France 24 article's fields.
    public static let sourceFields: [String: JSONValue] = [
        "kind": "news", "title": "A year after the fall of Kabul, the Islamic State organization in ambush", "outlet": "France 24",
    ]
    /// Wassim Nasr's quote's fields.
    public static let quoteFields: [String: JSONValue] = [
        "source": .string(IDs.france24),
        "text": "OEI-K operates in a terrorist mode but has never succeeded in reconstituting a territory, which is a real sign",
        "speaker": "Wassim Nasr",
        "speaker_role": "France 24 journalist",
    ]
}
