import ArgumentParser
import DossierReplica
import Foundation

/// `--replica PATH`, shared by every command.
struct ReplicaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The replica file (default: $DOSSIER_REPLICA, else ~/.local/share/dossier/replica.sqlite).",
                                            valueName: "path"))
    var replica: String?

    /// The replica's path.
    var path: String {
        if let replica { return replica }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DOSSIER_REPLICA"], !fromEnvironment.isEmpty { return fromEnvironment }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/dossier/replica.sqlite"
    }

    /// Opens the replica.
    func open() throws -> Replica { try Replica.open(path: path) }
}

/// `--json`, for read commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout.") var json = false
}
