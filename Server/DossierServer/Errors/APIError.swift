import DossierCore
import Foundation
import Hummingbird

/// An error answered as `{"error": {"code", "message"}}` with its HTTP status. Its message is written
/// for the client; nothing from a database or the runtime ever goes into one.
public struct APIError: HTTPResponseError, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable code for scripts.
    public var code: String
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let body = CanonicalJSON.encode(ErrorReply(code: code, message: message))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIError {
    /// 401: no usable token.
    static let unauthorized = APIError(.unauthorized, "unauthorized",
        "missing or invalid bearer token; send 'Authorization: Bearer TOKEN' with the token 'dossier-server user add' printed")
    /// 401: the user's access was revoked.
    static func revoked(_ member: Member, at time: Int64) -> APIError {
        APIError(.unauthorized, "revoked",
                 "the access of user '\(member.name)' to team '\(member.team)' was revoked on \(StoreClock.text(time)); ask the team admin for a new invitation")
    }
    /// 401: `user reissue` replaced this token with a newer one.
    static func tokenReplaced(_ member: Member, at time: Int64) -> APIError {
        APIError(.unauthorized, "token_replaced",
                 "this token of user '\(member.name)' was replaced by a newer one on \(StoreClock.text(time)); use the newest invitation")
    }
    /// 401: an invitation's token was first used after the invitation expired.
    static func invitationExpired(_ member: Member, at time: Int64) -> APIError {
        APIError(.unauthorized, "invitation_expired",
                 "the invitation of user '\(member.name)' expired on \(StoreClock.text(time)) before it was first used; ask the team admin for a new one")
    }
    /// 403: a viewer tried to push.
    static let viewerCannotPush = APIError(.forbidden, "forbidden",
        "viewers can read but not push changes; ask a team admin for the editor role")
    /// 503: the store failed; details are in the server's log only.
    static let storeUnavailable = APIError(.serviceUnavailable, "store_unavailable",
        "the server could not reach its store; try again shortly, and tell the operator if it persists")
    /// 500: anything unexpected; details are in the server's log only.
    static let internalError = APIError(.internalServerError, "internal", "the server failed unexpectedly; the operator can see why in its log")
    /// 400: an unreadable body.
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
}
