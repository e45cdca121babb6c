import DossierCore
import DossierEvidence
import DossierTrust
import HTTPTypes
import Hummingbird
import Logging

/// Evidence files under `/v1/blobs/{sha256}` (SPEC §8.3): HEAD tells how much of a file the team's server holds,
/// PUT uploads it in resumable pieces, GET downloads it whole or by `Range`. Every member downloads; viewers never upload.
struct BlobController<Store: SyncStore> {
    let store: Store
    let settings: ServerSettings
    let identity: IdentityCache
    let uploads = BlobUploads()

    /// Adds the routes to a group that authenticates first.
    func addRoutes(to group: RouterGroup<DossierRequestContext>) {
        group.head("blobs/:sha256", use: head)
        group.put("blobs/:sha256", use: put)
        group.get("blobs/:sha256", use: get)
    }

    /// 200 with the size when the file is whole; 404 otherwise. Both say in `Upload-Offset` how many bytes are held.
    @Sendable func head(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let digest = try Self.digest(context)
        let entry = try await guarded(context) { try await store.blob(team: member.teamID, digest: digest) }
        var headers = HTTPFields()
        headers[.uploadOffset] = String(entry?.received ?? 0)
        if let entry { headers[.uploadLength] = String(entry.size) }
        guard let entry, entry.isComplete else { return Response(status: .notFound, headers: headers) }
        headers[.acceptRanges] = "bytes"
        headers[.eTag] = "\"\(digest.hex)\""
        return Response(status: .ok, headers: headers)
    }

    /// Stores a piece; 201 with a signed receipt when it made the file whole, 200 when more is expected (or it was whole).
    @Sendable func put(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let digest = try Self.digest(context)
        guard member.role.canPush else { throw APIError.viewerCannotUpload }
        guard let piece = ContentRange.upload(contentRange: request.headers[.contentRange],
                                              contentLength: request.headers[.contentLength]) else { throw APIError.badContentRange }
        let receiver = BlobReceiver(store: store, uploads: uploads, maxBlobBytes: settings.maxBlobBytes)
        let outcome = try await guarded(context) {
            try await receiver.receive(team: member.teamID, digest: digest, piece: piece, now: settings.clock(), body: request.body)
        }
        let entry = outcome.entry
        var reply = BlobReply(sha256: digest.hex, size: entry.size, received: entry.received, complete: entry.isComplete)
        if let completedAt = entry.completedAt {
            let receipt = BlobReceipt(team: member.team, sha256: digest.hex, size: entry.size, receivedAt: StoreClock.text(completedAt))
            reply.receipt = try await guarded(context) { try receipt.signed(by: try await identity.identity()) }
        }
        if outcome.completedNow {
            context.logger.info("file received", metadata: ["dossier.blob": "\(digest.hex)", "dossier.blob.size": "\(entry.size)"])
        }
        var response = Wire.json(reply, for: request, status: outcome.completedNow ? .created : .ok)
        response.headers[.uploadOffset] = String(entry.received)
        return response
    }

    /// The whole file (200) or the part `Range` asks for (206), streamed from the store.
    @Sendable func get(_ request: Request, context: DossierRequestContext) async throws -> Response {
        let member = try context.requireMember()
        let digest = try Self.digest(context)
        let found = try await guarded(context) { try await store.blob(team: member.teamID, digest: digest) }
        guard let entry = found, entry.isComplete else { throw APIError.blobNotFound }
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.acceptRanges] = "bytes"
        headers[.eTag] = "\"\(digest.hex)\""
        let range: Range<Int64>
        let status: HTTPResponse.Status
        switch ContentRange.download(range: request.headers[.range], size: entry.size) {
        case .whole:
            range = 0..<entry.size
            status = .ok
        case .part(let part):
            range = part
            status = .partialContent
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(entry.size)"
        case .unsatisfiable:
            throw APIError.rangeNotSatisfiable(size: entry.size)
        case .malformed:
            throw APIError.badRequest("Range must be one range, bytes=START- or bytes=START-END")
        }
        let body = Self.body(of: digest, team: member.teamID, range: range, store: store, logger: context.logger)
        context.logger.info("file sent", metadata: ["dossier.blob": "\(digest.hex)", "dossier.bytes": "\(range.count)"])
        return Response(status: status, headers: headers, body: body)
    }

    /// The bytes of `range`, read from the store as the client takes them.
    static func body(of digest: ContentDigest, team: Int64, range: Range<Int64>, store: Store, logger: Logger) -> ResponseBody {
        ResponseBody(contentLength: Int(range.count)) { writer in
            var output = writer
            do {
                try await store.readBlob(team: team, digest: digest, range: range) { piece in try await output.write(piece) }
            } catch {
                logger.error("file read failed", metadata: ["dossier.blob": "\(digest.hex)", "dossier.error": "\(String(reflecting: error))"])
                throw error
            }
            try await output.finish(nil)
        }
    }

    /// The `{sha256}` of the path, checked: 64 hex digits, so never a path of its own.
    static func digest(_ context: DossierRequestContext) throws -> ContentDigest {
        guard let text = context.parameters.get("sha256"), let digest = ContentDigest(hex: text), text == digest.hex else {
            throw APIError.badBlobName
        }
        return digest
    }
}

extension HTTPField.Name {
    /// How many bytes of a file the server holds (as in the tus protocol).
    static var uploadOffset: Self { Self("Upload-Offset")! }
    /// The file's declared size.
    static var uploadLength: Self { Self("Upload-Length")! }
}
