import DossierCore
import Foundation

/// Why a request to the team server failed, in one line that says what to check; never contains the token.
public enum TransportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The server could not be reached, after the retries (offline is normal: the CLI exits 3).
    case unreachable(String)
    /// TLS failed: the pin did not match or the certificate could not be trusted (not retried).
    case tls(String)
    /// The server answered with an error status; `code` and `message` come from its JSON error body.
    case server(status: Int, code: String, message: String)
    /// Client and server speak different protocol versions.
    case protocolMismatch(String)
    /// The server answered success but its body could not be read.
    case badReply(String)

    /// The one-line message for people.
    public var description: String {
        switch self {
        case .unreachable(let message), .tls(let message), .protocolMismatch(let message), .badReply(let message):
            return Self.oneLine(message)
        case .server(let status, let code, let message):
            return Self.oneLine("the server refused the request (HTTP \(status), \(code)): \(message)")
        }
    }

    /// True when the server could not be reached (the CLI treats this as "offline", exit code 3).
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// The error for a non-2xx reply, read from its `{"error": {"code", "message"}}` body when there is one.
    public static func from(_ reply: HTTPReply) -> TransportError {
        guard let body = try? JSONDecoder().decode(ErrorReply.self, from: reply.body).error else {
            return .server(status: reply.status, code: "http_\(reply.status)", message: genericMessage(status: reply.status))
        }
        if reply.status == 400, body.code == "protocol_mismatch" {
            return .protocolMismatch(body.message)
        }
        return .server(status: reply.status, code: body.code, message: body.message)
    }

    /// What to say about a status whose body did not explain it (a proxy's page, or not a Dossier server at all).
    static func genericMessage(status: Int) -> String {
        switch status {
        case 401, 403: "the server (or a proxy in front of it) refused access; check the server URL and your token"
        case 404, 405: "the server does not know this endpoint; check that the server URL points at a dossier-server"
        case 413: "the request was too large for the server or a proxy in front of it; sync fewer changes at a time"
        case 429, 503: "the server is busy or unavailable; try again in a few minutes"
        case 500...599: "the server or a proxy in front of it failed; try again later, and tell the server's operator if it persists"
        default: "the server answered an unexpected HTTP \(status); check that the server URL points at a dossier-server"
        }
    }

    /// Newlines and runs of spaces folded, so a message is always one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
