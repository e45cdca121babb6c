import ArgumentParser
import DossierCore
import DossierServer
import Foundation

extension Role: ExpressibleByArgument {}

extension DossierServerCommand {
    /// `dossier-server user …`.
    struct UserCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users, their tokens and invitations.",
                                                        subcommands: [Add.self, Reissue.self, Revoke.self, List.self, RevokeKey.self])
    }
}

extension DossierServerCommand.UserCommand {
    /// `dossier-server user add NAME --team T --role R [--invite FILE]`: prints the token alone on the last line.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user and print their token (shown once; only its hash is stored); --invite also writes an invitation file.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The user's name: the author of their changes.") var name: String
        @Option(help: "The user's team.") var team: String
        @Option(help: "What they may do: admins and editors push and pull, viewers only pull.") var role: Role = .editor
        @OptionGroup var invitation: InvitationOptions

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("the user needs a name") }
        }

        func run() async throws {
            let token = AccessToken.generate()
            let member = try await storeOptions.withStore(logger: adminLogger()) { [name, team, role, invitation] store in
                try await invitation.provision(token, in: store) { credential in
                    try await store.addUser(named: name, team: team, role: role, credential: credential)
                }
            }
            print("user \(member.name) added to team \(member.team) as \(member.role.rawValue); their token (shown once):")
            print(token.description)
        }
    }

    /// `dossier-server user reissue NAME [--invite FILE]`: retires the user's token and prints a new one on the last line.
    struct Reissue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a user's token (a revoked user comes back) and print the new one; --invite also writes an invitation.",
            discussion: "The user keeps their replica: 'dossier login --invite FILE' (or --token-file) puts the new token on it.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The user's name.") var name: String
        @OptionGroup var invitation: InvitationOptions

        func run() async throws {
            let token = AccessToken.generate()
            let member = try await storeOptions.withStore(logger: adminLogger()) { [name, invitation] store in
                try await invitation.provision(token, in: store) { credential in try await store.reissueUser(named: name, credential: credential) }
            }
            print("user \(member.name) of team \(member.team) has a new token; the old one no longer works. Their token (shown once):")
            print(token.description)
        }
    }

    /// `dossier-server user revoke NAME`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a user's token; their changes stay ('user reissue' lets them back).")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The user's name.") var name: String

        func run() async throws {
            try await storeOptions.withStore(logger: adminLogger()) { [name] store in try await store.revokeUser(named: name) }
            print("user \(name) revoked")
        }
    }
}
