import ArgumentParser
import DossierCore
import Foundation

/// `dossier-server`: the Dossier team server and its admin commands.
@main
struct DossierServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-server",
        abstract: "The Dossier team server: sync for field researchers' replicas.",
        discussion: """
            Every subcommand takes --store (or $DOSSIER_STORE): sqlite:PATH (the default, dossier-server.sqlite \
            in the current folder) or postgres://USER@HOST:PORT/DATABASE. Admin commands work on a store the \
            server is using. Exit codes: 0 success, 1 error, 2 usage; errors are one line on stderr.
            """,
        version: DossierVersion.current,
        subcommands: [Serve.self, TeamCommand.self, UserCommand.self, ServerKeyCommand.self]
    )

    /// Runs the command; help and --version go to stdout with exit 0, a usage error is one line on stderr with exit 2.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let text = message(for: error).split(whereSeparator: \.isNewline).joined(separator: " ")
            FileHandle.standardError.write(Data("error: \(text) — see '\(commandPath(of: arguments)) --help'\n".utf8))
            Foundation.exit(2)
        }
    }

    /// The (sub)command the arguments run, from the root down: "dossier-server user add".
    static func commandPath(of arguments: [String]) -> String {
        var command: any ParsableCommand.Type = DossierServerCommand.self
        var path = [_commandName]
        for argument in arguments {
            guard let next = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
            command = next
            path.append(argument)
        }
        return path.joined(separator: " ")
    }
}
