import DossierTestSupport
import Foundation
import Testing

/// An invitation from a server serving TLS carries its certificate's public-key pin, and that pin alone lets the client in.
@Suite struct TLSInvitationTests {
    /// The pin equals openssl's SPKI digest; `init --invite` then `sync` over HTTPS with no CA succeeds; without TLS, no pin.
    @Test(arguments: StoreKind.allCases) func invitationPinsTheSelfSignedCertificate(_ kind: StoreKind) async throws {
        let certificate = try SelfSignedCertificate.make()
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        // TeamServer.start takes no extra arguments (no `serve --public-url`), so the URL goes to `user add --server-url`.
        try await offPool { try server.start(tls: certificate.tls) }
        let url = server.url
        #expect(url.hasPrefix("https://127.0.0.1:"), "the server serves TLS: \(url)")

        let invitation = server.folder.file("amina.invitation")
        let token = try server.invite("amina", to: invitation, serverURL: url)
        let file = try InvitationFile(invitation)
        #expect(file["pin"] == certificate.pin, "the pin is sha256// of the certificate's SPKI: \(file.text)")
        #expect(file["server_url"] == url && file["token"] == token)

        let amina = try FieldLaptop("amina", in: server.folder)
        try amina.initialise(invite: invitation)
        try amina.add(SeedIncident.seed[0])
        let synced = try amina.run("sync")
        #expect(synced.status == 0, "the pin makes the self-signed certificate trusted, no CA configured: \(synced)")
        let status = try amina.status()
        #expect(status["confirmed"] as? Bool == true, "the sync over HTTPS confirms the account: \(status)")
        #expect(status["pending"] as? Int == 0, "\(status)")

        let omarToken = server.folder.file("omar.token")
        try Data(try server.invite("omar", to: server.folder.file("omar.invitation"), serverURL: url).utf8).write(to: omarToken)
        let unpinned = try FieldLaptop("unpinned", in: server.folder)
        let refused = try unpinned.run("init", "--server", url, "--token-file", omarToken.path, "--name", "unpinned")
        #expect(refused.status != 0 && refused.stderr.contains("certificate"),
                "without the pin the same self-signed certificate is not trusted: \(refused)")

        let port = server.port
        server.stop()
        try await offPool { try server.start(port: port) }
        #expect(server.url == "http://127.0.0.1:\(port)", "restarted without TLS: \(server.url)")
        let plain = server.folder.file("hamid.invitation")
        try server.invite("hamid", to: plain, serverURL: server.url)
        let plainFile = try InvitationFile(plain)
        #expect(plainFile.payload["pin"] == nil, "a server without TLS hands out no pin: \(plainFile.text)")
        #expect(plainFile["server_url"] == server.url)
    }
}
