import Foundation

/// The canonical JSON export of a dataset: sorted keys, records in (entity, id) order, sets sorted.
/// Two replicas that have exchanged the same changes produce the same bytes.
public struct CanonicalExport: Encodable, Sendable {
    /// One record as exported.
    public struct Record: Encodable, Sendable {
        let entity: EntityKind
        let id: String
        let createdBy: String?
        let createdAt: HLC?
        let deleted: Bool
        let orphan: Bool
        let fields: [String: JSONValue]
        let versions: [String: HLC]
        let conflicts: [Conflict]
        let derived: [String: CasualtySummary]

        enum CodingKeys: String, CodingKey {
            case entity, id, deleted, orphan, fields, versions, conflicts, derived
            case createdBy = "created_by", createdAt = "created_at"
        }
    }

    /// Every record.
    public let records: [Record]

    /// Builds the export of a dataset.
    public init(_ dataset: Dataset) {
        records = dataset.records.keys.sorted().map { key in
            let state = dataset.records[key]!
            var values: [String: JSONValue] = [:]
            var versions: [String: HLC] = [:]
            for spec in FieldRules.fields(of: key.entity) {
                let state = state.fields[spec.name]
                values[spec.name] = state?.currentValue ?? spec.defaultValue ?? FieldState.empty(spec.merge).currentValue
                versions[spec.name] = state?.currentVersion
            }
            var derived: [String: CasualtySummary] = [:]
            for kind in Vocabulary.casualtyKinds { derived[kind] = state.casualties(kind) }
            return Record(entity: key.entity, id: key.id, createdBy: state.creation?.author, createdAt: state.creation?.version,
                          deleted: state.isDeleted, orphan: dataset.isOrphan(state), fields: values, versions: versions,
                          conflicts: state.conflicts, derived: derived)
        }
    }

    /// The canonical bytes.
    public var data: Data { CanonicalJSON.encode(self) }
}
