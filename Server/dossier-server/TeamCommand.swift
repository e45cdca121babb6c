import ArgumentParser
import DossierServer

extension DossierServerCommand {
    /// `dossier-server team …`.
    struct TeamCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "team", abstract: "Manage teams.", subcommands: [Add.self, List.self])
    }
}

extension DossierServerCommand.TeamCommand {
    /// `dossier-server team add NAME`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a team.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The team's name.") var name: String

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the team needs a name") }
        }

        func run() async throws {
            let team = try await storeOptions.withStore(logger: adminLogger()) { [name] store in try await store.addTeam(named: name) }
            print("team \(team.name) added")
        }
    }

    /// `dossier-server team list [--json]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams: name, members, created.")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print one JSON array on stdout.") var json = false

        func run() async throws {
            let teams = try await storeOptions.withStore(logger: adminLogger()) { store in try await store.teams() }
            if json { return AdminOutput.json(teams.map(TeamLine.init)) }
            AdminOutput.table(["name", "members", "created"], teams.map { [$0.name, String($0.members), AdminOutput.time($0.createdAt)] })
        }
    }
}

/// A team as `team list --json` prints it.
struct TeamLine: Encodable {
    let name: String, members: Int, createdAt: String

    init(_ team: TeamListing) {
        name = team.name
        members = team.members
        createdAt = AdminOutput.time(team.createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case name, members
        case createdAt = "created_at"
    }
}
