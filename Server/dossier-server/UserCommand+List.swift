import ArgumentParser
import DossierCore
import DossierServer
import Foundation

extension DossierServerCommand.UserCommand {
    /// `dossier-server user list [--team T] [--keys] [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: name, team, role, created, revoked, last seen.",
                                                        discussion: "With --keys, list their device keys instead: one per replica.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only this team's users.") var team: String?
        @Flag(help: "List device keys: user, team, replica, public key, bound, revoked (after which log entry).") var keys = false
        @Flag(help: "Print one JSON array on stdout.") var json = false

        func run() async throws {
            if keys { return try await DeviceListing.print(storeOptions: storeOptions, team: team, json: json) }
            let users = try await storeOptions.withStore(logger: adminLogger()) { [team] store in try await store.users(team: team) }
            if json { return AdminOutput.json(users.map(UserLine.init)) }
            AdminOutput.table(["name", "team", "role", "created", "revoked", "last seen"], users.map { user in
                [user.name, user.team, user.role.rawValue, AdminOutput.time(user.createdAt), AdminOutput.time(user.revokedAt),
                 AdminOutput.time(user.lastSeenAt)]
            })
        }
    }
}

/// A user as `user list --json` prints them.
struct UserLine: Encodable {
    let name: String, team: String, role: String
    let createdAt: String, revokedAt: String?, lastSeenAt: String?

    init(_ user: UserListing) {
        name = user.name
        team = user.team
        role = user.role.rawValue
        createdAt = AdminOutput.time(user.createdAt)
        revokedAt = user.revokedAt.map(AdminOutput.time)
        lastSeenAt = user.lastSeenAt.map(AdminOutput.time)
    }

    enum CodingKeys: String, CodingKey {
        case name, team, role
        case createdAt = "created_at", revokedAt = "revoked_at", lastSeenAt = "last_seen_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(team, forKey: .team)
        try container.encode(role, forKey: .role)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(revokedAt, forKey: .revokedAt)
        try container.encode(lastSeenAt, forKey: .lastSeenAt)
    }
}

/// How admin commands print lists: aligned columns for people, JSON for scripts, times in ISO 8601 UTC.
enum AdminOutput {
    /// A time in ms as ISO 8601 UTC.
    static func time(_ millis: Int64) -> String { StoreClock.text(millis) }

    /// An optional time, or "-".
    static func time(_ millis: Int64?) -> String { millis.map(time) ?? "-" }

    /// Prints rows under a header, each column as wide as its widest cell.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            print(row.indices.map { $0 == row.count - 1 ? row[$0] : row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  "))
        }
    }

    /// Prints one JSON document on stdout.
    static func json<T: Encodable>(_ value: T) {
        print(String(decoding: CanonicalJSON.encodePretty(value), as: UTF8.self))
    }
}
