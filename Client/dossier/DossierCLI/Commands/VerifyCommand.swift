import ArgumentParser
import DossierEvidence
import DossierReplica
import DossierTrust
import Foundation

/// `dossier verify [FILE.zip] [--full] [--json] [--checkpoint FILE]`.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify",
        abstract: "Check this replica's history (signatures, its own chain, the team log against its checkpoint), a colleague's checkpoint, or a bundle offline.",
        discussion: """
            Without a file: checks the replica offline; --full also fetches the team's whole log from the server and checks \
            every entry and signature from the first. With --checkpoint FILE: compares a colleague's 'dossier checkpoint' \
            with this replica's log (two signed checkpoints of one size with different heads prove the server forked its \
            history). With FILE.zip: checks a bundle's entries against its manifest; a replica at hand records 'verified' \
            in the custody of its files. Exit 0 when everything checks out, 4 naming each problem.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var network: NetworkOptions
    @Flag(help: "Fetch the team's whole log from the server and check it from its first entry.") var full = false
    @Option(help: ArgumentHelp("A colleague's checkpoint (what 'dossier checkpoint' printed) to compare with this replica's log.", valueName: "file"))
    var checkpoint: String?
    @Argument(help: ArgumentHelp("A bundle (a ZIP written by 'dossier export --format bundle') to check instead.", valueName: "file"))
    var file: String?

    func validate() throws {
        guard file == nil || (!full && checkpoint == nil) else { throw UsageError("a bundle is checked on its own: drop --full and --checkpoint") }
    }

    func run() throws {
        if let file { return try BundleVerification.run(file, replica: replica) }
        let replica = try replica.open()
        if let checkpoint { return try compare(checkpoint, with: replica) }
        let report = full ? try replica.audit(fullWith: SyncClient(options: try network.transportOptions(for: replica))) : try replica.audit()
        if output.json { Output.json(report) } else { print(Self.summary(report)) }
        guard report.ok else {
            for problem in report.problems where !output.json { Output.line("PROBLEM \(problem)") }
            throw CLIError(message: "\(report.problems.count) problem(s) in this replica's history; the first: \(report.problems[0])",
                           hint: "compare 'dossier checkpoint' with a colleague's and tell your team admin", code: 4)
        }
    }

    static func summary(_ report: AuditReport) -> String {
        let checkpoint = report.checkpoint.map { "checkpoint \($0.size) entries, head \($0.head.description.prefix(16))…" } ?? "no checkpoint yet"
        return "\(report.ok ? "verified" : "NOT verified"): \(report.entries) log entr\(report.entries == 1 ? "y" : "ies")\(report.full ? " fetched from the server" : ""), "
            + "\(report.signed) signed change(s), \(report.unsigned) unsigned (from clients without a device key); \(checkpoint)"
    }

    private func compare(_ path: String, with replica: Replica) throws {
        guard let data = FileManager.default.contents(atPath: path), let theirs = Replica.readCheckpoint(data) else {
            throw CLIError(message: "\(path) is not a checkpoint", hint: "pass the file 'dossier checkpoint > FILE' wrote", code: 1)
        }
        switch try replica.compare(theirs) {
        case .matches: print("the checkpoint matches this replica's: \(theirs.size) entries, head \(theirs.head)")
        case .precedes: print("the checkpoint (\(theirs.size) entries) is an earlier point of the log this replica verified")
        case .fork(let size, let theirHead, let ours):
            throw CLIError(message: "the server signed two different histories of \(size) entries: head \(theirHead) in the checkpoint, \(ours) here",
                           hint: "keep both checkpoints as proof and tell your team; do not trust this server's history", code: 4)
        case .ahead(let size, let held):
            throw CLIError(message: "the checkpoint has \(size) entries; this replica verified \(held)", hint: "run 'dossier sync', then compare again",
                           code: 1)
        case .unknown(let size):
            throw CLIError(message: "this replica holds no hash at entry \(size) (it started from a later snapshot)",
                           hint: "compare with a later checkpoint, or with 'dossier verify --full'", code: 1)
        }
    }
}

/// `dossier verify FILE.zip`: a bundle's entries against its manifest.
enum BundleVerification {
    /// Checks the bundle; a replica at hand records 'verified' in its files' custody.
    static func run(_ file: String, replica: ReplicaOptions) throws {
        let (manifest, problems) = try EvidenceBundle.verify(URL(fileURLWithPath: file))
        guard problems.isEmpty else {
            for problem in problems { Output.line("MISMATCH \(problem)") }
            throw CLIError(message: "\(problems.count) of \(manifest.entries.count) entries of \(file) do not match its manifest",
                           hint: "the bundle was altered or damaged after it was written; ask its sender for another copy", code: 4)
        }
        Output.line("\(file): all \(manifest.entries.count) entries match their SHA-256 (written by \(manifest.createdBy) at \(manifest.createdAt))")
        let known = FileManager.default.fileExists(atPath: replica.path) ? try replica.open().settings().serverKey : nil
        if let data = try EvidenceBundle.document("history.json", in: URL(fileURLWithPath: file)) {
            try checkHistory(data, of: file, knownServerKey: known)
        }
        guard FileManager.default.fileExists(atPath: replica.path) else { return }
        let digests = Set(manifest.entries.filter { $0.path.hasPrefix("files/") }.compactMap { ContentDigest(hex: $0.sha256) })
        let recorded = try replica.open().recordVerified(digests, in: URL(fileURLWithPath: file).lastPathComponent)
        if recorded > 0 { Output.note("recorded 'verified' in the custody of \(recorded) evidence record\(recorded == 1 ? "" : "s")") }
    }

    /// Checks the bundle's history offline: signatures, bindings and the log replayed to the signed checkpoint.
    private static func checkHistory(_ data: Data, of file: String, knownServerKey: String?) throws {
        guard let history = try? JSONDecoder().decode(BundleHistory.self, from: data) else {
            throw CLIError(message: "history.json in \(file) cannot be read", hint: "ask its sender for another copy", code: 4)
        }
        var problems = history.problems()
        if let knownServerKey, knownServerKey != history.serverKey {
            problems.append("its history is signed by server key \(history.serverKey), not by your team server's \(knownServerKey)")
        }
        guard problems.isEmpty else {
            for problem in problems { Output.line("PROBLEM \(problem)") }
            throw CLIError(message: "\(problems.count) problem(s) in the history of \(file); the first: \(problems[0])",
                           hint: "the bundle's history was altered, or is not your team's; ask its sender for another copy", code: 4)
        }
        let inLog = history.changes.filter { $0.seq != nil }.count
        Output.line("history: \(history.changes.count) change(s) signed by their authors' devices, \(inLog) of them in the team log up to its "
                    + "checkpoint of \(history.checkpoint.size) entries signed by server key \(history.serverKey)")
    }
}
