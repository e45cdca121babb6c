import Foundation

/// A record as `dossier show` and `dossier list` present it: current values, conflicts and derived casualties.
public struct RecordView: Codable, Sendable, Equatable {
    /// The kind of record.
    public var entity: EntityKind
    /// The full id.
    public var id: String
    /// Who created it.
    public var createdBy: String?
    /// When it was created (ISO 8601).
    public var createdAt: String?
    /// True when deleted.
    public var deleted: Bool
    /// True for an annotation whose target is gone.
    public var orphan: Bool
    /// Current values, every field of the kind.
    public var fields: [String: JSONValue]
    /// Open conflicts.
    public var conflicts: [Conflict]
    /// Derived casualty ranges, for incidents.
    public var casualties: [String: CasualtySummary]

    enum CodingKeys: String, CodingKey {
        case entity, id, deleted, orphan, fields, conflicts, casualties
        case createdBy = "created_by", createdAt = "created_at"
    }

    /// The view of a record within its dataset (its `RecordProjection`, as the canonical export has it).
    public init(_ state: RecordState, in dataset: Dataset) {
        let record = RecordProjection(state, in: dataset)
        entity = record.key.entity
        id = record.key.id
        createdBy = record.createdBy
        createdAt = record.createdAt.map { ISO8601DateFormatter().string(from: $0.date) }
        deleted = record.deleted
        orphan = record.orphan
        fields = record.fields
        conflicts = record.conflicts
        casualties = record.casualties
    }

    /// The record's one-line label for a terminal: title, name, text or body, its control characters made visible.
    public var label: String { label(limit: 80) }

    /// The label cut to `limit` characters (with `…`), or whole when `limit` is nil.
    public func label(limit: Int?) -> String {
        for name in ["title", "name", "text", "body", "original_name", "kind"] {
            if let raw = fields[name]?.stringValue {
                let text = VisibleText.of(raw)
                guard let limit, text.count > limit else { return text }
                return String(text.prefix(limit - 3)) + "…"
            }
        }
        return id
    }
}

extension JSONValue {
    /// The strings of an array value (a set field's elements), empty for any other value.
    public var arrayStrings: [String] {
        if case .array(let values) = self { return values.compactMap(\.stringValue) }
        return []
    }
}
