import DossierCore
import DossierTestSupport
import Foundation
import Testing

/// A revoked researcher is told what happened and loses nothing; a reissued invitation brings the same replica back in.
@Suite struct RevocationTests {
    /// A running server with team kabul, and amina, revoked after one sync, with two changes waiting in her outbox.
    struct Revoked {
        /// The running server.
        let server: TeamServer
        /// Amina's laptop.
        let amina: FieldLaptop
        /// The token of her first invitation.
        let token: String
        /// The change amina pushed before the revocation.
        let pushed: [String]
        /// The two changes waiting in her outbox.
        let waiting: [String]
        /// The incidents she recorded.
        let incidents: [String]
    }

    /// Sets up `Revoked` on a fresh store of a kind.
    static func revokedAmina(_ kind: StoreKind) async throws -> Revoked {
        let server = try await TeamServer.fresh(kind)
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let invitation = server.folder.file("amina.invitation")
        let token = try server.invite("amina", to: invitation, serverURL: server.url)
        let amina = try FieldLaptop("amina", in: server.folder)
        try amina.initialise(invite: invitation)
        var incidents = [try amina.add(SeedIncident.seed[0])]
        let pushed = try amina.outboxIDs()
        try amina.sync()
        incidents += [try amina.add(SeedIncident.seed[1]), try amina.add(SeedIncident.seed[2])]
        let waiting = try amina.outboxIDs()
        guard waiting.count == 2, try amina.pending() == 2 else { throw CommandFailed(description: "amina should have 2 changes waiting") }
        try server.admin(["user", "revoke", "amina"])
        return Revoked(server: server, amina: amina, token: token, pushed: pushed, waiting: waiting, incidents: incidents)
    }

    /// A revoked user's sync exits 4 with the contract's sentence (team, count 2) and the outbox keeps both changes.
    @Test(arguments: StoreKind.allCases) func aRevokedSyncExplainsItselfAndKeepsTheOutbox(_ kind: StoreKind) async throws {
        let revoked = try await Self.revokedAmina(kind)
        defer { revoked.server.stop() }
        let refused = try revoked.amina.run("sync")
        #expect(refused.status == 4, "\(refused)")
        #expect(refused.stderr == "error: your access to team kabul was revoked; 2 changes are kept in this replica; ask your team admin "
                + "for a new invitation, then run `dossier login --invite FILE`\n", "\(refused)")
        #expect(try revoked.amina.pending() == 2)
        #expect(try revoked.amina.outboxIDs() == revoked.waiting)
        #expect(try revoked.amina.run("list", "incidents").status == 0, "the replica still works offline")
    }

    /// Reissue + `login --invite`: same replica, old token refused, wrong logins change nothing, waiting changes pushed once.
    @Test(arguments: StoreKind.allCases) func reissueAndLoginPushTheWaitingChangesExactlyOnce(_ kind: StoreKind) async throws {
        let revoked = try await Self.revokedAmina(kind)
        let (server, amina) = (revoked.server, revoked.amina)
        defer { server.stop() }
        let fresh = server.folder.file("amina-2.invitation")
        let newToken = try server.reissue("amina", to: fresh, serverURL: server.url)
        #expect(newToken != revoked.token)
        #expect(try InvitationFile(fresh)["token"] == newToken)
        #expect(try Self.httpStatus(server.url + "/v1/status", token: revoked.token) == "401", "the old token no longer works")
        #expect(try Self.httpStatus(server.url + "/v1/status", token: newToken) == "200")
        #expect(try amina.run("sync").status == 4, "before login the replica still holds the old token")

        try server.addTeam("herat")
        let bob = server.folder.file("bob.invitation"), hamid = server.folder.file("hamid.invitation")
        let bobToken = try server.invite("bob", to: bob, serverURL: server.url)
        try server.invite("hamid", team: "herat", to: hamid, serverURL: server.url)
        let elsewhere = try await TeamServer.fresh(kind)
        try elsewhere.addTeam("kabul")
        let otherServer = elsewhere.folder.file("amina-elsewhere.invitation")
        try elsewhere.invite("amina", to: otherServer, serverURL: server.url)
        let rowBefore = try amina.settingsRow()
        let statusBefore = try amina.ok("status", "--json").stdout
        for (label, file) in [("another user", bob), ("another team", hamid), ("another server's key", otherServer)] {
            let refused = try amina.run("login", "--invite", file.path)
            #expect(refused.status == 1, "\(label): \(refused)")
            #expect(refused.stderrLines.count == 1 && refused.stderr.hasPrefix("error: "), "\(label): \(refused.stderr)")
            #expect(try amina.settingsRow() == rowBefore, "\(label): the replica's settings are unchanged")
            #expect(try amina.ok("status", "--json").stdout == statusBefore, "\(label): status is unchanged")
        }

        let login = try amina.run("login", "--invite", fresh.path)
        #expect(login.status == 0, "\(login)")
        #expect(!login.stdout.contains(newToken) && !login.stderr.contains(newToken), "login never prints the token")
        let rowAfter = try amina.settingsRow()
        #expect(rowAfter["replica"] == rowBefore["replica"] && rowAfter["author"] == "amina", "the same replica, the same author")
        #expect(try amina.outboxIDs() == revoked.waiting, "the outbox is kept")
        let status = try amina.status()
        #expect(status["author"] as? String == "amina" && status["pending"] as? Int == 2, "\(status)")

        let first = try amina.sync()
        #expect(first["pushed"] as? Int == 2, "the two waiting changes go now: \(first)")
        #expect(try amina.status()["confirmed"] as? Bool == true)
        let second = try amina.sync()
        #expect(second["pushed"] as? Int == 0 && second["alreadyHad"] as? Int ?? 0 == 0, "and never again: \(second)")
        #expect(try amina.pending() == 0)

        let log = try Self.serverLog(server.url, token: bobToken)
        let logged = log.map { "\($0.id)" }
        #expect(logged.count == 3 && Set(logged).count == 3, "the server's log holds 3 changes, each once: \(logged)")
        #expect(Set(logged) == Set(revoked.pushed + revoked.waiting), "\(logged)")
        #expect(log.allSatisfy { $0.author == "amina" })
        let reader = try FieldLaptop("bob", in: server.folder)
        try reader.initialise(invite: bob)
        try reader.sync()
        let incidents = try reader.incidents()
        #expect(Set(incidents.compactMap { $0["id"] as? String }) == Set(revoked.incidents))
        #expect(incidents.allSatisfy { $0["created_by"] as? String == "amina" })
    }

    /// Every change in the server's log, pulled with `curl` from `/v1/changes` (one page is plenty here).
    static func serverLog(_ url: String, token: String) throws -> [Change] {
        let pulled = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"),
                                           ["-sS", "--compressed", "-H", "Authorization: Bearer \(token)", "\(url)/v1/changes?after=0&limit=500"])
        let page = try PullPage(json: pulled.stdoutData)
        guard !page.more else { throw CommandFailed(description: "the log has more than one page") }
        return try page.changes
    }

    /// An invitation first used after it expired: `sync` exits 4 saying "expired" and that the changes are kept.
    @Test(arguments: StoreKind.allCases) func anInvitationExpiredAtFirstContactLosesNothing(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        try server.addTeam("kabul")
        try await offPool { try server.start() }
        let invitation = server.folder.file("amina.invitation")
        let issued = Date()
        try server.invite("amina", to: invitation, serverURL: server.url, expires: "3s")
        let amina = try FieldLaptop("amina", in: server.folder)
        try amina.initialise(invite: invitation)
        try amina.add(SeedIncident.seed[0])
        try await Task.sleep(for: .seconds(max(0, 4.5 - Date().timeIntervalSince(issued))))
        let late = try amina.run("sync")
        #expect(late.status == 4, "\(late)")
        #expect(late.stderrLines.count == 1 && late.stderr.hasPrefix("error: "), "\(late.stderr)")
        #expect(late.stderr.contains("expired") && late.stderr.contains("kept in this replica"), "\(late.stderr)")
        #expect(try amina.pending() == 1)
        #expect(try amina.status()["confirmed"] as? Bool == false)

        let fresh = server.folder.file("amina-2.invitation")
        try server.reissue("amina", to: fresh, serverURL: server.url)
        try amina.ok("login", "--invite", fresh.path)
        #expect(try amina.sync()["pushed"] as? Int == 1, "the kept change goes with the new invitation")
    }

    /// The HTTP status `curl` gets for a GET with a bearer token.
    static func httpStatus(_ url: String, token: String) throws -> String {
        try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/curl"),
                              ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(token)", url]).stdout
    }
}
