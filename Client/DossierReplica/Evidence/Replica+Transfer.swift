import DossierCore
import DossierEvidence
import Foundation

/// An evidence record's file as a transfer sees it.
public struct EvidenceFile: Sendable, Equatable {
    /// The evidence record's id.
    public let evidence: String
    /// The file's SHA-256.
    public let digest: ContentDigest
    /// Its size in bytes.
    public let size: Int64
    /// The name it was attached under.
    public let name: String
    /// photo, video, document, web_capture…
    public let kind: String
}

extension Replica {
    /// The files that outbox changes (canonical bodies) create evidence records for and that the team server may not
    /// hold yet (no `received` custody event here): each must be uploaded before its change is pushed.
    func evidenceToUpload(in bodies: [String]) throws -> [EvidenceFile] {
        let created = try bodies.filter { $0.contains("\"evidence\"") }.compactMap { body -> String? in
            let change = try ReplicaJSON.decodeChange(body)
            guard change.entity == .evidence, case .create = change.operation else { return nil }
            return change.record
        }
        return try created.compactMap { id in
            let key = RecordKey(entity: .evidence, id: id)
            let received = try custody(of: key).contains { $0.action == CustodyAction.received.rawValue }
            return received ? nil : try evidenceFile(key)
        }
    }

    /// The file of an evidence record, as its record describes it; nil when the record is not here or not evidence.
    public func evidenceFile(_ key: RecordKey) throws -> EvidenceFile? {
        guard key.entity == .evidence, let state = try record(key), state.creation != nil, !state.isDeleted else { return nil }
        let text = { (name: String) in state.fields[name]?.currentValue.stringValue }
        guard let digest = text("sha256").flatMap(ContentDigest.init(hex:)),
              let size = state.fields["size"]?.currentValue.doubleValue else { return nil }
        return EvidenceFile(evidence: key.id, digest: digest, size: Int64(size), name: text("original_name") ?? digest.hex,
                            kind: text("kind") ?? "other")
    }

    /// The evidence files of the records named (an evidence record stands for itself; any other record for the evidence
    /// that targets it), or of every evidence record when `keys` is nil.
    public func evidenceFiles(of keys: [RecordKey]?) throws -> [EvidenceFile] {
        refreshCatalog()
        let evidenceKeys: [RecordKey] = try database.read { store in
            guard let keys else { return try store.catalog(of: .evidence).filter(\.live).map { RecordKey(entity: .evidence, id: $0.id) } }
            return try keys.flatMap { key in
                key.entity == .evidence ? [key] : try store.keys(referring: key.id).filter { $0.entity == .evidence }
            }
        }
        var seen = Set<String>()
        return try evidenceKeys.filter { seen.insert($0.id).inserted }.compactMap { try evidenceFile($0) }
    }

    /// Writes the custody of a finished upload: `uploaded` by this user and `received` with the server's signed receipt.
    func noteUploaded(_ file: EvidenceFile, reply: BlobReply, resumedFrom: Int64, server: String) throws {
        let sent = resumedFrom >= file.size ? "the server held the file already" : resumedFrom > 0
            ? "\(ByteSize.text(file.size - resumedFrom)) sent, resumed from byte \(resumedFrom)" : "\(ByteSize.text(file.size)) sent"
        let receipt = reply.receipt.map { "team \($0.team) received \($0.size) bytes at \($0.receivedAt); server signature \($0.signature)" }
            ?? "the server confirmed the whole file"
        try transaction { editor in
            var generator = SystemRandomNumberGenerator()
            try editor.recordCustody(.uploaded, of: file.evidence, digest: file.digest, detail: "to \(server): \(sent)", millis: wall(),
                                     using: &generator)
            try editor.recordCustody(.received, of: file.evidence, digest: file.digest, detail: receipt, millis: wall(), using: &generator)
        }
    }

    /// Writes the custody of a finished, checked download: `downloaded` by this user. A viewer's replica writes none
    /// (it cannot send changes); the server's log records every download.
    func noteDownloaded(_ file: EvidenceFile, server: String) throws {
        guard try settings().role.canPush else { return }
        try transaction { editor in
            var generator = SystemRandomNumberGenerator()
            try editor.recordCustody(.downloaded, of: file.evidence, digest: file.digest, detail: "from \(server), checked against its SHA-256",
                                     millis: wall(), using: &generator)
        }
    }
}
