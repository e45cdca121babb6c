import ArgumentParser
import DossierCore
import DossierServer

extension Role: ExpressibleByArgument {}

extension DossierServerCommand {
    /// `dossier-server user …`.
    struct UserCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users and their tokens.",
                                                        subcommands: [Add.self, Revoke.self])
    }
}

extension DossierServerCommand.UserCommand {
    /// `dossier-server user add NAME --team T --role R`: prints the token alone on the last line.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print their token (shown once; only its hash is stored).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The user's name: the author of their changes.") var name: String
        @Option(help: "The user's team.") var team: String
        @Option(help: "What they may do: admins and editors push and pull, viewers only pull.") var role: Role = .editor

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the user needs a name") }
        }

        func run() async throws {
            let token = AccessToken.generate()
            let member = try await storeOptions.withStore(logger: adminLogger()) { [name, team, role] store in
                try await store.addUser(named: name, team: team, role: role, credential: token.stored)
            }
            print("user \(member.name) added to team \(member.team) as \(member.role.rawValue); their token (shown once):")
            print(token.description)
        }
    }

    /// `dossier-server user revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user's token; their changes stay.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            try await storeOptions.withStore(logger: adminLogger()) { [name] store in try await store.revokeUser(named: name) }
            print("user \(name) revoked")
        }
    }
}
