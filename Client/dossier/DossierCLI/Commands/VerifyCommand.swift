import ArgumentParser
import DossierEvidence
import DossierReplica
import Foundation

/// `dossier verify FILE.zip`.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify",
        abstract: "Check a bundle offline: every entry against its SHA-256 in the manifest. Exit 0 when all match, 4 naming each that does not.",
        discussion: "When a replica is at hand (--replica, $DOSSIER_REPLICA or the default), a bundle that checks out adds a 'verified' event to the custody of each of its files that the replica knows.")
    @OptionGroup var replica: ReplicaOptions
    @Argument(help: ArgumentHelp("The bundle (a ZIP written by 'dossier export --format bundle').", valueName: "file")) var file: String

    func run() throws {
        let (manifest, problems) = try EvidenceBundle.verify(URL(fileURLWithPath: file))
        guard problems.isEmpty else {
            for problem in problems { Output.line("MISMATCH \(problem)") }
            throw CLIError(message: "\(problems.count) of \(manifest.entries.count) entries of \(file) do not match its manifest",
                           hint: "the bundle was altered or damaged after it was written; ask its sender for another copy", code: 4)
        }
        Output.line("\(file): all \(manifest.entries.count) entries match their SHA-256 (written by \(manifest.createdBy) at \(manifest.createdAt))")
        guard FileManager.default.fileExists(atPath: replica.path) else { return }
        let digests = Set(manifest.entries.filter { $0.path.hasPrefix("files/") }.compactMap { ContentDigest(hex: $0.sha256) })
        let recorded = try replica.open().recordVerified(digests, in: URL(fileURLWithPath: file).lastPathComponent)
        if recorded > 0 { Output.note("recorded 'verified' in the custody of \(recorded) evidence record\(recorded == 1 ? "" : "s")") }
    }
}
