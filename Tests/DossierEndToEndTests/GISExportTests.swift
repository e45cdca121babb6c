import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Exports for analysts and GIS: ACLED-style CSV and GeoJSON from the real CLI.
@Suite struct GISExportTests {
    /// After the 185 and 170 claims, the CSV row gives ACLED's lowest figure and flags the dispute; GeoJSON has [lon, lat].
    @Test func exportsForGIS() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let base = try KabulBase.record(on: a)
            try a.ok("incident", "claim", base.airport, "--killed", "185", "--source", base.analysis)
            try a.ok("incident", "claim", base.airport, "--killed", "170", "--source", base.interview)

            let csv = try a.ok("export", "--format", "csv")
            #expect(csv.stdout.hasPrefix("event_id_cnty,event_date,year,time_precision"))
            let table = CSVTable(csv.stdout)
            #expect(table.rows.allSatisfy { $0.count == table.header.count }, "every row has every column")
            let row = try table.dictionaries.first { $0["dossier_id"] == base.airport }.orThrow("no CSV row for the airport")
            #expect(row["event_date"] == "2021-08-26")
            #expect(row["year"] == "2021")
            #expect(row["time_precision"] == "1")
            #expect(row["event_type"] == "Explosions/Remote violence")
            #expect(row["sub_event_type"] == "Suicide bomb")
            #expect(row["fatalities"] == "170", "ACLED takes the lowest reported figure")
            #expect(row["fatalities_low"] == "170")
            #expect(row["fatalities_high"] == "185")
            #expect(row["disputed"] == "true")
            #expect(row["latitude"].flatMap(Double.init) == 34.56)
            #expect(row["longitude"].flatMap(Double.init) == 69.21)
            #expect(row["country"] == "Afghanistan")
            let toraBora = table.dictionaries.first { $0["dossier_id"] == base.toraBora }
            #expect(toraBora?["fatalities"] == "", "not stated is empty, never 0")
            #expect(toraBora?["disputed"] == "false")

            let out = server.folder.file("kabul.geojson")
            let written = try a.ok("export", "--format", "geojson", "--out", out.path)
            #expect(!written.stdout.contains("FeatureCollection"), "--out writes to the file, not stdout")
            let geojson = try JSONValue.parse(try Data(contentsOf: out), context: "the GeoJSON file")
            #expect(geojson["type"]?.string == "FeatureCollection")
            let feature = try (geojson["features"]?.array?.first { $0["properties"]?["dossier_id"]?.string == base.airport })
                .orThrow("no feature for the airport")
            #expect(feature["type"]?.string == "Feature")
            #expect(feature["geometry"]?["type"]?.string == "Point")
            #expect(feature["geometry"]?["coordinates"]?.array?.compactMap(\.number) == [69.21, 34.56], "GeoJSON order is [lon, lat]")
            #expect(feature["properties"]?["fatalities_low"]?.int == 170)
            #expect(feature["properties"]?["disputed"]?.bool == true)

            let canonical = server.folder.file("kabul.json")
            try a.ok("export", "--format", "json", "--out", canonical.path)
            #expect(try Data(contentsOf: canonical) == a.canonicalExport(), "--out writes the same canonical bytes")
        }
    }
}
