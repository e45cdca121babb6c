import Testing
@testable import DossierCore
import DossierTestSupport

@Suite struct ValidationTests {
    private func change(_ entity: EntityKind, _ operation: ChangeOperation, record: String = IDs.airport) -> Change {
        let replica = ReplicaID("r1")!
        return Change(id: ChangeID(replica: replica, counter: 1), version: HLC(millis: 1, counter: 0, replica: replica),
                      author: "alice", entity: entity, record: record, operation: operation)
    }

    private func error(_ entity: EntityKind, _ operation: ChangeOperation, record: String = IDs.airport) -> ValidationError? {
        do { try Validator.validate(change(entity, operation, record: record)); return nil } catch { return error as? ValidationError }
    }

    @Test func aValidIncidentPasses() {
        #expect(error(.incident, .create(fields: Seed.airportFields)) == nil)
    }

    @Test func missingRequiredFieldsAreNamed() {
        var fields = Seed.airportFields
        fields["place"] = nil
        #expect(error(.incident, .create(fields: fields)) == ValidationError(field: "place", rule: "is required"))
        #expect(error(.incident, .set(field: "title", value: .null, supersedes: []))?.rule == "is required and cannot be cleared")
    }

    @Test func vocabulariesAreEnforced() {
        var fields = Seed.airportFields
        fields["event_type"] = "Terrorism"
        #expect(error(.incident, .create(fields: fields))?.field == "event_type")
        fields = Seed.airportFields
        fields["sub_event_type"] = "Armed clash"  // a Battles sub-type under Explosions/Remote violence
        #expect(error(.incident, .create(fields: fields))?.field == "sub_event_type")
        #expect(Vocabulary.eventTypes.count == 6 && Vocabulary.subEventTypes.count == 25)
        #expect(error(.source, .create(fields: ["kind": "blog", "title": "x"]))?.field == "kind")
    }

    @Test func partialDatesAreYearMonthOrDayAndReal() {
        for good in ["2021", "2021-08", "2021-08-26", "2024-02-29"] { #expect(PartialDate(good) != nil, "\(good)") }
        for bad in ["--08-26", "2021-13", "2021-02-29", "21-08-26", "2021-8-26", "2021-08-26T00:00", ""] {
            #expect(PartialDate(bad) == nil, "\(bad)")
        }
        #expect(error(.incident, .set(field: "date", value: "August 26", supersedes: []))?.field == "date")
    }

    @Test func casualtiesMustBeNonNegativeAndOrdered() {
        let source = IDs.france24
        #expect(error(.incident, .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: -1, high: 3, qualifier: "approx", source: source)))
                == ValidationError(field: "casualties.low", rule: "must be 0 or more"))
        #expect(error(.incident, .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 185, high: 170, qualifier: "approx", source: source)))
                == ValidationError(field: "casualties.low", rule: "must not be greater than high"))
        #expect(error(.incident, .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 170, high: 185, qualifier: "exact", source: source)))?.field == "casualties.high")
        #expect(error(.incident, .addClaim(field: "casualties", claim: CasualtyClaim(kind: "dead", low: 1, high: 1, source: source)))?.field == "casualties.kind")
        #expect(error(.quote, .addClaim(field: "casualties", claim: CasualtyClaim(kind: "killed", low: 1, high: 1, source: source)))?.field == "casualties")
        #expect(error(.incident, .create(fields: Seed.airportFields.merging(["casualties": []]) { $1 })) != nil)
    }

    @Test func coordinatesAndCountriesAreRangeChecked() {
        #expect(error(.incident, .set(field: "location", value: ["lat": 34.56, "lon": 69.21] as JSONValue, supersedes: [])) == nil)
        #expect(error(.incident, .set(field: "location", value: ["lat": 134.5, "lon": 69.2], supersedes: []))?.field == "location.lat")
        #expect(error(.incident, .set(field: "location", value: ["lat": 34.5, "lon": -181], supersedes: []))?.field == "location.lon")
        #expect(error(.incident, .set(field: "location", value: ["lat": 34.5], supersedes: []))?.field == "location")
        #expect(error(.incident, .set(field: "country", value: "AF", supersedes: [])) == nil)
        #expect(error(.incident, .set(field: "country", value: "XX", supersedes: []))?.field == "country")
        #expect(error(.incident, .set(field: "country", value: "Afghanistan", supersedes: []))?.field == "country")
    }

    @Test func operationsMustFitTheFieldsMergeKind() {
        #expect(error(.incident, .set(field: "tags", value: ["a"], supersedes: []))?.field == "tags")
        #expect(error(.incident, .add(field: "title", element: "x"))?.rule == "is not a set")
        #expect(error(.incident, .add(field: "actors", element: "\(IDs.isk):perpetrator")) == nil)
        #expect(error(.incident, .add(field: "actors", element: "\(IDs.isk):mastermind"))?.field == "actors")
        #expect(error(.incident, .setMine(field: "summary", value: "x"))?.rule == "is not a per-author field")
        #expect(error(.source, .setMine(field: "reliability", value: ["grade": "G"]))?.field == "reliability.grade")
        #expect(error(.incident, .set(field: "perpetrator", value: "x", supersedes: []))?.field == "perpetrator")
        #expect(error(.annotation, .set(field: "kind", value: "note", supersedes: []))?.rule == "cannot change after creation")
    }

    @Test func recordIDsAndAuthorsAreChecked() {
        #expect(error(.incident, .create(fields: Seed.airportFields), record: "not-a-uuid")?.field == "record")
        #expect(error(.incident, .create(fields: Seed.airportFields), record: IDs.airport.uppercased())?.field == "record")
    }

    @Test func emptyTextIsRefused() {
        #expect(error(.incident, .set(field: "summary", value: "   ", supersedes: [])) == ValidationError(field: "summary", rule: "must not be empty"))
        #expect(error(.incident, .set(field: "summary", value: "\n\t\u{3000}\u{A0} ", supersedes: [])) == ValidationError(field: "summary", rule: "must not be empty"))
        #expect(error(.incident, .set(field: "summary", value: " \n x ", supersedes: [])) == nil)
    }

    @Test func textLengthCountsCharactersNotBytes() {
        let limit = Validator.maxTextLength
        // "é" is two UTF-8 bytes: the longest allowed text is twice the limit in bytes.
        #expect(error(.incident, .set(field: "summary", value: .string(String(repeating: "é", count: limit)), supersedes: [])) == nil)
        #expect(error(.incident, .set(field: "summary", value: .string(String(repeating: "é", count: limit + 1)), supersedes: []))
            == ValidationError(field: "summary", rule: "must be at most \(limit) characters"))
        #expect(error(.incident, .set(field: "summary", value: .string(String(repeating: "x", count: limit + 1)), supersedes: []))
            == ValidationError(field: "summary", rule: "must be at most \(limit) characters"))
    }
}
