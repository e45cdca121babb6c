import DossierCore
import DossierReplica
import Foundation

extension DemoStory {
    /// Prints what merged, as Carla's replica shows it (every replica shows the same, as the proof checks).
    func showWhatMerged() throws {
        let dataset = try carla.replica.dataset()
        let title = { (key: RecordKey) in dataset[key]?.fields["title"]?.currentValue.stringValue ?? key.id }
        let airport = try key("I01"), isk = try key("A01"), france24 = try key("S000")
        say("\n== 5. What merged (Carla's replica; the others hold the same)")
        if let state = dataset[airport] {
            for kind in ["killed", "wounded"] {
                guard let summary = state.casualties(kind) else { continue }
                let figures = summary.figures.map { figure in
                    "\(figure.low == figure.high ? "\(figure.low)" : "\(figure.low)–\(figure.high)") from '\(title(RecordKey(entity: .source, id: figure.source)))'"
                }
                say("  [claims] \(title(airport)) — \(kind): \(summary.display); \(figures.joined(separator: "; "))")
            }
            say("  [set] tags: \(Output.list(state.fields["tags"]?.currentValue)) — the re-added tag is present (add wins)")
        }
        if let actor = dataset[isk] {
            say("  [set] IS-K aliases: \(Output.list(actor.fields["aliases"]?.currentValue))")
            say("  [lww] IS-K description: \(actor.fields["description"]?.currentValue.stringValue ?? "—") (no conflict; the other is in history)")
        }
        if case .object(let grades)? = dataset[france24]?.fields["reliability"]?.currentValue {
            let text = grades.keys.sorted().map { "\($0): \(grades[$0]?.objectValue?["grade"]?.stringValue ?? "?")" }
            say("  [per-author] reliability of the France 24 piece: \(text.joined(separator: ", ")) — one entry per researcher, no conflict")
        }
        for record in dataset.records.values.sorted(by: { $0.key < $1.key }) where record.key.entity == .annotation && dataset.isOrphan(record) {
            say("  [orphan] annotation '\(record.fields["body"]?.currentValue.stringValue ?? "")' kept though its incident was deleted")
        }
        let conflicts = dataset.conflicts
        say("\n== Conflicts left for review (\(conflicts.count)) — nothing anyone typed was dropped")
        for conflict in conflicts {
            say("  \(conflict.record.entity.rawValue) '\(dataset[conflict.record].map { RecordView($0, in: dataset).label } ?? "?")' — \(conflict.field):")
            for candidate in conflict.candidates {
                say("      \(Output.list(candidate.value))  (\(candidate.author), replica \(candidate.replica.prefix(8)), \(candidate.version.date))")
            }
        }
        say("  Resolve one with: dossier resolve ID FIELD --pick N")
    }
}

/// Values as the demo prints them.
enum Output {
    /// A value as text: lists joined, strings bare.
    static func list(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: text
        case .array(let items)?: items.map { list($0) }.joined(separator: ", ")
        case nil, .null?: "—"
        case let other?: other.canonicalText
        }
    }
}
