import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// `dossier list incidents|quotes|sources|actors|annotations`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List records of one kind.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "incidents, quotes, sources, actors or annotations.") var kind: String
    @Option(help: "Only records with this tag.") var tag: String?
    @Option(help: "Only incidents dated (other records created) on or after this date, YYYY[-MM[-DD]].") var since: String?
    @Flag(help: "Include deleted records.") var deleted = false

    func run() throws {
        guard let entity = EntityKind.allCases.first(where: { $0.plural == kind || $0.rawValue == kind }) else {
            throw UsageError("unknown kind '\(kind)'; use incidents, quotes, sources, actors or annotations")
        }
        let dataset = try replica.open().dataset()
        let views = dataset.records.values.filter { $0.key.entity == entity }.map { RecordView($0, in: dataset) }
            .filter { deleted || !$0.deleted }
            .filter { tag == nil || ($0.fields["tags"]?.arrayStrings ?? []).contains(tag!) }
            .filter { since == nil || Self.date(of: $0) >= since! }
            .sorted { (Self.date(of: $0), $0.id) < (Self.date(of: $1), $1.id) }
        if output.json { return Output.json(views) }
        let short = ShortID(dataset.records.keys.map(\.id))
        for view in views {
            var line = "\(short(view.id))  \(Self.date(of: view).prefix(10))  \(view.label)"
            if let killed = view.casualties["killed"] { line += "  [killed: \(killed.display)]" }
            if !view.conflicts.isEmpty { line += "  (\(view.conflicts.count) conflict\(view.conflicts.count == 1 ? "" : "s"))" }
            if view.deleted { line += "  (deleted)" }
            if view.orphan { line += "  (orphan)" }
            print(line)
        }
        Output.note("\(views.count) \(entity.plural)")
    }

    static func date(of view: RecordView) -> String {
        view.fields["date"]?.stringValue ?? view.createdAt ?? ""
    }
}
