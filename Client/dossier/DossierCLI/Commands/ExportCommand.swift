import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// `dossier export --format json|csv|geojson|markdown|bundle [--out FILE] [--all | ID...]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export",
        abstract: "Export the replica: json (canonical, sorted), csv (ACLED's columns), geojson, markdown, or a bundle with the evidence files.",
        discussion: """
            --format bundle --out FILE.zip [--all | ID...] writes a ZIP that verifies offline ('dossier verify FILE.zip'): \
            the records named (or all) with their evidence and its custody as canonical JSON, the evidence files kept \
            here, SHA256SUMS, a README and manifest.json; each file's custody gains an 'exported' event.
            """)

    /// The formats `--format` takes: the library's exports, and the bundle.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, csv, geojson, markdown, bundle
    }

    @OptionGroup var replica: ReplicaOptions
    @Option(help: "json, csv, geojson, markdown or bundle.") var format: Format
    @Option(help: "Write to this file instead of stdout (required for a bundle, which never replaces a file).") var out: String?
    @Flag(help: "A bundle of every record.") var all = false
    @Argument(help: "For a bundle: the records to put in it, with their evidence (a unique prefix or ending is enough).") var ids: [String] = []
    @Flag(help: "For a bundle: put in copies of photos, videos and PDFs without their embedded metadata (GPS, device, times), kept as new evidence derived from the originals, which stay untouched.")
    var stripMetadata = false

    func validate() throws {
        guard format == .bundle else {
            if all || !ids.isEmpty || stripMetadata { throw UsageError("--all, record ids and --strip-metadata go with --format bundle") }
            return
        }
        guard out != nil else { throw UsageError("a bundle needs --out FILE.zip") }
        guard all != !ids.isEmpty else { throw UsageError("give --all or the ids of the records to bundle, not both") }
    }

    func run() throws {
        let replica = try replica.open()
        guard let library = ExportFormat(rawValue: format.rawValue) else { return try bundle(replica) }
        let result = Exporter.export(try replica.dataset(), as: library)
        for note in result.notes { Output.note(note) }
        guard let out else { return FileHandle.standardOutput.write(result.data) }
        do {
            try result.data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CLIError(message: "cannot write \(out)", hint: "check the folder exists and is writable")
        }
        Output.note("wrote \(out)")
    }

    private func bundle(_ replica: Replica) throws {
        let keys = all ? nil : try ids.map { try replica.resolve($0) }
        let report = try replica.exportBundle(keys, to: URL(fileURLWithPath: out ?? ""), stripMetadata: stripMetadata)
        let files = report.manifest.entries.filter { $0.path.hasPrefix("files/") }.count
        if !report.missing.isEmpty {
            Output.note("\(report.missing.count) evidence file(s) not in this replica were left out: \(report.missing.map { $0.suffix(8) }.joined(separator: ", "))")
        }
        if !report.custodyRecorded, files > 0 { Output.note("custody not recorded: a viewer's replica cannot record events") }
        Output.note("wrote \(out ?? "") — \(report.records) records, \(files) files; check it with: dossier verify \(out ?? "")")
    }
}
