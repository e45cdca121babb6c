import DossierCore
import Foundation

/// One record of an import file: the shape `dossier export --format json` writes.
struct ImportedRecord: Decodable {
    var entity: EntityKind
    var id: String
    var deleted: Bool?
    var fields: [String: JSONValue]
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable, Codable {
    /// Records created.
    public var created = 0
    /// Records skipped because this replica already has them.
    public var skipped = 0
    /// Casualty claims added.
    public var claims = 0
}

extension Replica {
    /// Imports the records of a canonical JSON export as new local records (same ids), with their claims.
    /// Deleted records and per-author grades (which belong to their authors) are left out. All or nothing:
    /// the first invalid record stops the import and nothing is stored.
    public func importRecords(from data: Data) throws -> ImportSummary {
        struct File: Decodable { var records: [ImportedRecord] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let error as DecodingError {
            throw ReplicaError.refused("the file is not a Dossier JSON export (\(error.readableDescription))")
        }
        return try transaction { editor in
            var summary = ImportSummary()
            let order: [EntityKind] = [.source, .actor, .incident, .quote, .annotation]
            for record in file.records.sorted(by: { order.firstIndex(of: $0.entity)! < order.firstIndex(of: $1.entity)! })
            where record.deleted != true {
                let key = RecordKey(entity: record.entity, id: record.id)
                if try editor.exists(key) { summary.skipped += 1; continue }
                var fields: [String: JSONValue] = [:]
                var claims: [(field: String, claim: CasualtyClaim)] = []
                for spec in FieldRules.fields(of: record.entity) {
                    guard let value = record.fields[spec.name], !value.isNull, value != .array([]) else { continue }
                    switch spec.merge {
                    case .perAuthor: continue
                    case .claims: claims += Self.activeClaims(in: value).map { (spec.name, $0) }
                    default: fields[spec.name] = value
                    }
                }
                do {
                    try editor.edit(key, steps: [{ _ in .create(fields: fields) }] + claims.map { claim in { _ in .addClaim(field: claim.field, claim: claim.claim) } })
                } catch let error as ValidationError {
                    throw ReplicaError.refused("record \(record.entity.rawValue) \(record.id): \(error); nothing was imported")
                }
                summary.created += 1
                summary.claims += claims.count
            }
            return summary
        }
    }

    private static func activeClaims(in value: JSONValue) -> [CasualtyClaim] {
        guard case .array(let items) = value else { return [] }
        return items.compactMap { item in
            guard let object = item.objectValue, object["retracted"]?.boolValue != true,
                  let kind = object["kind"]?.stringValue, let low = object["low"]?.intValue, let high = object["high"]?.intValue,
                  let source = object["source"]?.stringValue else { return nil }
            return CasualtyClaim(kind: kind, low: low, high: high, qualifier: object["qualifier"]?.stringValue ?? "exact",
                                 source: source, note: object["note"]?.stringValue, asOf: object["as_of"]?.stringValue)
        }
    }
}
