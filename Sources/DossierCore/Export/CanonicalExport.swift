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
            let record = RecordProjection(dataset.records[key]!, in: dataset)
            return Record(entity: key.entity, id: key.id, createdBy: record.createdBy, createdAt: record.createdAt,
                          deleted: record.deleted, orphan: record.orphan, fields: record.fields, versions: record.versions,
                          conflicts: record.conflicts, derived: record.casualties)
        }
    }

    /// The canonical bytes.
    public var data: Data { CanonicalJSON.encode(self) }
}
