import ArgumentParser
import DossierCore
import DossierReplica

/// `dossier custody ID [--json]`.
struct CustodyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "custody",
        abstract: "An evidence file's chain of custody: who attached, uploaded, received, downloaded, exported or verified it, when and where.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The evidence record's id (a unique prefix or ending is enough).") var id: String

    func run() throws {
        let replica = try replica.open()
        let events = try replica.custody(of: try replica.resolve(id, as: .evidence))
        if output.json { return Output.json(events) }
        for event in events {
            let detail = event.detail.map { " — \(VisibleText.of($0))" } ?? ""
            Output.line("\(event.at)  \(event.action)  by \(VisibleText.of(event.by)) on \(event.replica.prefix(8))  sha256 \(event.sha256.prefix(12))…\(detail)")
        }
        Output.note("\(events.count) custody event\(events.count == 1 ? "" : "s")")
    }
}
