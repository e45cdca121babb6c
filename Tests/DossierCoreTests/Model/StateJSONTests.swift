import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// The snapshot's JSON form (`RecordState.json`) and the packed form lose nothing; the JSON names its parts (no `_0`).
@Suite struct StateJSONTests {
    /// Every record comes back equal from `json`, from its JSON text and from `packed()`.
    @Test func recordsOfEveryMergeKindWithDeletionsAndRestoresRoundTripThroughJSONAndPacked() throws {
        let records = try Self.records()
        #expect(Set(records.flatMap { $0.fields.values.map(\.kind) }) == Set(MergeKind.allCases))
        #expect(records.contains { !$0.deletions.isEmpty && !$0.restored.isEmpty }, "no record was deleted and restored")
        #expect(records.contains { $0.isDeleted }, "no record is deleted")
        #expect(Set(records.flatMap { $0.conflicts.map(\.field) }) == ["deleted", "location", "review_status", "body"])
        for state in records {
            #expect(try RecordState(json: state.json) == state, "\(state.key) through json")
            let text = CanonicalJSON.encode(state)
            #expect(try JSONDecoder().decode(RecordState.self, from: text) == state, "\(state.key) through JSON text")
            #expect(try RecordState(packed: state.packed()) == state, "\(state.key) through packed")
        }
    }

    /// The JSON has the record's named members, each field's `kind`, and no `_`-prefixed key at any depth.
    @Test func theStateJSONNamesItsPartsWithNoUnderscoreKeys() throws {
        for state in try Self.records() {
            let text = CanonicalJSON.text(state.json)
            #expect(!text.contains("_0"), "\(state.key): \(text)")
            let names = Self.keys(in: state.json)
            #expect(!names.contains { $0.hasPrefix("_") }, "\(state.key) has keys \(names.filter { $0.hasPrefix("_") })")
            #expect(state.json.objectValue.map { Set($0.keys) } == ["entity", "id", "creation", "fields", "edits", "deletions", "restored"])
            for (name, field) in state.fields {
                #expect(state.json.objectValue?["fields"]?.objectValue?[name]?.objectValue?["kind"] == .string(field.kind.rawValue))
            }
        }
    }

    /// The snapshot page's JSON form gives back its records, cursor and next key.
    @Test func aSnapshotPageOfTheseRecordsRoundTripsThroughItsJSON() throws {
        let records = try Self.records()
        let page = SnapshotPage(records: records, cursor: 42, nextAfter: "incident/\(IDs.airport)")
        let read = try SnapshotPage(json: try page.json())
        #expect(try read.records == records)
        #expect(read.cursor == 42 && read.nextAfter == "incident/\(IDs.airport)")
    }

    /// Every object key in a JSON value, at any depth.
    static func keys(in json: JSONValue) -> Set<String> {
        switch json {
        case .object(let members): members.reduce(into: Set(members.keys)) { $0.formUnion(keys(in: $1.value)) }
        case .array(let items): items.reduce(into: []) { $0.formUnion(keys(in: $1)) }
        default: []
        }
    }

    /// Two researchers' seed records, every merge kind among them: conflicts, claims, deleted, deleted-while-edited, restored.
    static func records() throws -> [RecordState] {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000)
        let source = try alice.create(.source, id: IDs.france24, Seed.sourceFields)
        try alice.create(.quote, id: IDs.nasrQuote, Seed.quoteFields)
        let airport = try alice.create(.incident, id: IDs.airport, Seed.airportFields)
        let hazara = try alice.create(.incident, id: IDs.hazaraBombing, Seed.airportFields.merging(["title": "Bombing in Dasht-e-Barchi"]) { $1 })
        let note = try alice.create(.annotation, id: IDs.note, ["target": .string(IDs.airport), "kind": "question", "body": "Which gate?",
                                                                "credibility": ["grade": "B"], "tags": ["gates"], "resolved": false])
        let duplicate = RecordKey(entity: .incident, id: "01912d6e-0000-7000-8000-000000000003")
        try alice.edit(.create(fields: Seed.airportFields), on: duplicate)
        bob.receive(from: alice)

        try alice.edit(.setMine(field: "reliability", value: ["grade": "B", "rationale": "established outlet"]), on: source)
        try bob.edit(.setMine(field: "reliability", value: ["grade": "C"]), on: source)
        try alice.edit(airport) { try Edit.set("location", to: ["lat": 34.5656, "lon": 69.2078], in: $0) }
        try bob.edit(airport) { try Edit.set("location", to: ["lat": 34.5619, "lon": 69.2127], in: $0) }
        try alice.edit(airport) { try Edit.set("review_status", to: "reviewed", in: $0) }
        try bob.edit(airport) { try Edit.set("review_status", to: "coded", in: $0) }
        let claim = try alice.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 185, source: IDs.france24,
                                                                                      note: "including 13 American soldiers")), on: airport)
        try bob.edit(.addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 170, qualifier: "approx",
                                                                         source: IDs.republisher)), on: airport)
        try alice.edit(airport) { try Edit.remove("evacuation", from: "tags", in: $0) }
        try bob.edit(airport) { try Edit.add("evacuation", to: "tags", in: $0) }
        try alice.edit(airport) { try Edit.delete($0) }
        try alice.edit(duplicate) { try Edit.delete($0) }
        try alice.edit(hazara) { try Edit.delete($0) }
        try bob.edit(hazara) { try Edit.set("admin1", to: "Kabul Province", in: $0) }
        try alice.edit(note) { try Edit.set("body", to: "Abbey Gate or the north gate?", in: $0) }
        try bob.edit(note) { try Edit.set("body", to: "Which gate, by the videos?", in: $0) }
        try bob.edit(.setMine(field: "credibility", value: ["grade": "C", "rationale": "one witness"]), on: note)
        alice.receive(from: bob)
        bob.receive(from: alice)
        try bob.edit(airport) { try Edit.retract(claim.version, in: $0) }
        alice.receive(from: bob)
        try alice.edit(airport) { try Edit.restore($0) }
        return alice.dataset.records.keys.sorted().map { alice.dataset[$0]! }
    }
}
