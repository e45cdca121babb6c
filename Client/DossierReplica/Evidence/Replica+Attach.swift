import DossierCore
import DossierEvidence
import Foundation

/// What a researcher says about the files they attach; every part is optional (the kind follows the media type).
public struct EvidenceDetails: Sendable {
    /// photo, video, audio, document, web_capture or other.
    public var kind: String?
    /// A note on the file.
    public var note: String?
    /// When it was captured: a partial date or an RFC 3339 date and time.
    public var capturedAt: String?
    /// Who captured it.
    public var capturedBy: String?
    /// Where it was saved from.
    public var sourceURL: String?
    /// The SHA-256 of the file this one was made from (a copy without metadata).
    public var derivedFrom: String?

    /// Details with nothing said.
    public init(kind: String? = nil, note: String? = nil, capturedAt: String? = nil, capturedBy: String? = nil, sourceURL: String? = nil,
                derivedFrom: String? = nil) {
        (self.kind, self.note, self.capturedAt, self.capturedBy, self.sourceURL) = (kind, note, capturedAt, capturedBy, sourceURL)
        self.derivedFrom = derivedFrom
    }
}

/// One attached file: its evidence record's id, its digest and size, its media type, and whether its bytes were already kept.
public struct AttachedFile: Sendable {
    /// The evidence record's id.
    public let evidence: String
    /// What keeping the bytes did.
    public let kept: EvidenceFolder.Kept
    /// The media type sniffed from the bytes.
    public let mediaType: String
}

extension Replica {
    /// The folder beside this replica that keeps its evidence files (`PATH-evidence`).
    public var evidenceFolder: EvidenceFolder { EvidenceFolder(besideReplica: database.path) }

    /// Keeps each file (hashed as it streams; the same bytes once; the file itself only read) and records each as an
    /// `evidence` record of `target` with its `attached` custody event, all in one transaction. When anything is refused, no record is made and the
    /// bytes this call newly kept are removed.
    public func attach(_ files: [URL], to target: RecordKey, details: EvidenceDetails) throws -> [AttachedFile] {
        let settings = try settings()
        guard settings.role.canPush else { throw ReplicaError.readOnly(team: settings.team) } // before copying any bytes
        let folder = evidenceFolder
        var kept: [(name: String, kept: EvidenceFolder.Kept, mediaType: String)] = []
        do {
            for file in files {
                let result = try folder.keep(fileAt: file)
                kept.append((file.lastPathComponent, result, try MediaType.sniff(fileAt: folder.url(of: result.digest))))
            }
            return try transaction { editor in
                var generator = SystemRandomNumberGenerator()
                return try kept.map { file in
                    let key = RecordKey(entity: .evidence, id: RecordID.make(millis: wall(), using: &generator))
                    let fields = Self.evidenceFields(file.kept, mediaType: file.mediaType, name: file.name, target: target, details)
                    try editor.edit(key, steps: [{ _ in .create(fields: fields) }])
                    try editor.recordCustody(.attached, of: key.id, digest: file.kept.digest, millis: wall(), using: &generator)
                    return AttachedFile(evidence: key.id, kept: file.kept, mediaType: file.mediaType)
                }
            }
        } catch {
            for file in kept where !file.kept.alreadyKept { folder.discard(file.kept.digest) }
            throw error
        }
    }

    private static func evidenceFields(_ kept: EvidenceFolder.Kept, mediaType: String, name: String, target: RecordKey,
                                       _ details: EvidenceDetails) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "sha256": .string(kept.digest.hex), "size": .double(Double(kept.size)), "media_type": .string(mediaType),
            "original_name": .string(name), "kind": .string(details.kind ?? defaultKind(mediaType: mediaType)),
            "targets": .array([.string(target.id)]),
        ]
        for (field, value) in [("note", details.note), ("captured_at", details.capturedAt), ("captured_by", details.capturedBy),
                               ("source_url", details.sourceURL), ("derived_from", details.derivedFrom)] {
            if let value { fields[field] = .string(value) }
        }
        return fields
    }

    /// The evidence kind a media type suggests when the researcher gives none.
    static func defaultKind(mediaType: String) -> String {
        switch mediaType {
        case let type where type.hasPrefix("image/"): "photo"
        case let type where type.hasPrefix("video/"): "video"
        case let type where type.hasPrefix("audio/"): "audio"
        case "text/html", "multipart/related", "application/warc": "web_capture"
        case "application/pdf", "text/plain", "application/json", "application/xml", "application/zip": "document"
        default: "other"
        }
    }
}
