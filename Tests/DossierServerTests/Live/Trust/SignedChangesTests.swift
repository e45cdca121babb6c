import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// Device keys and signed changes through the real binaries (SPEC §8.2): each replica's key is made at init (0600) and
/// bound at its first sync; `user list --keys` shows them; colleagues verify each other's changes, compare checkpoints,
/// and a revoked key's earlier changes stay valid while its new ones are refused. Both stores.
@Suite struct SignedChangesTests {
    @Test(arguments: StoreKind.allCases)
    func keysAreBoundChangesVerifyAndARevokedKeysNewChangesAreRefused(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let amina = try server.invitedLaptop("amina"), bilal = try server.invitedLaptop("bilal")
        for laptop in [amina, bilal] {
            let keyFile = laptop.replica.path + "-device-key"
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
            #expect((attributes[.posixPermissions] as? Int) == 0o600 && (attributes[.size] as? Int) == 32, "\(laptop.name)'s key file")
        }
        #expect(try bilal.sync()["pulled"] as? Int == 0)
        _ = try amina.add(SeedIncident.seed[0])
        _ = try amina.add(SeedIncident.seed[1])
        try amina.sync()
        _ = try bilal.add(SeedIncident.seed[3])
        #expect(try bilal.sync()["pulled"] as? Int == 2, "bilal verified and merged amina's signed changes")
        try amina.sync()

        let keys = try Parsed.array(server.admin(["user", "list", "--keys", "--json", "--store", server.store]))
        #expect(Set(keys.compactMap { $0["user"] as? String }) == ["amina", "bilal"])
        #expect(keys.allSatisfy { ($0["key"] as? String)?.hasPrefix("ed25519:") == true && $0["revoked_at"] is NSNull })

        for laptop in [amina, bilal] {
            let verified = try laptop.run("verify")
            #expect(verified.status == 0 && verified.stdout.hasPrefix("verified: 3 log entries"), "\(laptop.name): \(verified)")
            let full = try laptop.run("verify", "--full", "--json")
            #expect(full.status == 0, "\(full)")
            #expect(try Parsed.object(full)["signed"] as? Int == 3)
        }
        let checkpoint = server.folder.file("amina.checkpoint")
        try amina.ok("checkpoint").stdout.write(to: checkpoint, atomically: true, encoding: .utf8)
        let compared = try bilal.run("verify", "--checkpoint", checkpoint.path)
        #expect(compared.status == 0 && compared.stdout.contains("matches"), "\(compared)")

        let aminaReplica = try #require(keys.first { $0["user"] as? String == "amina" }?["replica"] as? String)
        let revoked = try server.admin(["user", "revoke-key", aminaReplica, "--store", server.store])
        #expect(revoked.status == 0 && revoked.stdout.contains("after log entry 3"), "\(revoked)")
        _ = try amina.add(SeedIncident.seed[2])
        let refused = try amina.run("sync")
        #expect(refused.status == 4 && refused.stderr.contains("device_revoked"), "\(refused)")
        #expect(try amina.pending() == 1, "the refused change stays in her outbox")
        #expect(try bilal.run("sync").status == 0, "changes signed before the revocation stay valid")
        #expect(try bilal.run("verify", "--full").status == 0)

        let key = try Data(contentsOf: URL(fileURLWithPath: amina.replica.path + "-device-key"))
        #expect(!server.log().contains(key.base64EncodedString()), "the private key never reaches the server's log")
    }
}
