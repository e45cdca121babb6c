import DossierCore
import DossierEvidence
import Foundation

/// One event of an evidence file's chain of custody, as `dossier custody` shows it.
public struct CustodyEvent: Codable, Sendable, Equatable {
    /// What happened: attached, uploaded, received, downloaded, exported or verified.
    public let action: String
    /// The file's SHA-256 at that moment.
    public let sha256: String
    /// Anything more the event says (a bundle's name, a check's outcome).
    public let detail: String?
    /// Who did it (the account that recorded the event).
    public let by: String
    /// When, ISO 8601 UTC, by the recording replica's clock.
    public let at: String
    /// The replica (or server) where it happened.
    public let replica: String
    /// The custody record's id.
    public let id: String
}

extension LocalEditor {
    /// Appends a custody event of the evidence record `evidence`, in the transaction of the edit that caused it.
    mutating func recordCustody(_ action: CustodyAction, of evidence: String, digest: ContentDigest, detail: String? = nil,
                                millis: Int64, using generator: inout SystemRandomNumberGenerator) throws {
        var fields: [String: JSONValue] = ["evidence": .string(evidence), "action": .string(action.rawValue), "sha256": .string(digest.hex)]
        if let detail { fields["detail"] = .string(detail) }
        let key = RecordKey(entity: .custody, id: RecordID.make(millis: millis, using: &generator))
        try edit(key, steps: [{ _ in .create(fields: fields) }])
    }
}

extension Replica {
    /// The chain of custody of an evidence record, oldest first, as far as this replica has it.
    public func custody(of evidence: RecordKey) throws -> [CustodyEvent] {
        refreshCatalog()
        return try database.read { store in
            try store.keys(referring: evidence.id).filter { $0.entity == .custody }.compactMap { key in
                guard let state = try store.state(of: key), let creation = state.creation,
                      state.fields["evidence"]?.currentValue.stringValue == evidence.id else { return nil }
                let value = { (name: String) in state.fields[name]?.currentValue.stringValue }
                return CustodyEvent(action: value("action") ?? "?", sha256: value("sha256") ?? "", detail: value("detail"),
                                    by: creation.author, at: ISO8601DateFormatter().string(from: creation.version.date),
                                    replica: creation.version.replica.description, id: key.id)
            }.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        }
    }
}
