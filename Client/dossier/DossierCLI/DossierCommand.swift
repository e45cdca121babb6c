import ArgumentParser
import DossierCore
import Foundation

/// `dossier`: the field client. Record offline, sync when you can.
public struct DossierCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Record incidents, quotes, sources and actors offline; sync with your team's server.",
        discussion: """
            The replica is one SQLite file: --replica PATH, else $DOSSIER_REPLICA, else \
            ~/.local/share/dossier/replica.sqlite. Ids are accepted by unique prefix, like git.
            Exit codes: 0 success, 1 user error, 2 usage, 3 server unreachable (your work is kept), \
            4 something needs attention: a sync that opened new conflicts, or a refused change or account.
            """,
        version: DossierVersion.current,
        subcommands: [
            InitCommand.self, LoginCommand.self, SourceCommand.self, IncidentCommand.self, QuoteCommand.self, ActorCommand.self,
            AnnotateCommand.self, AnnotationCommand.self, AttachCommand.self, CustodyCommand.self, FetchCommand.self, OpenCommand.self, DeleteCommand.self, RestoreCommand.self, ListCommand.self, ShowCommand.self,
            SearchCommand.self, SyncCommand.self, StatusCommand.self, ConflictsCommand.self, ResolveCommand.self,
            ExportCommand.self, VerifyCommand.self, CheckpointCommand.self, ImportCommand.self, DemoCommand.self,
        ]
    )

    /// The root command (it only dispatches to its subcommands).
    public init() {}

    /// Runs the arguments after the program's name; help and `--version` go to stdout, errors to stderr; returns the exit code.
    public static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return Failure.report(error, arguments: arguments)
        }
    }
}
