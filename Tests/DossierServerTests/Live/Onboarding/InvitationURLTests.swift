import DossierTestSupport
import Foundation
import Testing

/// Which address an invitation names without `--server-url`: the remembered `serve --public-url`, else where `serve` last
/// listened; with neither, `user add --invite` fails before adding anyone.
@Suite struct InvitationURLTests {
    @Test(arguments: StoreKind.allCases) func anInvitationNamesWhereTheServerWasLastReachable(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        let early = server.folder.file("early.invitation")
        let refused = try ProcessRunner.run(Binaries.server, ["user", "add", "amina", "--team", "kabul", "--invite", early.path,
                                                              "--store", server.store])
        #expect(refused.status == 1 && refused.stderrLines.count == 1, "\(refused)")
        #expect(refused.stderr.contains("--server-url"), "the message says what to pass: \(refused.stderr)")
        #expect(try server.userList().isEmpty, "nobody was added")
        #expect(!FileManager.default.fileExists(atPath: early.path))

        try server.start()
        server.stop()
        let later = server.folder.file("later.invitation")
        try server.admin(["user", "add", "amina", "--team", "kabul", "--invite", later.path])
        #expect(try InvitationFile(later)["server_url"] == server.url, "the address serve listened at")
    }
}
