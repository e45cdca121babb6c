import DossierCore
import DossierEvidence
import Hummingbird

extension APIError {
    /// 400: a blob's name is not a SHA-256.
    static let badBlobName = APIError(.badRequest, "bad_blob_name",
        "a file is named by its SHA-256: 64 hexadecimal digits, e.g. /v1/blobs/e3b0c442…b855")
    /// 400: unreadable or contradictory `Content-Range`/`Content-Length`.
    static let badContentRange = APIError(.badRequest, "bad_content_range",
        "send Content-Length, and Content-Range: bytes START-END/TOTAL when resuming (END < TOTAL, END − START + 1 = Content-Length)")
    /// 403: a viewer tried to upload.
    static let viewerCannotUpload = APIError(.forbidden, "forbidden",
        "viewers can download files but not upload them; ask a team admin for the editor role")
    /// 404: the team holds no such whole file.
    static let blobNotFound = APIError(.notFound, "blob_not_found",
        "the team server does not hold this file whole; the replica that attached it must sync first")
    /// 409: another upload of the same file is running.
    static let uploadInProgress = APIError(.conflict, "upload_in_progress",
        "another upload of this file is in progress; try again shortly")
    /// 409: a piece that does not start where the stored bytes end.
    static func offsetMismatch(received: Int64, size: Int64?) -> APIError {
        APIError(.conflict, "offset_mismatch",
                 "the server holds the first \(received) bytes of this file; send the rest from byte \(received) (HEAD tells where to resume)")
    }
    /// 413: larger than `serve --max-blob`.
    static func blobTooLarge(_ size: Int64, limit: Int64) -> APIError {
        APIError(.contentTooLarge, "blob_too_large",
                 "a file of \(ByteSize.text(size)) is over this server's limit of \(ByteSize.text(limit)) (dossier-server serve --max-blob); nothing was stored")
    }
    /// 416: a download range past the end.
    static func rangeNotSatisfiable(size: Int64) -> APIError {
        APIError(.rangeNotSatisfiable, "range_not_satisfiable", "the file has \(size) bytes; ask for a range that starts before its end")
    }
    /// 422: the bytes do not hash to the name they were sent under.
    static func digestMismatch(_ digest: ContentDigest) -> APIError {
        APIError(.unprocessableContent, "digest_mismatch",
                 "the bytes received do not hash to \(digest.hex); nothing of them was kept — upload the file again from its start")
    }
    /// 507: the team's quota would be exceeded.
    static func quotaExceeded(used: Int64, quota: Int64, size: Int64) -> APIError {
        APIError(.insufficientStorage, "quota_exceeded",
                 "the team's files take \(ByteSize.text(used)) of its \(ByteSize.text(quota)) quota; this file needs \(ByteSize.text(size)) more — ask the operator to raise it (dossier-server team edit --quota)")
    }
    /// 507: the server's disk is full; nothing of the file was kept.
    static let storageFull = APIError(.insufficientStorage, "storage_full",
        "the server has no room for this file; nothing of it was kept — tell the operator, then sync again")
}

extension HTTPResponse.Status {
    /// 507 Insufficient Storage (RFC 4918), which HTTPTypes does not name.
    static var insufficientStorage: Self { .init(code: 507, reasonPhrase: "Insufficient Storage") }
}
