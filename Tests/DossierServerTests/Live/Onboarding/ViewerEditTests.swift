import DossierTestSupport
import Foundation
import Testing

/// A viewer is refused at the moment of an edit, on the laptop, with a sentence naming the role; reading and syncing work.
@Suite struct ViewerEditTests {
    /// vera's adds, edits, annotations and deletes exit 1 naming "viewer", record nothing; `sync`, `list`, `show` work.
    @Test(arguments: StoreKind.allCases) func aViewersEditIsRefusedLocally(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let aminaInvitation = server.folder.file("amina.invitation"), veraInvitation = server.folder.file("vera.invitation")
        try server.invite("amina", role: "editor", to: aminaInvitation, serverURL: server.url)
        try server.invite("vera", role: "viewer", to: veraInvitation, serverURL: server.url)
        let amina = try FieldLaptop("amina", in: server.folder)
        try amina.initialise(invite: aminaInvitation)
        let incident = try amina.add(SeedIncident.seed[0])
        try amina.sync()

        let vera = try FieldLaptop("vera", in: server.folder)
        try vera.initialise(invite: veraInvitation)
        #expect(try vera.status()["role"] as? String == "viewer")
        let first = try vera.run(SeedIncident.seed[3].arguments)
        #expect(first.status == 1, "a viewer's incident add is refused before the server sees it: \(first)")
        #expect(first.stderrLines.count == 1 && first.stderr.hasPrefix("error: "), "one line: \(first.stderr)")
        #expect(first.stderr.contains("viewer"), "the sentence names the role: \(first.stderr)")
        #expect(first.stdout.isEmpty, "no id is printed for a change that was not made: \(first.stdout)")
        #expect(try vera.pending() == 0)

        let synced = try vera.run("sync")
        #expect(synced.status == 0, "a viewer syncs: \(synced)")
        #expect(try vera.incidents().compactMap { $0["id"] as? String } == [incident], "and reads the team's incidents")
        #expect(try vera.run("show", incident).status == 0)

        let edits: [[String]] = [
            ["source", "add", "--kind", "news", "--outlet", "France 24",
             "--title", "a year after the fall of Kabul, the organization of the Islamic State in the ambush"],
            ["actor", "add", "--name", "Islamic State in Khorasan", "--kind", "organisation"],
            ["incident", "edit", incident, "--title", "حمله انتحاری در میدان هوایی کابل"],
            ["annotate", incident, "--note", "185 killed per S000"],
            ["delete", incident],
        ]
        for edit in edits {
            let refused = try vera.run(edit)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.contains("viewer"), "\(edit[0]) \(edit[1]): \(refused.stderr)")
        }
        #expect(try vera.pending() == 0, "nothing was recorded")
        let listed = try vera.run("list", "incidents")
        #expect(listed.status == 0 && listed.stdout.contains(SeedIncident.seed[0].title), "\(listed)")
        #expect(try vera.run("sync").status == 0)
        #expect(try amina.sync()["pulled"] as? Int == 0, "nothing of vera's reached the server")
    }
}
