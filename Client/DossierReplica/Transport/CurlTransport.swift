import CCurl
import CompressNIO
import DossierCore
import Foundation
import NIOCore

// Call `send` from a thread of its own (or a CLI's main thread), never from the Swift concurrency pool.
/// The real transport: HTTP(S) through libcurl with proxy, pinning, gzip, HTTP/2, timeouts and retries; `send` blocks.
public final class CurlTransport: SyncTransport {
    /// Request bodies larger than this are sent gzipped.
    public static let gzipThreshold = 1_024

    /// How to reach the server.
    public let options: TransportOptions
    /// Called before each retry with the attempt just failed (1-based), the delay in seconds and why.
    public let onRetry: (@Sendable (_ attempt: Int, _ delay: Double, _ reason: String) -> Void)?
    private let pool = CurlHandlePool()

    /// libcurl's process-wide setup, run once before the first handle.
    private static let globalInit: CURLcode = dossier_curl_global_init()

    /// Creates a transport; nothing connects until the first request.
    public init(options: TransportOptions, onRetry: (@Sendable (_ attempt: Int, _ delay: Double, _ reason: String) -> Void)? = nil) {
        self.options = options
        self.onRetry = onRetry
    }

    /// Sends a request, retrying network failures and 429/503 with exponential backoff; throws `TransportError`.
    public func send(method: HTTPMethod, path: String, query: [String: String] = [:], body: Data? = nil) throws -> HTTPReply {
        try sendWithRetries(try prepare(method: method, path: path, query: query, body: body))
    }

    /// A GET whose `Accept` names `mediaTypes` (the snapshot asks for the packed form first).
    public func get(_ path: String, query: [String: String], accepting mediaTypes: String) throws -> HTTPReply {
        try sendWithRetries(try prepare(method: .get, path: path, query: query, body: nil, accept: mediaTypes))
    }

    /// Sends a prepared call, retrying network failures and 429/503 with exponential backoff.
    private func sendWithRetries(_ call: CurlCall) throws -> HTTPReply {
        var attempt = 1
        while true {
            let reason: String
            var retryAfter: Double? = nil
            do {
                let reply = try perform(call)
                guard reply.status == 429 || reply.status == 503 else { return reply }
                guard attempt <= options.retries else { return reply }
                reason = "the server answered HTTP \(reply.status)"
                retryAfter = reply.retryAfter
            } catch let failure as CurlFailure {
                guard Self.isRetryable(failure.code) else { throw Self.error(for: failure, url: call.url, options: options, attempts: attempt) }
                guard attempt <= options.retries else { throw Self.error(for: failure, url: call.url, options: options, attempts: attempt) }
                reason = failure.detail
            }
            let wait = delay(afterAttempt: attempt, retryAfter: retryAfter)
            onRetry?(attempt, wait, reason)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
            attempt += 1
        }
    }

    /// The transfer a request makes: URL, headers, and the body (gzipped when over the threshold).
    func prepare(method: HTTPMethod, path: String, query: [String: String], body: Data?, accept: String = "application/json") throws -> CurlCall {
        try options.validate()
        guard Self.globalInit == CURLE_OK else {
            throw TransportError.unreachable("libcurl could not be initialised (\(String(cString: curl_easy_strerror(Self.globalInit)))); reinstall libcurl")
        }
        let url = options.trimmedBaseURL + (path.hasPrefix("/") ? path : "/" + path) + Self.queryString(query)
        var headers = [
            "Authorization: Bearer \(options.token.filter { !$0.isNewline && $0 != "\0" })",
            "\(SyncProtocol.versionHeader): \(SyncProtocol.version)",
            "Accept: \(accept)",
            "Expect:",
        ]
        var payload = body
        if let body {
            headers.append("Content-Type: application/json")
            if options.compresses, body.count > Self.gzipThreshold {
                payload = try Self.gzip(body)
                headers.append("Content-Encoding: gzip")
            }
        }
        return CurlCall(options: options, method: method, url: url, headers: headers, body: payload)
    }

    /// The delay before the retry that follows attempt `attempt`: `Retry-After` when given, else exponential with jitter.
    func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        let cap = max(0, options.maxDelay)
        if let retryAfter { return min(retryAfter, cap) }
        let exponential = min(max(0, options.backoff) * pow(2, Double(attempt - 1)), cap)
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    /// One attempt on a pooled handle.
    private func perform(_ call: CurlCall) throws -> HTTPReply {
        guard let handle = pool.checkOut() else {
            throw CurlFailure(code: CURLE_OUT_OF_MEMORY, detail: "libcurl could not create a handle")
        }
        defer { pool.checkIn(handle) }
        return try call.perform(on: handle)
    }

    /// Performs one file transfer on a pooled handle, without retries (`BlobClient` resumes instead).
    func perform(_ transfer: CurlFileTransfer) throws -> HTTPReply {
        guard let handle = pool.checkOut() else {
            throw CurlFailure(code: CURLE_OUT_OF_MEMORY, detail: "libcurl could not create a handle")
        }
        defer { pool.checkIn(handle) }
        return try transfer.perform(on: handle)
    }

    /// `?name=value&…` in name order, percent-encoded; empty when there are no parameters.
    static func queryString(_ query: [String: String]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#?/")
        let pairs = query.sorted { $0.key < $1.key }.map { name, value in
            let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
            return "\(encode(name))=\(encode(value))"
        }
        return "?" + pairs.joined(separator: "&")
    }

    /// Gzips a body with CompressNIO at zlib's fastest level (as the server answers).
    static func gzip(_ data: Data) throws -> Data {
        var buffer = ByteBuffer(bytes: data)
        do {
            let compressed = try buffer.compress(with: .gzip(configuration: .init(compressionLevel: .fastestCompression)))
            return Data(compressed.readableBytesView)
        } catch {
            throw TransportError.badReply("the request body could not be gzipped (\(error)); this is a bug in dossier, please report it")
        }
    }

    /// True for failures a later attempt may not meet: no route, refused, timeouts, resets, cut-off replies.
    static func isRetryable(_ code: CURLcode) -> Bool {
        switch code {
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT,
             CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM,
             CURLE_PROXY:
            return true
        default:
            return false
        }
    }

    /// The `TransportError` for a libcurl failure that is final.
    static func error(for failure: CurlFailure, url: String, options: TransportOptions, attempts: Int) -> TransportError {
        let detail = failure.detail
        switch failure.code {
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tls("the server's public key does not match --pin; check the pin with your team admin (the connection may be intercepted)")
        case CURLE_PEER_FAILED_VERIFICATION:
            return .tls("the server's certificate could not be verified (\(detail)); ask your team admin for the server's --pin or its CA file")
        case CURLE_SSL_CACERT_BADFILE:
            return .tls("the CA file could not be used (\(detail)); check the CA file's path and that it holds PEM certificates")
        case CURLE_SSL_CONNECT_ERROR:
            return .tls("the TLS handshake with the server failed (\(detail)); check that the server URL is right and that the server serves https")
        case CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_CLIENTCERT:
            return .tls("TLS with the server failed (\(detail)); check the server URL, --pin and the CA file")
        case CURLE_WRITE_ERROR, CURLE_BAD_CONTENT_ENCODING, CURLE_WEIRD_SERVER_REPLY:
            return .badReply("the reply from \(url) could not be read (\(detail)); check that the server URL points at a dossier-server")
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_BAD_FUNCTION_ARGUMENT, CURLE_UNKNOWN_OPTION:
            return .unreachable("could not send the request to \(url) (\(detail)); check the server URL and the proxy setting")
        default:
            if isRetryable(failure.code) {
                let tried = attempts == 1 ? "" : " after \(attempts) attempts"
                let advice = options.proxy.map { "check your network connection and that the proxy \($0) is running" }
                    ?? "check your network connection and the server URL"
                return .unreachable("could not reach the server at \(options.trimmedBaseURL)\(tried) (\(detail)); \(advice), or try again later")
            }
            return .unreachable("the request to \(url) failed (\(detail)); check the server URL and the proxy setting, or try again later")
        }
    }
}
