import DossierCore
import DossierTestSupport
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
        var alice = TestReplica("alice", replica: "r1", millis: 1_661_500_000_000)
        var bob = TestReplica("bob", replica: "r2", millis: 1_661_500_060_000)

        try alice.create(.source, id: ID.france24, ["kind": "news", "title": .string(france24Title), "outlet": "France 24",
                                                    "language": "en", "published": "2022-08",
                                                    "url": "https://www.france24.com/en/asia-pacific/20220814-kabul"])
        try alice.create(.source, id: ID.interview, ["kind": "interview", "title": .string(interviewTitle), "outlet": "France 24",
                                                     "published": "2021"])
        try alice.create(.actor, id: ID.isk, ["kind": "organisation", "name": "Islamic State in Khorasan",
                                              "aliases": ["IS-K", "ISKP", "OEI-K", "Daesh"]])
        try alice.create(.actor, id: ID.hazara, ["kind": "community", "name": "Hazara community"])
        let airport = try alice.create(.incident, id: ID.airport, [
            "title": "Suicide attack at Kabul airport", "date": "2021-08-26", "place": "Kabul airport",
            "admin1": "Kabul", "country": "AF", "location": ["lat": 34.56, "lon": 69.21],
            "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
            "actors": [.string(ID.isk + ":perpetrator")], "sources": [.string(ID.france24), .string(ID.interview)],
            "summary": .string(airportSummary), "tags": ["airport", "evacuation"],
        ])
        let hazaraBombing = try alice.create(.incident, id: ID.hazaraBombing, [
            "title": "Bomb attack in a Shiite neighbourhood of Kabul", "date": "2022-08",
            "place": "a Shiite neighborhood in Kabul", "admin1": "Kabul", "country": "AF",
            "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
            "actors": [.string(ID.isk + ":claimed_by"), .string(ID.hazara + ":victim")],
            "sources": [.string(ID.france24)],
        ])
        let duplicate = try alice.create(.incident, id: ID.duplicate, [
            "title": "Kabul airport bombing (duplicate entry)", "date": "2021-08-26", "place": "Kabul",
            "event_type": "Explosions/Remote violence",
        ])
        try alice.create(.quote, id: ID.nasrQuote, [
            "source": .string(ID.france24), "speaker": "Wassim Nasr", "speaker_role": "France 24 journalist",
            "text": "OEI-K operates in a terrorist mode but has never succeeded in reconstituting a territory, which is a real sign",
            "incidents": [.string(ID.airport)],
        ])
        try alice.create(.annotation, id: ID.duplicateNote, ["target": .string(ID.duplicate), "kind": "question",
                                                             "body": "Same event as the airport attack?"])
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: ID.france24,
                                               note: "including 13 American soldiers")), on: airport)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 8, high: 8, source: ID.france24)), on: hazaraBombing)
        try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "wounded", low: 18, high: 18, source: ID.france24)), on: hazaraBombing)

        // Bob syncs, then both work offline: two killed figures, and two readings of the place that have not seen each other.
        bob.receive(from: alice)
        try bob.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 170, source: ID.interview,
                                             note: "fixture figure: S001 itself states no number")), on: airport)
        try bob.edit(airport) { try Edit.set("place", to: "the entrance to Kabul airport", in: $0) }
        try alice.edit(airport) { try Edit.set("place", to: "Kabul airport, near a doorway", in: $0) }
        try alice.edit(duplicate) { try Edit.delete($0) }
        let tollQuestion = try bob.create(.annotation, id: ID.tollQuestion, ["target": .string(ID.airport), "kind": "note",
                                                                             "body": "Check the toll against UNAMA's tally"])

        alice.receive(from: bob)
        bob.receive(from: alice)

        // Then both reword bob's note without seeing each other's wording: a conflict on an annotation's body.
        try alice.edit(tollQuestion) { try Edit.set("body", to: "UNAMA gives no toll for the airport", in: $0) }
        try bob.edit(tollQuestion) { try Edit.set("body", to: "Check the toll against the Pentagon's", in: $0) }
        alice.receive(from: bob)
        bob.receive(from: alice)
        precondition(alice.dataset == bob.dataset, "the fixture's replicas must converge")
        return alice.dataset
    }
}
