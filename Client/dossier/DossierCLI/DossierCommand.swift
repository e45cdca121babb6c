import ArgumentParser
import Foundation

/// `dossier`: the field client. Record offline, sync when you can.
@main
struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Record incidents, quotes, sources and actors offline; sync with your team's server.",
        discussion: """
            The replica is one SQLite file: --replica PATH, else $DOSSIER_REPLICA, else \
            ~/.local/share/dossier/replica.sqlite. Ids are accepted by unique prefix, like git.
            Exit codes: 0 success, 1 user error, 2 usage, 3 server unreachable (your work is kept), \
            4 a conflict or rejection that needs attention.
            """,
        subcommands: [
            InitCommand.self, SourceCommand.self, IncidentCommand.self, QuoteCommand.self, ActorCommand.self,
            AnnotateCommand.self, DeleteCommand.self, RestoreCommand.self, ListCommand.self, ShowCommand.self,
            SearchCommand.self, SyncCommand.self, StatusCommand.self, ConflictsCommand.self, ResolveCommand.self,
            ExportCommand.self, ImportCommand.self, DemoCommand.self,
        ]
    )

    /// Runs the command; errors become one line on stderr and the exit codes of SPEC §5.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(Failure.report(error, usage: { fullMessage(for: $0) }, exitCode: { exitCode(for: $0) }))
        }
    }
}
