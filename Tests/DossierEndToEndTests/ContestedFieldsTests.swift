import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Concurrent coordinates and concurrent review statuses open conflicts through the real CLI, print readably,
/// and are resolved with `dossier resolve` (`--pick N`, or `--value LAT,LON` / `--value reviewed`).
@Suite struct ContestedFieldsTests {
    @Test func concurrentCoordinatesAndReviewStatusesAreConflictsResolvedFromTheCLI() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            let airport = try a.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                       "--place", "Kabul airport", "--event-type", "Explosions/Remote violence",
                                       "--lat", "34.56", "--lon", "69.21")
            try syncInOrder([a, b])

            // Abbey Gate against the Baron Hotel, offline on both laptops.
            try a.ok("incident", "edit", airport, "--lat", "34.5656", "--lon", "69.2078")
            try b.ok("incident", "edit", airport, "--lat", "34.5662", "--lon", "69.2105")
            try syncInOrder([a, b, a])
            for laptop in [a, b] {
                let conflicts = try laptop.conflicts()
                #expect(conflicts.map { $0["field"]?.string } == ["location"], "\(laptop.user): \(conflicts)")
            }
            let listed = try a.ok("conflicts").stdout
            #expect(listed.contains("] 34.5656, 69.2078  — amina"), "\(listed)")
            #expect(listed.contains("] 34.5662, 69.2105  — bilal"), "\(listed)")
            let shown = try a.ok("show", airport).stdout
            #expect(shown.contains("CONFLICT on location"), "\(shown)")
            #expect(shown.contains("] 34.5656, 69.2078  — amina"), "\(shown)")

            let candidates = try a.conflicts()[0]["candidates"]?.array ?? []
            let abbeyGate = try #require(candidates.firstIndex { $0["value"]?["lon"]?.number == 69.2078 }) + 1
            try a.ok("resolve", String(airport.prefix(8)), "location", "--pick", "\(abbeyGate)")
            try syncInOrder([a, b])
            #expect(try b.conflicts().isEmpty)
            #expect(try b.show(airport)["fields"]?["location"] == ["lat": 34.5656, "lon": 69.2078])

            // A second round, settled with a typed pair.
            try a.ok("incident", "edit", airport, "--lat", "34.5660", "--lon", "69.2090")
            try b.ok("incident", "edit", airport, "--lat", "34.5650", "--lon", "69.2070")
            try syncInOrder([a, b, a])
            try b.ok("resolve", airport, "location", "--value", "34.5659,69.2090")
            try syncInOrder([b, a])
            #expect(try a.conflicts().isEmpty)
            #expect(try a.show(airport)["fields"]?["location"] == ["lat": 34.5659, "lon": 69.209])

            // Coded against reviewed.
            try a.ok("incident", "edit", airport, "--review-status", "coded")
            try b.ok("incident", "edit", airport, "--review-status", "reviewed")
            try syncInOrder([a, b, a])
            #expect(try a.conflicts().map { $0["field"]?.string } == ["review_status"])
            let bad = try a.run("resolve", airport, "review_status", "--value", "finished")
            #expect(bad.status == 1 && bad.stderrLines.count == 1 && bad.stderr.contains("review_status"), "\(bad)")
            try a.ok("resolve", airport, "review_status", "--value", "reviewed")
            try syncInOrder([a, b])
            #expect(try b.conflicts().isEmpty)
            #expect(try b.show(airport)["fields"]?["review_status"]?.string == "reviewed")
            #expect(try a.canonicalExport() == b.canonicalExport())
        }
    }
}
