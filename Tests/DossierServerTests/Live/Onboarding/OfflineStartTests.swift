import DossierTestSupport
import Foundation
import Testing

/// A researcher handed only an invitation file starts with no network, records the seed incidents, and syncs them later.
@Suite struct OfflineStartTests {
    /// `init --invite` with nothing listening, seed incidents recorded, then the server starts, `sync` confirms, omar pulls them.
    @Test(arguments: StoreKind.allCases) func startOfflineThenSyncWhenTheServerAppears(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        let port = try server.reservePort()
        let url = "http://127.0.0.1:\(port)"
        let invitation = server.folder.file("amina.invitation")
        let token = try server.invite("amina", role: "editor", to: invitation, serverURL: url)
        let file = try InvitationFile(invitation)
        #expect(try file.permissions == 0o600, "the invitation holds a token: mode 0600")
        #expect(file["server_url"] == url && file["team"] == "kabul" && file["user"] == "amina" && file["role"] == "editor")
        #expect(file["token"] == token)
        #expect(!Self.listening(on: port), "nothing may listen on \(port) while amina starts")

        let amina = try FieldLaptop("amina", in: server.folder)
        let started = try amina.run("init", "--invite", invitation.path, "--name", "amina")
        #expect(started.status == 0, "init --invite needs no network: \(started)")
        #expect(!started.stdout.contains(token) && !started.stderr.contains(token), "init never prints the token")
        var ids: [String] = []
        for incident in SeedIncident.seed { ids.append(try amina.add(incident)) }
        #expect(try amina.pending() == SeedIncident.seed.count)

        let text = try amina.ok("status").stdout
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        for line in ["author: amina", "team: kabul", "role: editor", "server: \(url)",
                     "account: not confirmed yet (the next sync confirms it)"] {
            #expect(lines.contains(line), "status lacks '\(line)':\n\(text)")
        }
        #expect(!text.contains(token), "status never prints the token")
        let before = try amina.status()
        #expect(before["author"] as? String == "amina" && before["team"] as? String == "kabul")
        #expect(before["role"] as? String == "editor" && before["server"] as? String == url)
        #expect(before["confirmed"] as? Bool == false, "\(before)")

        try await offPool { try server.start(port: port) }
        let synced = try amina.run("sync")
        #expect(synced.status == 0, "\(synced)")
        let after = try amina.status()
        #expect(after["confirmed"] as? Bool == true, "the first sync confirms the account: \(after)")
        #expect(after["pending"] as? Int == 0)
        #expect(try amina.ok("status").stdout.contains("account: confirmed"))

        let omarInvitation = server.folder.file("omar.invitation")
        try server.invite("omar", role: "viewer", to: omarInvitation, serverURL: url)
        let omar = try FieldLaptop("omar", in: server.folder)
        try omar.initialise(invite: omarInvitation)
        try omar.sync()
        let pulled = try omar.incidents()
        #expect(Set(pulled.compactMap { $0["id"] as? String }) == Set(ids), "omar pulls exactly amina's incidents")
        #expect(pulled.allSatisfy { $0["created_by"] as? String == "amina" }, "amina is the author of each: \(pulled)")
        let titles = Set(pulled.compactMap { ($0["fields"] as? [String: Any])?["title"] as? String })
        #expect(titles == Set(SeedIncident.seed.map(\.title)), "titles arrive byte for byte (Dari, Pashto)")
        let summaries = Set(pulled.compactMap { ($0["fields"] as? [String: Any])?["summary"] as? String })
        #expect(summaries == Set(SeedIncident.seed.map(\.summary)))
    }

    /// `server-key` prints the same `ed25519:` key twice, the invitation carries it, and the private half is in no output.
    @Test(arguments: StoreKind.allCases) func theServerKeyIsStableAndOnlyItsPublicHalfIsShown(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        let first = try server.adminResult(["server-key"])
        #expect(first.status == 0, "\(first)")
        let key = first.lastLine
        #expect(key.hasPrefix("ed25519:"), "\(first)")
        let base64 = String(key.dropFirst("ed25519:".count))
        #expect(base64.count == 44 && Data(base64Encoded: base64)?.count == 32, "44 base64 characters of 32 bytes: \(key)")
        let second = try server.adminResult(["server-key"])
        #expect(second.lastLine == key, "the key is made once per store")

        try server.addTeam("kabul")
        let invitation = server.folder.file("amina.invitation")
        let added = try server.adminResult(["user", "add", "amina", "--team", "kabul", "--role", "editor", "--invite", invitation.path,
                                            "--server-url", "http://127.0.0.1:9"])
        #expect(added.status == 0, "\(added)")
        #expect(try InvitationFile(invitation)["server_key"] == key)
        try await offPool { try server.start(logLevel: "trace") }
        let listed = try server.adminResult(["user", "list", "--json"])
        let teams = try server.adminResult(["team", "list"])
        server.stop()
        #expect(try server.serverKey() == key, "serving does not change the key")

        let secret = try await server.identityPrivateKey()
        #expect(secret.count == 32, "an Ed25519 private key is 32 bytes")
        let forms = [secret.base64EncodedString(), secret.map { String(format: "%02x", $0) }.joined(),
                     secret.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                        .replacingOccurrences(of: "=", with: "")]
        var outputs = [("the serve log", server.log()), ("the invitation", try InvitationFile(invitation).text)]
        for result in [first, second, added, listed, teams] { outputs += [(result.command, result.stdout + result.stderr)] }
        for (index, form) in forms.enumerated() {
            for (label, text) in outputs where text.contains(form) {
                Issue.record("the private key (form \(index)) appears in \(label)")
            }
        }
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func listening(on port: Int) -> Bool {
        (try? RawSocket.exchange(port: port, Array("GET / HTTP/1.0\r\n\r\n".utf8), shutWriting: true, timeout: 2)) != nil
    }
}
