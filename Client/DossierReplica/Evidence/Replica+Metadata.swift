import DossierCore
import DossierEvidence
import Foundation

extension Replica {
    /// The metadata embedded in an evidence record's file, when it is a photo or video kept here; nil otherwise.
    public func embeddedMetadata(of key: RecordKey) throws -> EmbeddedMetadata? {
        guard let file = try evidenceFile(key), Self.carriesMetadata(try mediaType(of: key)),
              evidenceFolder.contains(file.digest) else { return nil }
        return try ExifTool.metadata(of: evidenceFolder.url(of: file.digest))
    }

    /// A copy of an evidence file without its embedded metadata, kept and recorded as new evidence `derived_from` the
    /// original (same target and kind), with its own `attached` custody; the original is untouched. Returns its id.
    public func redactedCopy(of key: RecordKey) throws -> String {
        guard let file = try evidenceFile(key), evidenceFolder.contains(file.digest) else {
            throw ReplicaError.notFound("\(key.id): its file is not kept here (dossier fetch it first)")
        }
        let firstTarget = try record(key)?.fields["targets"]?.currentValue.arrayStrings.first
        let target = try firstTarget.map { try resolve($0) } ?? key
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-redact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        // exiftool writes only files whose type it knows by their extension; kept files are named by hash alone.
        let fileExtension = Self.fileExtension(mediaType: try mediaType(of: key), name: file.name)
        let source = folder.appendingPathComponent("original." + fileExtension)
        try FileManager.default.copyItem(at: evidenceFolder.url(of: file.digest), to: source)
        let stem = ((file.name as NSString).lastPathComponent as NSString).deletingPathExtension
        let copy = folder.appendingPathComponent("\(stem)-without-metadata.\(fileExtension)")
        try ExifTool.strip(source, to: copy)
        let details = EvidenceDetails(kind: file.kind, note: "copy of \(file.name) with its embedded metadata removed (exiftool)",
                                      derivedFrom: file.digest.hex)
        guard let attached = try attach([copy], to: target, details: details).first else { throw ReplicaError.notFound(key.id) }
        return attached.evidence
    }

    private func mediaType(of key: RecordKey) throws -> String {
        try record(key)?.fields["media_type"]?.currentValue.stringValue ?? ""
    }

    /// The extension exiftool recognises for a media type (else the original name's).
    static func fileExtension(mediaType: String, name: String) -> String {
        let known = ["image/jpeg": "jpg", "image/png": "png", "image/tiff": "tif", "image/heic": "heic", "image/webp": "webp",
                     "image/gif": "gif", "video/mp4": "mp4", "video/quicktime": "mov", "application/pdf": "pdf"]
        let given = (name as NSString).pathExtension
        return known[mediaType] ?? (given.isEmpty ? "bin" : given)
    }

    /// Photos, videos and PDFs carry capture metadata worth reading or removing.
    static func carriesMetadata(_ mediaType: String) -> Bool {
        mediaType.hasPrefix("image/") || mediaType.hasPrefix("video/") || mediaType == "application/pdf"
    }
}
