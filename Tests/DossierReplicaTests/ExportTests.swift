import CSV
import DossierCore
import DossierTestSupport
import Foundation
import Testing
@testable import DossierReplica

/// The client's exports over a dataset built from seed material by real changes (see `ExportFixture`).
@Suite struct ExportTests {
    typealias ID = ExportFixture.ID
    let dataset: Dataset

    init() throws {
        dataset = try ExportFixture.dataset()
    }

    // MARK: Formats

    @Test func everyFormatIsNamedAsTheCLISpellsIt() {
        #expect(ExportFormat.allCases.map(\.rawValue) == ["json", "csv", "geojson", "markdown"])
        #expect(ExportFormat(rawValue: "geojson") == .geojson)
        for format in ExportFormat.allCases { #expect(!Exporter.export(dataset, as: format).data.isEmpty) }
    }

    @Test func jsonIsExactlyTheCanonicalExport() {
        let result = Exporter.export(dataset, as: .json)
        #expect(result.data == CanonicalExport(dataset).data)
        #expect(result.notes.isEmpty && result.skippedWithoutLocation == 0)
    }

    // MARK: CSV

    @Test func csvHeaderIsACLEDsColumnsThenDossiers() throws {
        let (header, _) = try parseCSV(Exporter.data(dataset, as: .csv))
        #expect(header == [
            "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
            "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
            "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
            "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
            "fatalities_low", "fatalities_high", "wounded_low", "wounded_high", "disputed", "dossier_id",
        ])
    }

    @Test func csvAirportRowTakesTheLowestTollAndKeepsTheRange() throws {
        let (_, rows) = try parseCSV(Exporter.data(dataset, as: .csv))
        let row = try #require(rows.first { $0["dossier_id"] == ID.airport })
        #expect(row["fatalities"] == "170")
        #expect(row["fatalities_low"] == "170")
        #expect(row["fatalities_high"] == "185")
        #expect(row["disputed"] == "true")
        #expect(row["wounded_low"] == "" && row["wounded_high"] == "")
        #expect(row["actor1"] == "Islamic State in Khorasan")
        #expect(row["assoc_actor_1"] == "" && row["actor2"] == "")
        #expect(row["event_date"] == "2021-08-26" && row["year"] == "2021" && row["time_precision"] == "1")
        #expect(row["disorder_type"] == "Political violence")
        #expect(row["event_type"] == "Explosions/Remote violence" && row["sub_event_type"] == "Suicide bomb")
        #expect(row["civilian_targeting"] == "")
        #expect(row["country"] == "Afghanistan" && row["admin1"] == "Kabul")
        // The place is in conflict: the current (winning) value is exported.
        #expect(row["location"] == "the entrance to Kabul airport")
        #expect(row["latitude"] == "34.56" && row["longitude"] == "69.21")
        #expect(row["source"] == "France 24")
        #expect(row["tags"] == "airport; evacuation")
        #expect(row["timestamp"] == "1661500000")
        #expect(row["inter1"] == "2" && row["inter2"] == "0" && row["interaction"] == "20")
        #expect(row["iso"] == "4" && row["region"] == "Caucasus and Central Asia" && row["geo_precision"] == "1")
        #expect(row["event_id_cnty"]?.hasPrefix("AFG") == true)
        for column in ["admin2", "admin3", "source_scale"] {
            #expect(row[column] == "", "\(column) has no Dossier data")
        }
    }

    @Test func csvHazaraRowCodesMonthPrecisionClaimantAndCivilianTargeting() throws {
        let (_, rows) = try parseCSV(Exporter.data(dataset, as: .csv))
        let row = try #require(rows.first { $0["dossier_id"] == ID.hazaraBombing })
        #expect(row["event_date"] == "2022-08-01" && row["year"] == "2022" && row["time_precision"] == "3")
        #expect(row["actor1"] == "Islamic State in Khorasan")
        #expect(row["actor2"] == "Hazara community")
        #expect(row["civilian_targeting"] == "Civilian targeting")
        #expect(row["fatalities"] == "8" && row["wounded_low"] == "18" && row["wounded_high"] == "18")
        #expect(row["disputed"] == "false")
        #expect(row["latitude"] == "" && row["longitude"] == "" && row["geo_precision"] == "2")
        #expect(row["inter1"] == "2" && row["inter2"] == "7" && row["interaction"] == "27")
    }

    @Test func csvLeavesOutDeletedIncidentsAndSortsByDateThenID() throws {
        let (_, rows) = try parseCSV(Exporter.data(dataset, as: .csv))
        #expect(rows.map { $0["dossier_id"] } == [ID.airport, ID.hazaraBombing])

        // Ids in the opposite order of dates, and two on the same day.
        var scribe = TestReplica("carol", replica: "r3", millis: 1_700_000_000_000)
        let ids = ["01912d6e-0000-7000-8000-0000000000f1", "01912d6e-0000-7000-8000-0000000000f2", "01912d6e-0000-7000-8000-0000000000f3"]
        for (id, date) in zip(ids, ["2022", "2021-08-26", "2021-08-26"]) {
            try scribe.create(.incident, id: id, ["title": "Event", "date": .string(date), "place": "Kabul", "event_type": "Battles"])
        }
        let (_, sorted) = try parseCSV(Exporter.data(scribe.dataset, as: .csv))
        #expect(sorted.map { $0["dossier_id"] } == [ids[1], ids[2], ids[0]])
        #expect(sorted.map { $0["time_precision"] } == ["1", "1", "3"])
    }

    @Test func csvQuotesCommasQuotesAndLineBreaksAndReadsBack() throws {
        let data = Exporter.data(dataset, as: .csv)
        let text = String(decoding: data, as: UTF8.self)
        let escaped = "\"" + ExportFixture.airportSummary.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        #expect(text.contains("," + escaped + ","))
        #expect(text.hasSuffix("\r\n"))
        let (_, rows) = try parseCSV(data)
        let row = try #require(rows.first { $0["dossier_id"] == ID.airport })
        #expect(row["notes"] == ExportFixture.airportSummary)
    }

    @Test func csvOfAnEmptyDatasetIsTheHeaderAlone() throws {
        let (header, rows) = try parseCSV(Exporter.data(Dataset(), as: .csv))
        #expect(header.count == 37 && rows.isEmpty)
    }

    @Test func csvCodesEachEventTypesDisorderTypeAndWritesPlainDecimalCoordinates() {
        let expected = [
            "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations", "Riots": "Demonstrations",
            "Strategic developments": "Strategic developments",
        ]
        for eventType in Vocabulary.eventTypes { #expect(ACLEDCSV.disorderType(eventType) == expected[eventType], "\(eventType)") }
        #expect(ACLEDCSV.coordinate(0.00001) == "0.00001")
        #expect(ACLEDCSV.coordinate(-69.21) == "-69.21")
    }

    // MARK: GeoJSON

    @Test func geoJSONIsAFeatureCollectionOfPointsInLonLatOrder() throws {
        let result = Exporter.export(dataset, as: .geojson)
        let root = try #require(try JSONSerialization.jsonObject(with: result.data) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let feature = try #require(features.first)
        #expect(feature["type"] as? String == "Feature")
        let geometry = try #require(feature["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        #expect(geometry["coordinates"] as? [Double] == [69.21, 34.56])
        let properties = try #require(feature["properties"] as? [String: Any])
        #expect(properties["dossier_id"] as? String == ID.airport)
        #expect(properties["title"] as? String == "Suicide attack at Kabul airport")
        #expect(properties["date"] as? String == "2021-08-26")
        #expect(properties["place"] as? String == "the entrance to Kabul airport")
        #expect(properties["country"] as? String == "AF")
        #expect(properties["event_type"] as? String == "Explosions/Remote violence")
        #expect(properties["sub_event_type"] as? String == "Suicide bomb")
        #expect(properties["fatalities_low"] as? Int == 170 && properties["fatalities_high"] as? Int == 185)
        #expect(properties["wounded_low"] is NSNull && properties["wounded_high"] is NSNull)
        #expect(properties["disputed"] as? Bool == true)
        #expect(properties["tags"] as? [String] == ["airport", "evacuation"])
    }

    @Test func geoJSONSkipsAndCountsIncidentsWithoutCoordinates() {
        let result = Exporter.export(dataset, as: .geojson)
        #expect(result.skippedWithoutLocation == 1)  // the Hazara bombing; the deleted duplicate is not counted
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.hasPrefix("1 incident left out") == true)
        let empty = Exporter.export(Dataset(), as: .geojson)
        #expect(empty.skippedWithoutLocation == 0 && empty.notes.isEmpty)
        #expect(String(decoding: empty.data, as: UTF8.self) == "{\"features\":[],\"type\":\"FeatureCollection\"}\n")
    }

    // MARK: Markdown

    @Test func markdownShowsTheDisputedTollWithEachSource() {
        let text = String(decoding: Exporter.data(dataset, as: .markdown), as: UTF8.self)
        #expect(text.hasPrefix("# Dossier export\n"))
        #expect(text.contains("- **Killed:** 170–185 (disputed)"))
        #expect(text.contains(ExportFixture.france24Title))
        #expect(text.contains(ExportFixture.interviewTitle))
        #expect(text.contains("  - 185 — *\(ExportFixture.france24Title)* (including 13 American soldiers), entered by alice"))
        #expect(text.contains("  - 170 — *\(ExportFixture.interviewTitle)*"))
        #expect(text.contains("- **Wounded:** 18"))
    }

    @Test func markdownListsOpenConflictsWithEachCandidateAndAuthor() {
        let text = String(decoding: Exporter.data(dataset, as: .markdown), as: UTF8.self)
        #expect(text.contains("**Open conflicts** (resolve with `dossier resolve \(ID.airport) FIELD`):"))
        #expect(text.contains("- place:"))
        #expect(text.contains("  - \u{201C}the entrance to Kabul airport\u{201D} — bob, replica r2, 2022-08-26T07:47:40Z (shown now)"))
        #expect(text.contains("  - \u{201C}Kabul airport, near a doorway\u{201D} — alice, replica r1, 2022-08-26T07:46:40Z"))
    }

    @Test func markdownHasQuotesActorsSourcesAndAnnotationsButNoDeletedRecords() {
        let text = String(decoding: Exporter.data(dataset, as: .markdown), as: UTF8.self)
        for heading in ["## Incidents", "## Quotes", "## Actors", "## Sources", "## Annotations"] { #expect(text.contains(heading)) }
        #expect(text.contains("> OEI-K operates in a terrorist mode but has never succeeded in reconstituting a territory, which is a real"))
        #expect(text.contains("— Wassim Nasr, France 24 journalist, in *\(ExportFixture.france24Title)*"))
        #expect(text.contains("- **Islamic State in Khorasan** (organisation), also known as Daesh, IS-K, ISKP, OEI-K"))
        #expect(text.contains("- *\(ExportFixture.france24Title)* — France 24, published 2022-08, en, news, <https://www.france24.com/"))
        #expect(text.contains("- **note** on incident *Suicide attack at Kabul airport*, by bob: Check the toll against the Pentagon's"))
        #expect(text.contains("  - **Open conflicts** (resolve with `dossier resolve \(ID.tollQuestion) FIELD`):\n    - body:\n"))
        #expect(text.contains("      - \u{201C}UNAMA gives no toll for the airport\u{201D} — alice, replica r1"))
        let orphan = "- **question** on incident *Kabul airport bombing (duplicate entry)* (orphan: its target was deleted), by alice"
        #expect(text.contains(orphan))
        #expect(!text.contains("### Kabul airport bombing (duplicate entry)"))
        #expect(text.contains("2 incidents · 1 quote · 2 actors · 2 sources · 2 annotations · 2 open conflicts"))
    }

    @Test func aRecordDeletedWhileEditedIsKeptAndItsConflictShown() throws {
        var alice = TestReplica("alice", replica: "r1", millis: 1_000_000)
        var bob = TestReplica("bob", replica: "r2", millis: 2_000_000)
        let airport = try alice.create(.incident, id: ID.airport, ["title": "Suicide attack at Kabul airport", "date": "2021-08-26",
                                                                   "place": "Kabul airport", "event_type": "Explosions/Remote violence"])
        bob.receive(from: alice)
        try alice.edit(airport) { try Edit.delete($0) }
        try bob.edit(airport) { try Edit.add("airport", to: "tags", in: $0) }
        alice.receive(from: bob)
        let (_, rows) = try parseCSV(Exporter.data(alice.dataset, as: .csv))
        #expect(rows.map { $0["dossier_id"] } == [ID.airport])
        let text = String(decoding: Exporter.data(alice.dataset, as: .markdown), as: UTF8.self)
        #expect(text.contains("- deleted while being edited:\n  - \u{201C}deleted\u{201D} — alice"))
        #expect(text.contains("  - \u{201C}edited\u{201D} — bob"))
    }

    @Test func markdownEscapesTextThatWouldReadAsSyntax() {
        #expect(MarkdownText.inline("*not* [a](link) <b>") == "\\*not\\* \\[a\\](link) \\<b\\>")
        #expect(MarkdownText.lines("- item\n1. step\nplain") == ["\\- item", "1\\. step", "plain"])
        #expect(MarkdownText.blockquote("one\n\ntwo") == "> one\n>\n> two")
    }

    @Test func markdownOfAnEmptyDatasetSaysSo() {
        let text = String(decoding: Exporter.data(Dataset(), as: .markdown), as: UTF8.self)
        #expect(text.contains("## Incidents\n\n*None.*"))
        #expect(text.contains("0 incidents"))
    }

    // MARK: Helpers

    /// Parses CSV with CSV.swift's reader: the header and each row as a column → value map.
    func parseCSV(_ data: Data) throws -> (header: [String], rows: [[String: String]]) {
        let reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [[String: String]] = []
        while let row = reader.next() {
            #expect(row.count == header.count)
            rows.append(Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first }))
        }
        if let error = reader.error { throw error }
        return (header, rows)
    }
}
