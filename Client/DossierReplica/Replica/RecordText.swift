import DossierCore

/// How `show` writes a record's values for people: records by name or title with a short id in brackets,
/// actors with their role, grades in words, claims in words, every text with its control characters made visible.
public struct RecordText: Sendable {
    /// The dataset the names come from.
    public let dataset: Dataset
    /// The short form of every id in it.
    public let short: ShortID

    /// The text of records within a dataset, with the short ids of its records (or of all the replica's, when the
    /// dataset holds only some).
    public init(_ dataset: Dataset, short: ShortID? = nil) {
        self.dataset = dataset
        self.short = short ?? ShortID(dataset.records.keys.map(\.id))
    }

    /// `Islamic State in Khorasan [0191a2b3]`: a record's label and short id, or the id alone when it is not here.
    public func name(_ id: String, among kinds: [EntityKind] = EntityKind.allCases) -> String {
        guard let key = kinds.map({ RecordKey(entity: $0, id: id) }).first(where: { dataset[$0] != nil }) else {
            return VisibleText.of(id)
        }
        let view = RecordView(dataset[key]!, in: dataset)
        // Titles and names are shown whole; a quote's text or an annotation's body only begins.
        let label = view.label(limit: [.quote, .annotation].contains(key.entity) ? 80 : nil)
        return "\(label) [\(short(id))]"
    }

    /// A field's value on one line: references and actors by name, a quote's speaker by name when it is an actor,
    /// each author's grade in words.
    public func value(_ value: JSONValue, field: String, of entity: EntityKind) -> String {
        guard let spec = FieldRules.field(field, of: entity) else { return FieldText.display(value, as: nil) }
        if case .array(let items) = value, spec.merge == .set {
            return items.isEmpty ? "—" : items.map { self.value($0, field: field, of: entity) }.joined(separator: ", ")
        }
        switch (spec.type, value) {
        case (.reference(let kinds), .string(let id)):
            return name(id, among: kinds)
        case (.actorRole, .string(let text)):
            guard let colon = text.lastIndex(of: ":") else { return VisibleText.of(text) }
            let role = text[text.index(after: colon)...].replacingOccurrences(of: "_", with: " ")
            return "\(name(String(text[..<colon]), among: [.actor])) (\(VisibleText.of(role)))"
        case (.text, .string(let text)) where field == "speaker" && RecordID.isValid(text):
            return name(text, among: [.actor])
        case (.assessment, .object(let entries)) where spec.merge == .perAuthor:
            guard !entries.isEmpty else { return "—" }
            return entries.sorted { $0.key < $1.key }
                .map { "\(VisibleText.of($0.key)): \(FieldText.assessmentText($0.value, field: field))" }.joined(separator: "; ")
        case (.assessment, _):
            return FieldText.assessmentText(value, field: field)
        default:
            return FieldText.display(value, as: spec.type)
        }
    }

    /// `185 killed (source The title), note "…"`, with `at least` or `about` as the qualifier says.
    public func claim(_ claim: CasualtyClaim) -> String {
        let qualifier = switch claim.qualifier {
        case "at_least": "at least "
        case "approx": "about "
        default: ""
        }
        let source = dataset[RecordKey(entity: .source, id: claim.source)].map { RecordView($0, in: dataset).label(limit: nil) }
            ?? VisibleText.of(claim.source)
        var text = "\(qualifier)\(claim.figure) \(VisibleText.of(claim.kind)) (source \(source)"
        text += claim.asOf.map { ", as of \($0))" } ?? ")"
        if let note = claim.note { text += ", note \"\(VisibleText.of(note))\"" }
        return text
    }
}
