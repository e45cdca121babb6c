import DossierCore
import Foundation

extension RecordText {
    /// One history entry on one line: when, who and where, then what the author had seen and what they wrote,
    /// and the writes it was concurrent with.
    public func history(_ entry: RecordHistory.Entry, of key: RecordKey) -> String {
        let when = ISO8601DateFormatter().string(from: entry.version.date)
        var line = "\(when)  \(VisibleText.of(entry.author))@\(VisibleText.of(entry.replica))  \(change(entry, of: key))"
        let authors = entry.concurrentWith.map(\.author).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !authors.isEmpty {
            let names = authors.map { VisibleText.of($0) + "'s" }.joined(separator: " and ")
            line += "  — concurrent with \(names) edit\(authors.count == 1 ? "" : "s")"
        }
        return line
    }

    /// What an entry did, in words.
    func change(_ entry: RecordHistory.Entry, of key: RecordKey) -> String {
        let field = entry.field ?? ""
        let written = entry.written ?? .null
        let shown = { (value: JSONValue) in self.value(value, field: field, of: key.entity) }
        switch entry.op {
        case "create": return "created"
        case "delete": return "deleted"
        case "restore": return "restored (kept the record)"
        case "set", "resolve":
            let seen = entry.seen ?? []
            let before = seen.isEmpty ? "nothing" : seen.map(shown).joined(separator: " | ")
            return "\(entry.op == "set" ? "set" : "resolved") \(field): had seen \(before); wrote \(shown(written))"
        case "add": return "added to \(field): \(shown(written))"
        case "remove": return "removed from \(field): \(shown(written))"
        case "claim": return "claim: " + (claim(from: written).map(claim) ?? "(unreadable)")
        case "retract":
            let retracted = written.objectValue?["retracted"]?.boolValue ?? true
            let id = written.objectValue?["claim"]?.stringValue ?? ""
            let target = dataset[key]?.claimLines.first { $0.id.description == id }.map { claim($0.claim) } ?? VisibleText.of(id)
            return "\(retracted ? "retracted" : "reinstated") claim \(target)"
        case "mine":
            if written.isNull { return "withdrew own \(field)" }
            return "own \(field): \(FieldText.assessmentText(written, field: field))"
        default:
            return "\(VisibleText.of(entry.op)) \(field): \(shown(written))"
        }
    }

    private func claim(from value: JSONValue) -> CasualtyClaim? {
        try? JSONDecoder().decode(CasualtyClaim.self, from: CanonicalJSON.encode(value))
    }
}
