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
            synced; see 'dossier conflicts'), the server refused a change, or your account was refused.
            """)
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var network: NetworkOptions
    @Flag(help: "Then download every evidence file not kept here yet (see 'dossier fetch').") var withFiles = false

    func run() throws {
        let replica = try replica.open()
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
