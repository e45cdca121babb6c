import ArgumentParser
import DossierReplica
import Foundation

/// `dossier sync`: push, then pull.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync",
        abstract: "Send your changes to the team server, then fetch everyone else's. Offline? Your work stays in the outbox (exit 3).",
        discussion: """
            Prints one line: what was pushed and pulled, and the conflicts the pulled changes opened. Exit codes: 0 done; \
            3 offline (nothing lost); 4 something needs attention: changes opened new conflicts (everything was still \
            synced; see 'dossier conflicts'), the server refused a change, your account was refused, or the server's \
            history or a relay folder did not check out. With no network (an internet shutdown), --to-dir writes your \
            waiting changes to a folder (a USB stick) and --from-dir takes a colleague's, checked, to push at your next sync.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var network: NetworkOptions
    @Flag(help: "Then download every evidence file not kept here yet (see 'dossier fetch').") var withFiles = false
    @Option(help: ArgumentHelp("Instead of syncing, write your waiting changes (signed) and their evidence files to this folder for a colleague to carry.",
                               valueName: "path"))
    var toDir: String?
    @Option(help: ArgumentHelp("Instead of syncing, check and take a colleague's folder; their changes keep their author and are pushed at your next sync.",
                               valueName: "path"))
    var fromDir: String?

    func validate() throws {
        guard toDir == nil || fromDir == nil else { throw UsageError("--to-dir and --from-dir go in separate runs") }
        guard (toDir == nil && fromDir == nil) || !withFiles else { throw UsageError("--with-files needs the server: drop it with --to-dir or --from-dir") }
    }

    func run() throws {
        let replica = try replica.open()
        if let toDir {
            let written = try replica.writeRelay(to: URL(fileURLWithPath: toDir))
            return output.json ? Output.json(written) : print("wrote \(written.changes) change(s) of \(written.replicas) replica(s) and "
                                                              + "\(written.files) file(s) to \(toDir)/dossier-relay")
        }
        if let fromDir {
            let taken = try replica.takeRelay(from: URL(fileURLWithPath: fromDir))
            return output.json ? Output.json(taken) : print("took \(taken.changes) new change(s) (\(taken.known) already here) and \(taken.files) "
                                                            + "file(s) from \(fromDir); they are pushed at your next sync")
        }
        let options = try network.transportOptions(for: replica)
        let progress = ProgressBar()
        let summary: SyncSummary
        do {
            summary = try Synchronizer(replica: replica, client: SyncClient(options: options)).run(progress: progress.update)
        } catch let error as TransportError where error.isUnreachable {
            progress.finish()
            let pending = (try? replica.pendingCount()) ?? 0
            throw CLIError(message: "\(error)", hint: "you are offline or the server is down; \(pending) change(s) stay safe in the outbox — sync again later",
                           code: 3)
        }
        progress.finish()
        if output.json { Output.json(summary) } else { print(summary.line) }
        if withFiles { FetchCommand.report(try FetchCommand.fetch(try replica.evidenceFiles(of: nil), from: replica, network: network, maxSize: nil)) }
        if abs(summary.clockOffset) > Synchronizer.clockWarning {
            Output.note("warning: this laptop's clock is \(summary.clockOffset / 60_000) min off the server's; set it right so your edits order correctly")
        }
        if let refused = summary.pushRefused {
            throw ReplicaError.rejected(count: try replica.pendingCount(), first: refused)
        }
        if let first = summary.rejected.sorted(by: { $0.key < $1.key }).first {
            throw ReplicaError.rejected(count: summary.rejected.count, first: "\(first.key): \(first.value)")
        }
        if !summary.newConflicts.isEmpty {
            Output.note("\(summary.newConflicts.count) new conflict(s) need attention: see 'dossier conflicts', then 'dossier resolve ID FIELD'")
            throw ExitCode(4)
        }
    }
}
