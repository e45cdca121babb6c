import DossierTestSupport
import Foundation
import Testing

/// Neither side logs or prints a token after creating it: the server's trace log and every client output are free of them.
@Suite struct TokenLoggingTests {
    /// init, sync, reissue, login and a revoked sync: no token's secret in the server's trace log or any client output.
    @Test(arguments: StoreKind.allCases) func neitherSideLogsAToken(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start(logLevel: "trace") }
        var tokens: [String] = []
        var printed: [ProcessResult] = []
        func run(_ laptop: FieldLaptop, _ arguments: [String], environment: [String: String] = [:], expect status: Int32 = 0) throws {
            let result = try laptop.run(arguments, environment: environment)
            printed.append(result)
            #expect(result.status == status, "\(result)")
        }

        let invitation = server.folder.file("amina.invitation")
        tokens.append(try server.invite("amina", to: invitation, serverURL: server.url))
        let amina = try FieldLaptop("amina", in: server.folder)
        try run(amina, ["init", "--invite", invitation.path, "--name", "amina"])
        try run(amina, SeedIncident.seed[0].arguments)
        for arguments in [["sync"], ["status"], ["status", "--json"]] { try run(amina, arguments) }

        let reissued = server.folder.file("amina-2.invitation")
        tokens.append(try server.reissue("amina", to: reissued, serverURL: server.url))
        try run(amina, ["sync"], expect: 4)
        try run(amina, ["login", "--invite", reissued.path])
        try run(amina, SeedIncident.seed[1].arguments)
        try run(amina, ["sync"])
        let third = try server.admin(["user", "reissue", "amina"]).lastLine
        tokens.append(third)
        let tokenFile = try InvitationFile.write(third + "\n", named: "amina.token", in: server.folder)
        try run(amina, ["login", "--token-file", tokenFile.path])
        for arguments in [["sync"], ["status"], ["status", "--json"]] { try run(amina, arguments) }

        tokens.append(try server.addUser("bob", team: "kabul", role: "editor"))
        let bobFile = try InvitationFile.write(tokens.last! + "\n", named: "bob.token", in: server.folder)
        let bob = try FieldLaptop("bob", in: server.folder)
        try run(bob, ["init", "--server", server.url, "--token-file", bobFile.path, "--name", "bob"])
        try run(bob, ["sync"])
        tokens.append(try server.addUser("carol", team: "kabul", role: "viewer"))
        let carol = try FieldLaptop("carol", in: server.folder)
        try run(carol, ["init", "--server", server.url, "--name", "carol"], environment: ["DOSSIER_TOKEN": tokens.last!])
        try run(carol, ["sync"])
        try server.admin(["user", "revoke", "carol"])
        try run(carol, ["sync"], expect: 4)
        try run(carol, ["status", "--json"])
        server.stop()

        let log = server.log()
        #expect(log.contains("/v1/"), "the trace log shows the requests (else this test proves nothing):\n\(log.suffix(2_000))")
        for token in tokens {
            let secret = TokenText.secret(of: token)
            #expect(!log.contains(secret), "the server logged a token's secret part")
            for result in printed {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "a client printed a token: \(result.command)")
            }
        }
    }
}
