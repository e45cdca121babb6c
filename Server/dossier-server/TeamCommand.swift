import ArgumentParser
import DossierServer

extension DossierServerCommand {
    /// `dossier-server team …`.
    struct TeamCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "team", abstract: "Manage teams.", subcommands: [Add.self])
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
}
