import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A sync says what it did, conflicts included: three concurrent place edits make the next sync exit 4 with
/// "N new conflicts — dossier conflicts", and `--json` names them; a sync that opens none exits 0.
@Suite struct SyncReportTests {
    @Test func aSyncThatOpensConflictsSaysSoAndExits4() throws {
        try TeamServer.with(users: [("amina", "editor"), ("bilal", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let b = try server.laptop(for: "bilal", name: "laptopB")
            let base = try KabulBase.record(on: a)
            try a.sync()
            try b.sync()
            for (id, place) in [(base.airport, "Abbey Gate, Kabul airport"), (base.toraBora, "Tora Bora, Achin"),
                                (base.shiiteNeighbourhood, "Dasht-e Barchi, Kabul")] {
                try a.ok("incident", "edit", id, "--place", place)
                try b.ok("incident", "edit", id, "--place", place + " (as reported)")
            }
            let pushed = try a.run("sync")
            #expect(pushed.status == 0, "pushing opens nothing on amina's side: \(pushed)")
            let report = try b.run("sync", "--json")
            #expect(report.status == 4, "\(report)")
            let summary = try JSONValue.parse(report.stdoutData, context: report.command)
            let opened = summary["newConflicts"]?.array?.compactMap(\.string) ?? []
            #expect(Set(opened) == Set([base.airport, base.toraBora, base.shiiteNeighbourhood].map { "\($0) place" }), "\(summary)")
            #expect(report.stderr.contains("3 new conflict"), "the reason is on stderr: \(report.stderr)")

            try b.ok("incident", "edit", base.airport, "--summary", "A suicide bomber struck near Abbey Gate")
            try b.ok("sync")
            let line = try a.run("sync")
            #expect(line.status == 4 && line.stdout.contains("pulled 4") && line.stdout.contains("3 new conflicts — dossier conflicts"),
                    "amina hears of the three conflicts bilal's changes opened: \(line)")
            let quiet = try a.run("sync")
            #expect(quiet.status == 0 && !quiet.stdout.contains("conflict"), "open conflicts are not new ones: \(quiet)")
            #expect(try a.conflicts().count == 3)
        }
    }
}
