import DossierCore
import Foundation

/// Seed material for the export tests, from shared/seed-facts.json (sources S000/S001, actors A01/A23, incidents
/// I01/I03, quote Q of Wassim Nasr), made into a dataset by real, validated changes from two researchers.
enum ExportFixture {
    /// Fixed ids, so failures read the same every run.
    enum ID {
        static let airport = "01912d6e-0000-7000-8000-000000000e01"
        static let hazaraBombing = "01912d6e-0000-7000-8000-000000000e03"
        static let duplicate = "01912d6e-0000-7000-8000-000000000e09"
        static let france24 = "01912d6e-0000-7000-8000-000000000ea0"
        static let interview = "01912d6e-0000-7000-8000-000000000ea1"
        static let isk = "01912d6e-0000-7000-8000-000000000eb0"
        static let hazara = "01912d6e-0000-7000-8000-000000000eb1"
        static let nasrQuote = "01912d6e-0000-7000-8000-000000000ec0"
        static let tollQuestion = "01912d6e-0000-7000-8000-000000000ed0"
        static let duplicateNote = "01912d6e-0000-7000-8000-000000000ed1"
    }

    /// S000's title as the seed prints it (capitalised).
    static let france24Title = "A year after the fall of Kabul, the Islamic State organization in ambush"
    /// S001 has no stated title; this one is the fixture's, from its lede.
    static let interviewTitle = "The death toll from the August 26 attack at the entrance to Kabul airport"
    /// A summary with a comma, double quotes and a line break, to exercise CSV quoting.
    static let airportSummary =
        "A suicide bomber blew himself up near a doorway, then gunfire \"killed 185 people\"\nincluding 13 American soldiers."

    /// The dataset: two sources, two actors, the airport attack (killed 185 per S000 and 170 per S001, an open
    /// conflict on its place), the Hazara bombing (no coordinates), a deleted duplicate, a quote, an orphaned note and
    /// a note whose body is in conflict.
    static func dataset() throws -> Dataset {
        var alice = ExportScribe(author: "alice", replica: "r1", millis: 1_661_500_000_000)
        var bob = ExportScribe(author: "bob", replica: "r2", millis: 1_661_500_060_000)

        try alice.create(.source, ID.france24, ["kind": "news", "title": .string(france24Title), "outlet": "France 24",
                                                "language": "en", "published": "2022-08",
                                                "url": "https://www.france24.com/en/asia-pacific/20220814-kabul"])
        try alice.create(.source, ID.interview, ["kind": "interview", "title": .string(interviewTitle), "outlet": "France 24",
                                                 "published": "2021"])
        try alice.create(.actor, ID.isk, ["kind": "organisation", "name": "Islamic State in Khorasan",
                                          "aliases": ["IS-K", "ISKP", "OEI-K", "Daesh"]])
        try alice.create(.actor, ID.hazara, ["kind": "community", "name": "Hazara community"])
        try alice.create(.incident, ID.airport, [
            "title": "Suicide attack at Kabul airport", "date": "2021-08-26", "place": "Kabul airport",
            "admin1": "Kabul", "country": "AF", "location": ["lat": 34.56, "lon": 69.21],
            "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
            "actors": [.string(ID.isk + ":perpetrator")], "sources": [.string(ID.france24), .string(ID.interview)],
            "summary": .string(airportSummary), "tags": ["airport", "evacuation"],
        ])
        try alice.create(.incident, ID.hazaraBombing, [
            "title": "Bomb attack in a Shiite neighbourhood of Kabul", "date": "2022-08",
            "place": "a Shiite neighborhood in Kabul", "admin1": "Kabul", "country": "AF",
            "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
            "actors": [.string(ID.isk + ":claimed_by"), .string(ID.hazara + ":victim")],
            "sources": [.string(ID.france24)],
        ])
        try alice.create(.incident, ID.duplicate, [
            "title": "Kabul airport bombing (duplicate entry)", "date": "2021-08-26", "place": "Kabul",
            "event_type": "Explosions/Remote violence",
        ])
        try alice.create(.quote, ID.nasrQuote, [
            "source": .string(ID.france24), "speaker": "Wassim Nasr", "speaker_role": "France 24 journalist",
            "text": "OEI-K operates in a terrorist mode but has never succeeded in reconstituting a territory, which is a real sign",
            "incidents": [.string(ID.airport)],
        ])
        try alice.create(.annotation, ID.duplicateNote, ["target": .string(ID.duplicate), "kind": "question",
                                                         "body": "Same event as the airport attack?"])
        try alice.apply(.addClaim(CasualtyClaim(kind: "killed", low: 185, high: 185, source: ID.france24,
                                                note: "including 13 American soldiers")), on: .incident, ID.airport)
        try alice.apply(.addClaim(CasualtyClaim(kind: "killed", low: 8, high: 8, source: ID.france24)), on: .incident, ID.hazaraBombing)
        try alice.apply(.addClaim(CasualtyClaim(kind: "wounded", low: 18, high: 18, source: ID.france24)), on: .incident, ID.hazaraBombing)

        // Bob syncs, then both work offline: two killed figures, and two readings of the place that have not seen each other.
        bob.receive(alice)
        try bob.apply(.addClaim(CasualtyClaim(kind: "killed", low: 170, high: 170, source: ID.interview,
                                              note: "fixture figure: S001 itself states no number")), on: .incident, ID.airport)
        try bob.edit(.incident, ID.airport) { try Edit.set("place", to: "the entrance to Kabul airport", in: $0) }
        try alice.edit(.incident, ID.airport) { try Edit.set("place", to: "Kabul airport, near a doorway", in: $0) }
        try alice.edit(.incident, ID.duplicate) { try Edit.delete($0) }
        try bob.create(.annotation, ID.tollQuestion, ["target": .string(ID.airport), "kind": "note",
                                                     "body": "Check the toll against UNAMA's tally"])

        alice.receive(bob)
        bob.receive(alice)

        // Then both reword bob's note without seeing each other's wording: a conflict on an annotation's body.
        try alice.edit(.annotation, ID.tollQuestion) { try Edit.set("body", to: "UNAMA gives no toll for the airport", in: $0) }
        try bob.edit(.annotation, ID.tollQuestion) { try Edit.set("body", to: "Check the toll against the Pentagon's", in: $0) }
        alice.receive(bob)
        bob.receive(alice)
        precondition(alice.dataset == bob.dataset, "the fixture's replicas must converge")
        return alice.dataset
    }
}

/// One researcher's replica for building fixtures: a change maker with a fixed wall clock, a dataset and a log.
struct ExportScribe {
    /// Makes the changes.
    var maker: ChangeMaker
    /// The merged state.
    var dataset = Dataset()
    /// Every change made or received.
    var log: [Change] = []

    /// A researcher whose clock reads `millis`.
    init(author: String, replica: String, millis: Int64) {
        maker = ChangeMaker(author: author, clock: HybridLogicalClock(replica: ReplicaID(replica)!, wall: { millis }))
    }

    /// Makes, applies and logs a change.
    mutating func apply(_ operation: ChangeOperation, on entity: EntityKind, _ id: String) throws {
        let change = try maker.make(operation, on: RecordKey(entity: entity, id: id))
        dataset.apply(change)
        log.append(change)
    }

    /// Creates a record.
    mutating func create(_ entity: EntityKind, _ id: String, _ fields: [String: JSONValue]) throws {
        try apply(.create(fields: fields), on: entity, id)
    }

    /// Makes an edit from this replica's view of the record (naming the versions it has seen).
    mutating func edit(_ entity: EntityKind, _ id: String, _ build: (RecordState) throws -> ChangeOperation) throws {
        let key = RecordKey(entity: entity, id: id)
        try apply(try build(dataset[key] ?? RecordState(key: key)), on: entity, id)
    }

    /// Receives another replica's changes, as a sync would.
    mutating func receive(_ other: ExportScribe) {
        for change in other.log where !log.contains(where: { $0.id == change.id }) {
            dataset.apply(change)
            maker.observe(change)
            log.append(change)
        }
    }
}
