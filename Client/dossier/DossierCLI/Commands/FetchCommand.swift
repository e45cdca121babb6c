import ArgumentParser
import DossierCore
import DossierEvidence
import DossierReplica
import Foundation

/// `dossier fetch ID...|--all [--max-size SIZE]`.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch",
        abstract: "Download evidence files from the team server: each is checked against its SHA-256 before it is kept, and a cut download resumes.",
        discussion: """
            Name evidence records, or any record to fetch the evidence attached to it; --all fetches every file not kept \
            here yet. Exit codes: 0 done; 3 offline (what was downloaded stays and the next fetch resumes); 4 a file is \
            not on the server yet or did not match its hash.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var network: NetworkOptions
    @Argument(help: "Evidence records, or records whose evidence to fetch (a unique prefix or ending is enough).") var ids: [String] = []
    @Flag(help: "Fetch every evidence file this replica does not keep yet.") var all = false
    @Option(help: "Leave files larger than this on the server (e.g. 200MB, 1GiB).") var maxSize: ByteSize?

    func validate() throws {
        guard all != !ids.isEmpty else { throw UsageError("name records to fetch, or --all (not both)") }
    }

    func run() throws {
        let replica = try replica.open()
        let keys = all ? nil : try ids.map { try replica.resolve($0) }
        let report = try Self.fetch(try replica.evidenceFiles(of: keys), from: replica, network: network, maxSize: maxSize?.bytes)
        Self.report(report)
        if !report.notOnServer.isEmpty { throw ExitCode(4) }
    }

    /// Fetches files with a progress bar, turning an unreachable server into exit 3, and sends the custody events.
    static func fetch(_ files: [EvidenceFile], from replica: Replica, network: NetworkOptions, maxSize: Int64?) throws -> FetchReport {
        let client = SyncClient(options: try network.transportOptions(for: replica))
        guard let blobs = client.blobs else { return FetchReport() }
        let progress = ProgressBar()
        defer { progress.finish() }
        do {
            let report = try EvidenceTransfer(replica: replica, blobs: blobs).fetch(files, maxSize: maxSize, progress: progress.update)
            if !report.fetched.isEmpty, try replica.settings().role.canPush {
                var summary = SyncSummary()
                try? Synchronizer(replica: replica, client: client).pushOutbox(into: &summary) // custody; kept in the outbox if this fails
            }
            return report
        } catch let error as TransportError where error.isUnreachable {
            throw CLIError(message: "\(error)", hint: "you are offline or the server is down; what was downloaded is kept and the next fetch resumes",
                           code: 3)
        }
    }

    /// Prints one line per file and a summary.
    static func report(_ report: FetchReport) {
        for file in report.fetched { Output.line("fetched \(file.evidence)  \(VisibleText.of(file.name))  \(ByteSize.text(file.size))  sha256 \(file.digest.hex.prefix(12))…") }
        for file in report.tooLarge { Output.line("skipped \(file.evidence)  \(VisibleText.of(file.name))  \(ByteSize.text(file.size)) (over --max-size)") }
        for file in report.notOnServer {
            Output.line("not on the server yet: \(file.evidence)  \(VisibleText.of(file.name)) — the replica that attached it must sync first")
        }
        Output.note("\(report.fetched.count) fetched, \(report.alreadyHere.count) already here, \(report.tooLarge.count) skipped, \(report.notOnServer.count) not on the server")
    }
}

/// `dossier open ID`.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open",
        abstract: "Print the local path of an evidence file (read-only), fetching it from the team server first if it is not here.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var network: NetworkOptions
    @Argument(help: "The evidence record, or a record whose evidence to open (a unique prefix or ending is enough).") var id: String

    func run() throws {
        let replica = try replica.open()
        let files = try replica.evidenceFiles(of: [try replica.resolve(id)])
        guard !files.isEmpty else { throw CLIError(message: "\(id) has no evidence file", hint: "attach one with 'dossier attach ID FILE'", code: 1) }
        let missing = files.filter { !replica.evidenceFolder.contains($0.digest) }
        if !missing.isEmpty {
            let report = try FetchCommand.fetch(missing, from: replica, network: network, maxSize: nil)
            if !report.notOnServer.isEmpty {
                FetchCommand.report(report)
                throw ExitCode(4)
            }
        }
        for file in files { Output.line(replica.evidenceFolder.url(of: file.digest).path) }
    }
}
