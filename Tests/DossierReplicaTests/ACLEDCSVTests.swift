import DossierCore
import DossierTestSupport
import Foundation
import Testing
@testable import DossierReplica

/// Each coded column of the ACLED CSV, mapped from Dossier's records as ACLEDCSV+Codes.swift documents.
@Suite struct ACLEDCSVTests {
    // MARK: Dates

    @Test func eventDateIsAlwaysADayAndTimePrecisionCarriesTheUncertainty() throws {
        let cases = [("2021", "2021-01-01", 3), ("2021-08", "2021-08-01", 3), ("2021-08-26", "2021-08-26", 1), ("0999-12", "0999-12-01", 3)]
        for (stored, written, precision) in cases {
            let date = try #require(PartialDate(stored))
            #expect(ACLEDCSV.eventDate(date) == written, "\(stored)")
            #expect(ACLEDCSV.timePrecision(date) == precision, "\(stored)")
        }
        var scribe = Scribe()
        try scribe.incident(date: "2022-08")
        let row = try #require(scribe.rows().first)
        #expect(row["event_date"] == "2022-08-01" && row["year"] == "2022" && row["time_precision"] == "3")
    }

    // MARK: Country

    @Test func isoAndRegionComeFromTheCountry() throws {
        let expected: [(String, String, Int, String)] = [
            ("AF", "AFG", 4, "Caucasus and Central Asia"), ("PK", "PAK", 586, "South Asia"), ("IR", "IRN", 364, "Middle East"),
            ("IQ", "IRQ", 368, "Middle East"), ("SY", "SYR", 760, "Middle East"), ("TJ", "TJK", 762, "Caucasus and Central Asia"),
            ("UZ", "UZB", 860, "Caucasus and Central Asia"), ("TM", "TKM", 795, "Caucasus and Central Asia"),
            ("US", "USA", 840, "North America"), ("XK", "XKX", 0, "Europe"),
        ]
        for (alpha2, alpha3, numeric, region) in expected {
            #expect(ACLEDCountries.country(alpha2) == .init(alpha3: alpha3, numeric: numeric, region: region), "\(alpha2)")
        }
        #expect(ACLEDCountries.country("ZZ") == nil)
        var scribe = Scribe()
        try scribe.incident(country: "PK")
        let row = try #require(scribe.rows().first)
        #expect(row["iso"] == "586" && row["region"] == "South Asia" && row["country"] == "Pakistan")
    }

    @Test func everyISOCountryHasANumericCodeAndOneOfACLEDsRegions() {
        let regions = Set(ACLEDCountries.regions.map(\.region))
        #expect(regions.count == 17)
        #expect(ACLEDCountries.table.count == 250, "the 249 ISO 3166-1 countries and Kosovo")
        for (alpha2, country) in ACLEDCountries.table {
            #expect(regions.contains(country.region), "\(alpha2) has no ACLED region")
            #expect((0...999).contains(country.numeric) && country.alpha3.count == 3, "\(alpha2)")
        }
        #expect(Set(ACLEDCountries.table.values.map(\.alpha3)).count == 250, "alpha-3 codes are distinct")
    }

    @Test func anIncidentWithoutAKnownCountryLeavesIsoAndRegionEmpty() throws {
        var scribe = Scribe()
        try scribe.incident(country: nil)
        let row = try #require(scribe.rows().first)
        #expect(row["iso"] == "" && row["region"] == "" && row["country"] == "")
        #expect(row["event_id_cnty"]?.hasPrefix("XXX") == true)
    }

    // MARK: Actors

    @Test func interCodesFollowTheActorsKindAndSide() {
        let acting = ["state": 1, "organisation": 2, "community": 4, "person": 7, "media": 7, "international_org": 8]
        let targeted = ["state": 1, "organisation": 2, "community": 7, "person": 7, "media": 7, "international_org": 8]
        #expect(Set(acting.keys) == Set(Vocabulary.actorKinds), "every actor kind has a code")
        for kind in Vocabulary.actorKinds {
            #expect(ACLEDCSV.interCode(kind: kind, acting: true, eventType: "Battles") == acting[kind], "\(kind) acting")
            #expect(ACLEDCSV.interCode(kind: kind, acting: false, eventType: "Battles") == targeted[kind], "\(kind) targeted")
            #expect(ACLEDCSV.interCode(kind: kind, acting: true, eventType: "Protests") == 6, "protesters")
            #expect(ACLEDCSV.interCode(kind: kind, acting: true, eventType: "Riots") == 5, "rioters")
        }
        #expect(ACLEDCSV.interCode(kind: "state", acting: false, eventType: "Protests") == 1, "police at a protest")
        #expect(ACLEDCSV.interCode(kind: nil, acting: true, eventType: "Battles") == nil)
    }

    @Test func interactionPutsTheSmallerCodeFirstAndASoleActorBeforeZero() {
        #expect(ACLEDCSV.interaction(1, 7) == "17")
        #expect(ACLEDCSV.interaction(7, 1) == "17")
        #expect(ACLEDCSV.interaction(3, 3) == "33")
        #expect(ACLEDCSV.interaction(2, 0) == "20")
        #expect(ACLEDCSV.interaction(0, 7) == "70")
        #expect(ACLEDCSV.interaction(0, 0) == "")
    }

    @Test func interColumnsCodeTheFirstActorOfEachSide() throws {
        var scribe = Scribe()
        let isk = try scribe.actor("organisation", "Islamic State in Khorasan")
        let hazara = try scribe.actor("community", "Hazara community")
        let us = try scribe.actor("state", "United States")
        let both = try scribe.incident(actors: ["\(isk):claimed_by", "\(hazara):target"])
        let sole = try scribe.incident(actors: ["\(isk):perpetrator"])
        let targetOnly = try scribe.incident(actors: ["\(hazara):victim"])
        let firstOfSide = try scribe.incident(actors: ["\(us):perpetrator", "\(isk):claimed_by", "\(isk):target"])
        let none = try scribe.incident(actors: [])
        let unknown = try scribe.incident(actors: ["\(Scribe.id(9_999)):perpetrator"])
        let rows = scribe.rowsByID()
        let cells = { (id: String) in ["inter1", "inter2", "interaction"].map { rows[id]?[$0] ?? "missing" } }
        #expect(cells(both) == ["2", "7", "27"])
        #expect(cells(sole) == ["2", "0", "20"])
        #expect(cells(targetOnly) == ["0", "7", "70"])
        #expect(cells(firstOfSide) == ["1", "2", "12"], "the perpetrator comes before the claimant")
        #expect(cells(none) == ["", "", ""], "no actors: nothing to code")
        #expect(cells(unknown) == ["", "", ""], "an actor whose record has not arrived is not guessed")
    }

    @Test func civilianTargetingCountsCivilianTargetsAndVictims() throws {
        var scribe = Scribe()
        let hazara = try scribe.actor("community", "Hazara community")
        let journalist = try scribe.actor("media", "France 24")
        let cleric = try scribe.actor("person", "Rahimullah Haqqani")
        let isk = try scribe.actor("organisation", "Islamic State in Khorasan")
        let army = try scribe.actor("state", "Afghan army")
        let expected: [(String, Bool)] = [
            (try scribe.incident(actors: ["\(isk):claimed_by", "\(hazara):target"]), true),
            (try scribe.incident(actors: ["\(hazara):victim"]), true),
            (try scribe.incident(actors: ["\(journalist):target"]), true),
            (try scribe.incident(actors: ["\(cleric):victim"]), true),
            (try scribe.incident(actors: ["\(army):perpetrator", "\(isk):target"]), false),
            (try scribe.incident(actors: ["\(isk):perpetrator", "\(army):victim"]), false),
            (try scribe.incident(actors: ["\(hazara):perpetrator"]), false),
            (try scribe.incident(actors: ["\(hazara):associated"]), false),
            (try scribe.incident(eventType: "Violence against civilians", actors: []), true),
        ]
        let rows = scribe.rowsByID()
        for (index, (id, targeted)) in expected.enumerated() {
            #expect(rows[id]?["civilian_targeting"] == (targeted ? "Civilian targeting" : ""), "case \(index)")
        }
    }

    // MARK: Place

    @Test func geoPrecisionFollowsWhatWasRecorded() throws {
        var scribe = Scribe()
        let pinned = try scribe.incident(admin1: "Kabul", location: ["lat": 34.56, "lon": 69.21])
        let pinnedNoProvince = try scribe.incident(location: ["lat": 34.56, "lon": 69.21])
        let province = try scribe.incident(admin1: "Nangarhar")
        let countryOnly = try scribe.incident()
        let rows = scribe.rowsByID()
        #expect(rows[pinned]?["geo_precision"] == "1")
        #expect(rows[pinnedNoProvince]?["geo_precision"] == "1")
        #expect(rows[province]?["geo_precision"] == "2")
        #expect(rows[countryOnly]?["geo_precision"] == "3")
    }

    // MARK: Event id

    @Test func eventIDIsTheCountryAndANumberThatDependsOnTheRecordIDAlone() throws {
        var amina = Scribe(replica: "r1", millis: 1_661_500_000_000)
        var bilal = Scribe(replica: "r2", millis: 1_700_000_000_000)
        let id = try amina.incident(title: "Suicide attack at Kabul airport")
        try bilal.incident(title: "Another title, another replica, later", id: id)
        let first = try #require(amina.rowsByID()[id]?["event_id_cnty"])
        #expect(first == bilal.rowsByID()[id]?["event_id_cnty"], "two replicas write the same event id")
        #expect(first.count == 23 && first.hasPrefix("AFG") && first.dropFirst(3).allSatisfy(\.isNumber))
        #expect(first == ACLEDCSV.eventID(try #require(amina.lookup.incidents.first)), "the same on every export")
    }

    @Test func eventIDsOfTenThousandIncidentsAreDistinct() throws {
        var scribe = Scribe()
        for number in 0..<10_000 { try scribe.incident(id: Scribe.id(number)) }
        let ids = scribe.rows().compactMap { $0["event_id_cnty"] }
        #expect(ids.count == 10_000 && Set(ids).count == 10_000)
    }
}

/// Builds incidents and actors with real, validated changes and reads the CSV export back.
private struct Scribe {
    var replica: TestReplica
    var next = 0

    init(replica: String = "r1", millis: Int64 = 1_661_500_000_000) {
        self.replica = TestReplica("alice", replica: replica, millis: millis)
    }

    /// A fixed id that differs from its neighbours only in its last digits, like ids made in one millisecond.
    static func id(_ number: Int) -> String {
        "01912d6e-0000-7000-8000-" + String(format: "%012d", number)
    }

    /// Creates an actor and returns its id.
    mutating func actor(_ kind: String, _ name: String) throws -> String {
        next += 1
        let id = Self.id(100_000 + next)
        try replica.create(.actor, id: id, ["kind": .string(kind), "name": .string(name)])
        return id
    }

    /// Creates an incident (in Afghanistan unless told) and returns its id.
    @discardableResult
    mutating func incident(title: String = "Event", date: String = "2021-08-26", country: String? = "AF", admin1: String? = nil,
                           location: JSONValue? = nil, eventType: String = "Explosions/Remote violence",
                           actors: [String] = [], id: String? = nil) throws -> String {
        next += 1
        let id = id ?? Self.id(200_000 + next)
        var fields: [String: JSONValue] = ["title": .string(title), "date": .string(date), "place": "Kabul",
                                           "event_type": .string(eventType)]
        if let country { fields["country"] = .string(country) }
        if let admin1 { fields["admin1"] = .string(admin1) }
        if let location { fields["location"] = location }
        if !actors.isEmpty { fields["actors"] = .array(actors.map(JSONValue.string)) }
        try replica.create(.incident, id: id, fields)
        return id
    }

    /// The export's look-ups over the records made so far.
    var lookup: ExportLookup { ExportLookup(dataset: replica.dataset) }

    /// The CSV rows, each as column → value.
    func rows() -> [[String: String]] {
        lookup.incidents.map { Dictionary(uniqueKeysWithValues: zip(ACLEDCSV.columns, ACLEDCSV.row($0, lookup: lookup))) }
    }

    /// The CSV rows by Dossier id.
    func rowsByID() -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: rows().compactMap { row in row["dossier_id"].map { ($0, row) } })
    }
}
