import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// Claims, retractions and grades are checked like any edit: a deleted record or an unknown claim is refused, and nothing is stored.
@Suite struct ClaimRulesTests {
    /// With the real `dossier` binary: what `incident edit` refuses, `claim`, `retract` and `source edit --reliability` refuse too.
    @Test func claimsRetractionsAndGradesOnADeletedRecordOrAnUnknownClaimAreRefused() throws {
        try TeamServer.with(users: [("amina", "editor")]) { server in
            let a = try server.laptop(for: "amina", name: "laptopA")
            let source = try a.create("source", "add", "--kind", "news", "--outlet", "France 24",
                                      "--title", "A year after the fall of Kabul, the Islamic State organization in ambush")
            let airport = try a.create("incident", "add", "--title", "Suicide attack at Kabul airport", "--date", "2021-08-26",
                                       "--place", "Kabul airport", "--event-type", "Explosions/Remote violence", "--source", source)
            try a.ok("incident", "claim", airport, "--killed", "185", "--source", source)
            let claim = try (a.show(airport)["fields"]?["casualties"]?.array?.first?["id"]?.string).orThrow("no claim id in show --json")

            var pending = try a.pending()
            try expectRefused(a.run("incident", "retract", airport, "001629936000000-000000-nosuchlaptop"), saying: "no claim", a, pending)
            try a.ok("incident", "retract", airport, claim)
            try a.ok("incident", "retract", airport, claim, "--reinstate")

            try a.ok("delete", airport)
            pending = try a.pending()
            try expectRefused(a.run("incident", "edit", airport, "--place", "entrance to Kabul airport"), saying: "deleted", a, pending)
            try expectRefused(a.run("incident", "claim", airport, "--killed", "170", "--source", source), saying: "deleted", a, pending)
            try expectRefused(a.run("incident", "retract", airport, claim), saying: "deleted", a, pending)
            #expect(try a.conflicts().isEmpty, "a refused claim opens no deleted-while-edited conflict")

            try a.ok("delete", source)
            pending = try a.pending()
            try expectRefused(a.run("source", "edit", source, "--reliability", "B"), saying: "deleted", a, pending)
        }
    }

    /// Exit 1 with one `error:` line naming why, and the outbox as it was.
    private func expectRefused(_ result: ProcessResult, saying reason: String, _ laptop: Laptop, _ pending: Int,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("error: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(reason), "\(result)", sourceLocation: sourceLocation)
        #expect(try laptop.pending() == pending, "nothing was stored: \(result.command)", sourceLocation: sourceLocation)
    }
}
