import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A viewer reads the team's records but cannot push: the refusal is clear, nothing reaches the server, nothing is lost.
@Suite struct ViewerTests {
    /// vera (viewer) records a quote and syncs: exit 4 naming the viewer/editor roles; amina pulls nothing; vera's outbox keeps it.
    @Test func aViewersPushIsRefusedWithAClearMessage() throws {
        try TeamServer.with(users: [("amina", "editor"), ("vera", "viewer")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let v = try server.laptop(for: "vera", name: "laptopV")
            let analysis = try a.create("source", "add", "--kind", "news", "--outlet", "France 24",
                                        "--title", "a year after the fall of Kabul, the organization of the Islamic State in the ambush")
            try a.sync()
            try v.sync()
            #expect(try v.show(analysis)["fields"]?["outlet"]?.string == "France 24", "a viewer pulls")

            let quote = try v.create("quote", "add", "--source", analysis, "--speaker", "Wassim Nasr",
                                     "--speaker-role", "France 24 journalist",
                                     "--text", "the fight against urban terrorism is another thing")
            let pending = try v.pending()
            #expect(pending >= 1)

            let refused = try v.run("sync")
            #expect(refused.status == 4, "\(refused)")
            #expect(refused.stderrLines.count == 1, "one line on stderr: \(refused.stderr)")
            #expect(refused.stderr.hasPrefix("error: "))
            #expect(refused.stderr.lowercased().contains("viewer"), "the message says why: \(refused.stderr)")
            #expect(refused.stderr.lowercased().contains("editor"), "the message says what to ask for: \(refused.stderr)")
            #expect(try v.pending() == pending, "the refused change stays in the outbox")

            let refusedJSON = try v.run("sync", "--json")
            #expect(refusedJSON.status == 4)
            let summary = try JSONValue.parse(refusedJSON.stdoutData, context: refusedJSON.command)
            #expect(summary["pushed"]?.int == 0)

            let nothing = try a.json("sync")
            #expect(nothing["pulled"]?.int == 0, "nothing of vera's reached the server: \(nothing)")
            let lookup = try a.run("show", quote)
            #expect(lookup.status == 1, "amina does not have vera's quote: \(lookup)")
            #expect(try v.show(quote)["fields"]?["speaker"]?.string == "Wassim Nasr", "vera keeps her quote locally")

            // The viewer still receives the team's new work, even with a refused outbox.
            let interview = try a.create("source", "add", "--kind", "interview", "--outlet", "France 24",
                                         "--title", "Interview with Wassim Nasr on the IS group in Afghanistan")
            try a.sync()
            let again = try v.run("sync")
            #expect(again.status == 4)
            #expect(try v.show(interview)["fields"]?["kind"]?.string == "interview")
            #expect(try v.pending() == pending)
        }
    }
}
