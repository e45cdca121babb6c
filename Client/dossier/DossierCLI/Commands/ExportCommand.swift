import ArgumentParser
import DossierReplica
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `dossier export --format json|csv|geojson|markdown [--out FILE]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
        abstract: "Export the replica: json (canonical, sorted), csv (ACLED's columns), geojson, or markdown.")
    @OptionGroup var replica: ReplicaOptions
    @Option(help: "json, csv, geojson or markdown.") var format: ExportFormat
    @Option(help: "Write to this file instead of stdout.") var out: String?

    func run() throws {
        let result = Exporter.export(try replica.open().dataset(), as: format)
        for note in result.notes { Output.note(note) }
        guard let out else { return FileHandle.standardOutput.write(result.data) }
        do {
            try result.data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CLIError(message: "cannot write \(out)", hint: "check the folder exists and is writable")
        }
        Output.note("wrote \(out)")
    }
}
