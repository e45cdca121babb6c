import ArgumentParser
import DossierReplica
import Foundation

/// `dossier status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status",
        abstract: "Who you are, your team and server, pending changes, last sync, open conflicts and clock offset (works offline).")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let replica = try replica.open()
        let status = try replica.status()
        if output.json { return Output.json(status) }
        let settings = try replica.settings()
        print("replica \(settings.replica) (\(settings.name))")
        print("author: \(status.author)")
        print("team: \(status.team)")
        print("role: \(status.role.rawValue)")
        print("server: \(status.server)")
        print("account: " + (status.confirmed ? "confirmed" : "not confirmed yet (the next sync confirms it)"))
        print("pending changes: \(status.pending)")
        print("last sync: \(status.lastSync.map { "\(Date(timeIntervalSince1970: Double($0) / 1000))" } ?? "never")")
        print("open conflicts: \(status.conflicts)")
        if let offset = status.clockOffset { print("clock offset: \(offset) ms (server minus this laptop)") }
        for (id, reason) in status.rejected.sorted(by: { $0.key < $1.key }) { print("rejected \(id): \(reason)") }
    }
}
