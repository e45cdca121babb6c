import Foundation

/// The HTTP methods the sync protocol uses.
public enum HTTPMethod: String, Sendable, Codable {
    /// Reads: pull, snapshot, status.
    case get = "GET"
    /// Writes: push.
    case post = "POST"
}

// An implementation retries what is worth retrying itself and throws `TransportError` for the rest;
// any HTTP status it did not retry comes back as an `HTTPReply` for `SyncClient` to interpret.
/// Sends one request to the team server and returns its reply; `CurlTransport` is the real one.
public protocol SyncTransport: Sendable {
    /// Sends `body` (JSON, if any) to `path` under the server's base URL with `query` parameters.
    func send(method: HTTPMethod, path: String, query: [String: String], body: Data?) throws -> HTTPReply
    /// A GET that accepts these media types (in `Accept`) instead of JSON alone.
    func get(_ path: String, query: [String: String], accepting mediaTypes: String) throws -> HTTPReply
}

extension SyncTransport {
    /// A transport that cannot ask for other media types gets JSON.
    public func get(_ path: String, query: [String: String], accepting mediaTypes: String) throws -> HTTPReply {
        try get(path, query: query)
    }

    /// A GET without a body.
    public func get(_ path: String, query: [String: String] = [:]) throws -> HTTPReply {
        try send(method: .get, path: path, query: query, body: nil)
    }
}
