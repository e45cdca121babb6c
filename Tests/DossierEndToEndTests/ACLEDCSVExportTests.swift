import DossierTestSupport
import Foundation
import Testing

/// The ACLED CSV from the real CLI, read by pandas (scripts/check-acled-csv.py) as ACLED's tools would read it.
@Suite struct ACLEDCSVExportTests {
    /// Seed incidents recorded on one laptop and synced to another: both export the same coded columns, every row passes
    /// the codebook check, and the Hazara bombing (a community as target) is coded as civilian targeting.
    @Test func seedIncidentsExportAsACLEDCodesThatPandasAccepts() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            let hazara = try a.create("actor", "add", "--name", "Hazara community", "--kind", "community")
            let us = try a.create("actor", "add", "--name", "United States", "--kind", "state")
            let alQaeda = try a.create("actor", "add", "--name", "Al-Qaeda", "--kind", "organisation")
            let hazaraBombing = try a.create("incident", "add", "--title", "Bomb attack in a Shiite neighbourhood of Kabul targeting Hazaras",
                                             "--date", "2022-08", "--place", "a Shiite neighborhood in Kabul", "--admin1", "Kabul",
                                             "--country", "AF", "--event-type", "Explosions/Remote violence",
                                             "--actor", "\(base.isk):claimed_by", "--actor", "\(hazara):target", "--source", base.analysis)
            try a.ok("incident", "claim", hazaraBombing, "--killed", "8", "--source", base.analysis)
            try a.ok("incident", "claim", hazaraBombing, "--wounded", "18", "--source", base.analysis)
            let droneStrike = try a.create("incident", "add", "--title", "US drone strike killing Ayman Al-Zawahiri in Kabul",
                                           "--date", "2022-07", "--place", "Kabul", "--country", "AF",
                                           "--event-type", "Explosions/Remote violence", "--sub-event-type", "Air/drone strike",
                                           "--actor", "\(us):perpetrator", "--actor", "\(alQaeda):target", "--source", base.analysis)
            try syncInOrder([a, b])

            let file = server.folder.file("acled.csv")
            try a.ok("export", "--format", "csv", "--out", file.path)
            let check = try Self.checkWithPandas(file)
            #expect(check.status == 0, "scripts/check-acled-csv.py: \(check.stdout)\(check.stderr)")
            #expect(check.stdout.contains("5 rows follow ACLED's codebook"), "\(check.stdout)")

            let table = CSVTable(String(decoding: try Data(contentsOf: file), as: UTF8.self))
            let rows = Dictionary(uniqueKeysWithValues: table.dictionaries.compactMap { row in row["dossier_id"].map { ($0, row) } })
            let coded = ["event_id_cnty", "event_date", "time_precision", "inter1", "inter2", "interaction", "civilian_targeting",
                         "iso", "region", "geo_precision"]
            let cells = { (id: String) in coded.map { rows[id]?[$0] ?? "missing" } }
            let airportID = try #require(rows[base.airport]?["event_id_cnty"])
            #expect(cells(base.airport) == [airportID, "2021-08-26", "1", "2", "0", "20", "", "4", "Caucasus and Central Asia", "1"])
            let hazaraID = try #require(rows[hazaraBombing]?["event_id_cnty"])
            #expect(cells(hazaraBombing) == [hazaraID, "2022-08-01", "3", "2", "7", "27", "Civilian targeting", "4",
                                              "Caucasus and Central Asia", "2"])
            let droneID = try #require(rows[droneStrike]?["event_id_cnty"])
            #expect(cells(droneStrike) == [droneID, "2022-07-01", "3", "1", "2", "12", "", "4", "Caucasus and Central Asia", "3"])
            let toraBoraID = try #require(rows[base.toraBora]?["event_id_cnty"])
            #expect(cells(base.toraBora) == [toraBoraID, "2017-01-01", "3", "", "", "", "", "4", "Caucasus and Central Asia", "2"])
            #expect(rows[hazaraBombing]?["fatalities"] == "8" && rows[hazaraBombing]?["wounded_low"] == "18")

            // Bilal's replica received the same changes: its export codes every incident with the same event id.
            let other = CSVTable(try b.ok("export", "--format", "csv").stdout)
            let idsOnB = Dictionary(uniqueKeysWithValues: other.dictionaries.compactMap { row in
                row["dossier_id"].flatMap { id in row["event_id_cnty"].map { (id, $0) } }
            })
            #expect(idsOnB == rows.compactMapValues { $0["event_id_cnty"] }, "event_id_cnty does not depend on the replica")
            #expect(Set(idsOnB.values).count == 5)
        }
    }

    /// A CSV that breaks the codebook fails the check: the check can fail.
    @Test func theCodebookCheckRejectsAFileThatBreaksIt() throws {
        let folder = try ScratchFolder("acled-check")
        let header = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
            + "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
            + "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
        let good = "AFG1,2021-08-26,2021,1,Political violence,Battles,Armed clash,A,,1,B,,2,12,,4,Caucasus and Central Asia,"
            + "Afghanistan,Kabul,,,Kabul,34.5,69.2,1,S,,,3,,1661500000"
        let broken = "AFG1,2021-08,2021,4,Political violence,Battles,Armed clash,A,,1,B,,2,21,Civilians targeted,AF,Asia,"
            + "Afghanistan,Kabul,,,Kabul,,,1,S,,,three,,1661500000"
        let goodFile = folder.file("good.csv")
        try Data((header + "\r\n" + good + "\r\n").utf8).write(to: goodFile)
        #expect(try Self.checkWithPandas(goodFile).status == 0)
        let brokenFile = folder.file("broken.csv")
        try Data((header + "\r\n" + good + "\r\n" + broken + "\r\n").utf8).write(to: brokenFile)
        let check = try Self.checkWithPandas(brokenFile)
        #expect(check.status == 1)
        for column in ["event_date", "time_precision", "interaction", "civilian_targeting", "iso", "region", "geo_precision",
                       "fatalities", "event_id_cnty 'AFG1' is not unique"] {
            #expect(check.stdout.contains(column), "\(column) is reported")
        }
    }

    /// Runs scripts/check-acled-csv.py on a file with Debian's Python, where scripts/install-deps.sh puts pandas.
    static func checkWithPandas(_ file: URL) throws -> ProcessResult {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = repository.appendingPathComponent("scripts/check-acled-csv.py")
        return try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/python3"), [script.path, file.path], timeout: 120)
    }
}
