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
            print("  \(spec.name): \(Output.text(value))")
        }
        for (kind, summary) in view.casualties.sorted(by: { $0.key < $1.key }) {
            print("  \(kind): \(summary.display)")
            for figure in summary.figures {
                let source = dataset[RecordKey(entity: .source, id: figure.source)].map { RecordView($0, in: dataset).label } ?? figure.source
                let figureText = figure.low == figure.high ? "\(figure.low)" : "\(figure.low)–\(figure.high)"
                print("    \(figureText) (\(figure.qualifier)) — \(source)")
            }
        }
        if case .array(let claims)? = view.fields["casualties"], !claims.isEmpty {
            print("  claims (retract one with: dossier incident retract ID CLAIM):")
            for case .object(let claim) in claims {
                let low = claim["low"]?.intValue ?? 0, high = claim["high"]?.intValue ?? 0
                let source = claim["source"]?.stringValue.flatMap { dataset[RecordKey(entity: .source, id: $0)] }
                    .map { RecordView($0, in: dataset).label } ?? claim["source"]?.stringValue ?? "?"
                let retracted = claim["retracted"]?.boolValue == true ? "  [retracted]" : ""
                print("    \(claim["id"]?.stringValue ?? "?")  \(claim["kind"]?.stringValue ?? "") \(low == high ? "\(low)" : "\(low)–\(high)") (\(claim["qualifier"]?.stringValue ?? "")) — \(source), by \(claim["author"]?.stringValue ?? "?")\(retracted)")
            }
        }
        for conflict in view.conflicts {
            print("  CONFLICT on \(conflict.field) — resolve with: dossier resolve \(ShortID(dataset.records.keys.map(\.id))(view.id)) \(conflict.field) --pick N")
            for (index, candidate) in conflict.candidates.enumerated() {
                print("    [\(index + 1)] \(Output.text(candidate.value))  — \(candidate.author) on \(candidate.replica), \(candidate.version.date)")
            }
        }
        for entry in entries ?? [] {
            print("  \(entry.version.date)  \(entry.author)@\(entry.replica)  \(entry.op) \(entry.field ?? "")  \(Output.text(entry.old)) → \(Output.text(entry.new))")
        }
    }
}
