import ArgumentParser
import DossierCore
import DossierReplica
import Foundation

/// `dossier show ID [--history]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a record, its conflicts and optionally its history.")
    @OptionGroup var replica: ReplicaOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The record's id (a unique prefix is enough).") var id: String
    @Flag(help: "Also show every change: who, when, from which replica, old and new value.") var history = false

    /// The JSON document of `show --json`.
    struct Document: Encodable {
        var record: RecordView
        var history: [RecordHistory.Entry]?
    }

    func run() throws {
        let replica = try replica.open()
        let key = try replica.resolve(id)
        let dataset = try replica.dataset()
        guard let state = dataset[key] else { throw ReplicaError.notFound(id) }
        let view = RecordView(state, in: dataset)
        let entries = history ? try replica.history(of: key).entries : nil
        if output.json { return Output.json(Document(record: view, history: entries)) }
        print("\(view.entity.rawValue) \(view.id)\(view.deleted ? "  (deleted)" : "")\(view.orphan ? "  (orphan: its target is gone)" : "")")
        print("  created by \(view.createdBy ?? "?") at \(view.createdAt ?? "?")")
        for spec in FieldRules.fields(of: view.entity) where spec.merge != .claims {
            let value = view.fields[spec.name] ?? .null
            if value == .null || value == .array([]) || value == .object([:]) { continue }
            print("  \(spec.name): \(FieldText.display(value, as: spec.type))")
        }
        for (kind, summary) in view.casualties.sorted(by: { $0.key < $1.key }) {
            print("  \(kind): \(summary.display)")
            for figure in summary.figures {
                let source = dataset.label(of: RecordKey(entity: .source, id: figure.source))
                print("    \(CasualtyClaim.Figure(low: figure.low, high: figure.high)) (\(figure.qualifier)) — \(source)")
            }
        }
        let claims = state.claimLines
        if !claims.isEmpty { print("  claims (retract one with: dossier incident retract ID CLAIM):") }
        for line in claims {
            let source = dataset.label(of: RecordKey(entity: .source, id: line.claim.source))
            print("    \(line.id)  \(line.claim.kind) \(line.claim.figure) (\(line.claim.qualifier)) — \(source), by \(line.author)\(line.retracted ? "  [retracted]" : "")")
        }
        for conflict in view.conflicts {
            print("  CONFLICT on \(conflict.field) — resolve with: dossier resolve \(ShortID(dataset.records.keys.map(\.id))(view.id)) \(conflict.field) --pick N")
            Output.candidates(of: conflict, indent: "    ")
        }
        for entry in entries ?? [] {
            let old = FieldText.display(entry.old, field: entry.field, of: view.entity)
            let new = FieldText.display(entry.new, field: entry.field, of: view.entity)
            print("  \(entry.version.date)  \(entry.author)@\(entry.replica)  \(entry.op) \(entry.field ?? "")  \(old) → \(new)")
        }
    }
}
