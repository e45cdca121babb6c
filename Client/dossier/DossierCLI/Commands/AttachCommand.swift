import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// `dossier attach ID FILE... [--kind K] [--note N] [--captured-at D] [--captured-by NAME] [--source-url URL]`.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach",
        abstract: "Attach evidence files to a record: each is hashed (SHA-256) as it is copied beside the replica and never modified.",
        discussion: """
            Each file becomes an evidence record of the record named; the file itself is only read. The same bytes are \
            kept once, in the folder beside the replica (REPLICA-evidence, mode 0700). Prints each evidence id; the last \
            one on the last line. The media type comes from the file's first bytes, not its name.
            """)
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: "The record the files are evidence of (a unique prefix or ending is enough).") var id: String
    @Argument(help: ArgumentHelp("The files to attach.", valueName: "file")) var files: [String]
    @Option(help: "photo, video, audio, document, web_capture or other (default: from the media type).") var kind: String?
    @Option(help: "A note on the files.") var note: String?
    @Option(help: "When they were captured: YYYY[-MM[-DD]] or a date and time such as 2021-08-26T17:48:00Z.") var capturedAt: String?
    @Option(help: "Who captured them.") var capturedBy: String?
    @Option(help: "Where they were saved from.") var sourceURL: String?

    func validate() throws {
        guard !files.isEmpty else { throw UsageError("name at least one file to attach") }
        if let kind, !Vocabulary.evidenceKinds.contains(kind) {
            throw UsageError("--kind must be one of \(Vocabulary.evidenceKinds.joined(separator: ", "))")
        }
    }

    func run() throws {
        let replica = try replica.open()
        let target = try replica.resolve(id)
        let details = EvidenceDetails(kind: kind, note: note, capturedAt: capturedAt, capturedBy: capturedBy, sourceURL: sourceURL)
        let attached = try replica.attach(files.map { URL(fileURLWithPath: $0) }, to: target, details: details)
        for (file, result) in zip(files, attached) {
            let stored = result.kept.alreadyKept ? "already kept" : "kept"
            Output.note("\(stored) \(VisibleText.of(file)): \(result.mediaType), \(result.kept.size) bytes, sha256 \(result.kept.digest.hex)")
            print(result.evidence)
        }
    }
}
