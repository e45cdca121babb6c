import DossierCore

/// A live record that refers to the one shown: an annotation of it, evidence of it, an incident or quote citing a source,
/// an incident an actor appears in, a quote an actor said or a quote about an incident.
public struct RelatedRecord: Codable, Sendable, Equatable {
    /// How it relates: `annotation`, `evidence`, `cites`, `appears_in`, `spoke` or `quotes`.
    public var relation: String
    /// Its kind.
    public var entity: EntityKind
    /// Its full id.
    public var id: String
    /// Its one-line label.
    public var label: String
    /// For `appears_in`: the actor's role in the incident.
    public var role: String?
    /// For an annotation: its kind (`note`, `question`, …); for evidence, `photo`, `video`, ….
    public var kind: String?
    /// For an annotation: `open` or `resolved`.
    public var state: String?
    /// For an annotation: who wrote it.
    public var author: String?
    /// For evidence: the file's SHA-256.
    public var sha256: String? = nil
    /// For evidence: the file's size in bytes.
    public var size: Int64? = nil
}

extension Dataset {
    /// The live records that refer to `key`, annotations first, then by kind and label.
    public func related(to key: RecordKey) -> [RelatedRecord] {
        var found: [RelatedRecord] = []
        for state in records.values where state.creation != nil && !state.isDeleted && state.key != key {
            found += Self.relations(of: state, to: key).map { relation, role in
                let view = RecordView(state, in: self)
                let annotation = state.key.entity == .annotation, evidence = state.key.entity == .evidence
                return RelatedRecord(relation: relation, entity: state.key.entity, id: state.key.id, label: view.label, role: role,
                                     kind: annotation || evidence ? view.fields["kind"]?.stringValue : nil,
                                     state: annotation ? (view.fields["resolved"]?.boolValue == true ? "resolved" : "open") : nil,
                                     author: annotation ? state.creation?.author : nil,
                                     sha256: evidence ? view.fields["sha256"]?.stringValue : nil,
                                     size: evidence ? view.fields["size"]?.doubleValue.map { Int64($0) } : nil)
            }
        }
        let order = ["annotation", "evidence", "cites", "appears_in", "spoke", "quotes"]
        return found.sorted {
            ((order.firstIndex(of: $0.relation) ?? order.count), $0.entity.rawValue, $0.label, $0.id)
                < ((order.firstIndex(of: $1.relation) ?? order.count), $1.entity.rawValue, $1.label, $1.id)
        }
    }

    /// How one record refers to `key`: each relation with the actor's role where there is one.
    private static func relations(of state: RecordState, to key: RecordKey) -> [(String, String?)] {
        let value = { (field: String) in state.fields[field]?.currentValue ?? .null }
        switch (state.key.entity, key.entity) {
        case (.annotation, _):
            return value("target").stringValue == key.id ? [("annotation", nil)] : []
        case (.evidence, _):
            return value("targets").arrayStrings.contains(key.id) ? [("evidence", nil)] : []
        case (.incident, .source):
            let cited = value("sources").arrayStrings.contains(key.id) || state.claimLines.contains { $0.claim.source == key.id }
            return cited ? [("cites", nil)] : []
        case (.quote, .source):
            return value("source").stringValue == key.id ? [("cites", nil)] : []
        case (.incident, .actor):
            let prefix = key.id + ":"
            return value("actors").arrayStrings.filter { $0.hasPrefix(prefix) }.map { ("appears_in", String($0.dropFirst(prefix.count))) }
        case (.quote, .actor):
            return value("speaker").stringValue == key.id ? [("spoke", nil)] : []
        case (.quote, .incident):
            return value("incidents").arrayStrings.contains(key.id) ? [("quotes", nil)] : []
        default:
            return []
        }
    }
}
