import ArgumentParser
import DossierReplica
import Foundation

/// `dossier import FILE.json`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import",
        abstract: "Import records from a Dossier JSON export as your own new records (all or nothing).")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "A file written by 'dossier export --format json'.") var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError(message: "cannot read \(file)", hint: "check the path")
        }
        let summary = try replica.open().importRecords(from: data)
        if output.json { return Output.json(summary) }
        print("imported \(summary.created) records (\(summary.claims) claims); skipped \(summary.skipped) already here")
    }
}
