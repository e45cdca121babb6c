import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A viewer reads the team's records and syncs, but an edit is refused when it is made: the message names the role and
/// what to ask for, nothing is recorded, and nothing can reach the server.
@Suite struct ViewerTests {
    /// vera (viewer) tries every kind of edit: exit 1, one line naming the viewer and editor roles, nothing pending; she still pulls.
    @Test func aViewersEditIsRefusedWhenItIsMade() throws {
        try TeamServer.with(users: [("amina", "editor"), ("vera", "viewer")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let v = try server.laptop(for: "vera", name: "laptopV")
            let analysis = try a.create("source", "add", "--kind", "news", "--outlet", "France 24",
                                        "--title", "a year after the fall of Kabul, the organization of the Islamic State in the ambush")
            try a.sync()
            try v.sync()
            #expect(try v.show(analysis)["fields"]?["outlet"]?.string == "France 24", "a viewer pulls")

            let edits: [[String]] = [
                ["quote", "add", "--source", analysis, "--speaker", "Wassim Nasr", "--text", "the fight against urban terrorism is another thing"],
                ["source", "edit", analysis, "--outlet", "France 24 (EN)"],
                ["annotate", analysis, "--note", "check the date of publication"],
                ["delete", analysis],
                ["incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26", "--place", "Kabul airport",
                 "--event-type", "Explosions/Remote violence"],
            ]
            for edit in edits {
                let refused = try v.run(edit)
                let what = edit.prefix(2).joined(separator: " ")
                #expect(refused.status == 1, "\(what): \(refused)")
                #expect(refused.stderrLines.count == 1 && refused.stderr.hasPrefix("error: "), "\(what): one line: \(refused.stderr)")
                #expect(refused.stderr.contains("viewer") && refused.stderr.contains("editor"), "\(what) names the roles: \(refused.stderr)")
                #expect(refused.stdout.isEmpty, "\(what): no id printed")
            }
            #expect(try v.pending() == 0, "nothing was recorded")
            #expect(try v.show(analysis)["fields"]?["outlet"]?.string == "France 24", "the source is unchanged")

            let interview = try a.create("source", "add", "--kind", "interview", "--outlet", "France 24",
                                         "--title", "Interview with Wassim Nasr on the IS group in Afghanistan")
            try a.sync()
            try v.sync()
            #expect(try v.show(interview)["fields"]?["kind"]?.string == "interview", "the viewer still receives the team's new work")
            #expect(try v.json("list", "sources").array?.count == 2)
        }
    }
}
