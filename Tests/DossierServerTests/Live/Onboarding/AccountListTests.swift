import DossierTestSupport
import Foundation
import Testing

/// `dossier-server user list` and `team list`: who is in which team, who was revoked, and who was last seen when.
@Suite struct AccountListTests {
    /// Last seen is null before amina's first sync, recent after it; `--team` filters; revocations and member counts show.
    @Test(arguments: StoreKind.allCases) func userListShowsLastSeenAfterActivity(_ kind: StoreKind) async throws {
        let server = try await TeamServer.fresh(kind)
        defer { server.stop() }
        for team in ["kabul", "herat"] { try server.addTeam(team) }
        try await offPool { try server.start() }
        let invitation = server.folder.file("amina.invitation")
        try server.invite("amina", role: "editor", to: invitation, serverURL: server.url)
        try server.invite("omar", role: "viewer", to: server.folder.file("omar.invitation"), serverURL: server.url)
        try server.invite("hamid", team: "herat", role: "editor", to: server.folder.file("hamid.invitation"), serverURL: server.url)

        let amina = try FieldLaptop("amina", in: server.folder)
        try amina.initialise(invite: invitation)
        try amina.add(SeedIncident.seed[0])
        let beforeSync = try Self.byName(server.userList())
        #expect(Set(beforeSync.keys) == ["amina", "omar", "hamid"])
        #expect(beforeSync["amina"]?["last_seen_at"] is NSNull, "init --invite makes no request: \(beforeSync["amina"] ?? [:])")
        let start = Date()
        try amina.sync()

        let users = try Self.byName(server.userList())
        let seen = try #require(users["amina"]?["last_seen_at"] as? String, "amina was seen: \(users["amina"] ?? [:])")
        let when = try #require(ISO8601DateFormatter().date(from: seen), "an ISO 8601 time: \(seen)")
        #expect(abs(when.timeIntervalSince(start)) < 120, "seen at \(seen), synced at \(start)")
        #expect(users["hamid"]?["last_seen_at"] is NSNull && users["omar"]?["last_seen_at"] is NSNull)
        #expect(users["amina"]?["team"] as? String == "kabul" && users["amina"]?["role"] as? String == "editor")
        #expect(users.values.allSatisfy { $0["revoked_at"] is NSNull })
        for user in users.values {
            let created = user["created_at"] as? String
            #expect(created.flatMap { ISO8601DateFormatter().date(from: $0) } != nil, "created_at is ISO 8601: \(user)")
            #expect(Set(user.keys).isSuperset(of: ["name", "team", "role", "created_at", "revoked_at", "last_seen_at"]), "\(user.keys.sorted())")
        }
        #expect(Set(try server.userList(team: "kabul").compactMap { $0["name"] as? String }) == ["amina", "omar"])
        #expect(try server.userList(team: "herat").compactMap { $0["name"] as? String } == ["hamid"])

        let table = try server.admin(["user", "list"]).stdout
        let header = try #require(table.split(separator: "\n").first).lowercased()
        for column in ["name", "team", "role", "created", "revoked", "last seen"] {
            #expect(header.contains(column), "the table has a '\(column)' column: \(header)")
        }
        let hamidRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("hamid") }, "\(table)")
        #expect(hamidRow.split(separator: " ").filter { $0 == "-" }.count == 2, "never revoked, never seen: \(hamidRow)")
        #expect(!table.contains("dsr_"), "no token in the listing")
        let herat = try server.admin(["user", "list", "--team", "herat"]).stdout
        #expect(herat.contains("hamid") && !herat.contains("amina"), "\(herat)")

        let teams = try Self.byName(server.teamList())
        #expect(teams["kabul"]?["members"] as? Int == 2 && teams["herat"]?["members"] as? Int == 1, "\(teams)")
        #expect(teams.values.allSatisfy { ($0["created_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil })
        let teamTable = try server.admin(["team", "list"]).stdout
        let kabulRow = try #require(teamTable.split(separator: "\n").first { $0.hasPrefix("kabul") }, "\(teamTable)")
        #expect(kabulRow.split(separator: " ").contains("2"), "kabul has 2 members: \(kabulRow)")

        try server.admin(["user", "revoke", "omar"])
        let omar = try #require(Self.byName(server.userList())["omar"])
        let revoked = try #require(omar["revoked_at"] as? String, "omar's revocation shows: \(omar)")
        #expect(ISO8601DateFormatter().date(from: revoked) != nil && omar["last_seen_at"] is NSNull)
        let omarRow = try #require(try server.admin(["user", "list"]).stdout.split(separator: "\n").first { $0.hasPrefix("omar") })
        #expect(omarRow.split(separator: " ").filter { $0 == "-" }.count == 1, "revoked, never seen: \(omarRow)")
    }

    /// Objects keyed by their "name".
    static func byName(_ objects: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(objects.compactMap { object in (object["name"] as? String).map { ($0, object) } }, uniquingKeysWith: { first, _ in first })
    }
}
