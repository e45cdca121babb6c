import DossierServer
import DossierTestSupport
import Foundation
import Testing

/// A team log changed directly in the server's database (an entry edited, deleted, or two swapped) while the server was
/// stopped: the restarted server says so in its log, and every replica that saw the earlier history refuses the new one at
/// its next sync, naming the entry, storing nothing and keeping its outbox; a new replica's `verify --full` names it from the
/// changes' signatures and chains. Real binaries, both stores.
@Suite struct HistoryTamperTests {
    @Test(arguments: StoreKind.allCases, LogRehashContractTests.Tamper.allCases)
    func aHistoryChangedInTheDatabaseStopsEveryReplicasNextSync(_ kind: StoreKind, _ tamper: LogRehashContractTests.Tamper) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let amina = try server.invitedLaptop("amina"), bilal = try server.invitedLaptop("bilal")
        _ = try amina.add(SeedIncident.seed[0])
        try amina.sync()
        #expect(try bilal.sync()["bootstrapped"] as? Int == 1, "bilal starts from a snapshot at entry 1…")
        for incident in SeedIncident.seed.dropFirst() { _ = try amina.add(incident) }
        try amina.sync()
        #expect(try bilal.sync()["pulled"] as? Int == 3, "…and pulls entries 2 to 4")
        #expect(try amina.run("sync").status == 0, "an unchanged history verifies")

        server.stop()
        try await server.location().withStore(logger: TestStores.logger) { store in
            for statement in tamper.statements { try await TestStores.execute(statement, on: store) }
        }
        try await offPool { try server.start(port: server.port) }
        #expect(server.logLines(at: ["error"]).contains { $0.contains("team kabul") && $0.contains("entry 2") },
                "the restarted server reports the damage: \(server.log())")

        _ = try amina.add(SeedIncident(title: "Attack on a girls' school in Kabul", date: "2022-09-30", place: "Kabul",
                                       subEventType: "Suicide bomb", summary: "A waiting change."))
        let bilalBefore = try bilal.incidents().count
        for laptop in [amina, bilal] {
            let refused = try laptop.run("sync")
            #expect(refused.status == 4, "\(laptop.name): \(refused)")
            #expect(refused.stderrLines.first?.contains("the team server's history changed since your last sync (entry 2)") == true,
                    "\(laptop.name) names the entry: \(refused.stderr)")
        }
        #expect(try amina.pending() == 1, "amina's waiting change stays in her outbox")
        #expect(try bilal.incidents().count == bilalBefore, "nothing was stored")
        #expect(try amina.run("sync").status == 4, "and the next sync refuses it again")

        // A replica that never saw the earlier history finds the damage in the changes' signatures and chains.
        let carla = try server.invitedLaptop("carla")
        try carla.sync()
        let full = try carla.run("verify", "--full")
        #expect(full.status == 4, "\(full)")
        #expect(full.stdout.contains("PROBLEM entry 2"), "verify --full names the entry: \(full.stdout)")
    }
}
