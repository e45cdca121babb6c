import Foundation

/// How to reach the team server: where, as whom, through what, and how patiently (`description` hides the token).
public struct TransportOptions: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The server's base URL, `https://host:port` (a path prefix is kept, for servers behind a reverse proxy).
    public var baseURL: String
    /// The bearer token `dossier-server user add` printed.
    public var token: String
    /// A proxy URL such as `socks5h://127.0.0.1:9050` (Tor; `socks5h` resolves names through the proxy).
    public var proxy: String?
    /// The server's public-key pin, `sha256//BASE64`; when set it replaces CA trust (the pin is still enforced).
    public var pin: String?
    /// A PEM file of CA certificates to trust instead of the system's, for a team's private CA.
    public var caFile: String?
    /// Seconds allowed to connect (TCP, proxy and TLS handshake).
    public var connectTimeout: Double
    /// Seconds allowed for a whole request, connection included.
    public var requestTimeout: Double
    /// Retries after the first attempt, on network failures and on 429/503.
    public var retries: Int
    /// The first retry's delay in seconds; each further retry doubles it (with jitter).
    public var backoff: Double
    /// The longest delay in seconds a retry waits, even when the server's `Retry-After` asks for more.
    public var maxDelay: Double
    /// Whether bodies travel gzipped both ways.
    public var compression: Compression

    /// When bodies travel gzipped.
    public enum Compression: String, Sendable, Codable {
        /// Gzipped unless the server is on this machine (a loopback address), where it only costs time on both sides.
        case automatic
        /// Always gzipped (over the size threshold).
        case always
        /// Never gzipped.
        case never
    }

    /// Creates options; the defaults suit a slow link such as Tor.
    public init(baseURL: String, token: String, proxy: String? = nil, pin: String? = nil, caFile: String? = nil,
                connectTimeout: Double = 30, requestTimeout: Double = 120, retries: Int = 4, backoff: Double = 0.5,
                maxDelay: Double = 30, compression: Compression = .automatic) {
        self.baseURL = baseURL
        self.token = token
        self.proxy = proxy
        self.pin = pin
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retries = retries
        self.backoff = backoff
        self.maxDelay = maxDelay
        self.compression = compression
    }

    /// Decodes options; keys missing from an older saved copy take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TransportOptions(baseURL: "", token: "")
        self.init(baseURL: try container.decode(String.self, forKey: .baseURL),
                  token: try container.decode(String.self, forKey: .token),
                  proxy: try container.decodeIfPresent(String.self, forKey: .proxy),
                  pin: try container.decodeIfPresent(String.self, forKey: .pin),
                  caFile: try container.decodeIfPresent(String.self, forKey: .caFile),
                  connectTimeout: try container.decodeIfPresent(Double.self, forKey: .connectTimeout) ?? defaults.connectTimeout,
                  requestTimeout: try container.decodeIfPresent(Double.self, forKey: .requestTimeout) ?? defaults.requestTimeout,
                  retries: try container.decodeIfPresent(Int.self, forKey: .retries) ?? defaults.retries,
                  backoff: try container.decodeIfPresent(Double.self, forKey: .backoff) ?? defaults.backoff,
                  maxDelay: try container.decodeIfPresent(Double.self, forKey: .maxDelay) ?? defaults.maxDelay,
                  compression: try container.decodeIfPresent(Compression.self, forKey: .compression) ?? defaults.compression)
    }

    /// The options without the token, safe to log.
    public var description: String {
        var parts = ["server \(baseURL)", "token <redacted>"]
        if let proxy { parts.append("proxy \(proxy)") }
        if let pin { parts.append("pin \(pin)") }
        if let caFile { parts.append("CA file \(caFile)") }
        parts.append("timeouts \(connectTimeout)s/\(requestTimeout)s, \(retries) retries")
        return parts.joined(separator: ", ")
    }

    /// The base URL without trailing slashes.
    var trimmedBaseURL: String {
        var url = baseURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// Whether this transfer gzips its bodies: `automatic` leaves them plain for a server at a loopback address.
    var compresses: Bool {
        switch compression {
        case .always: true
        case .never: false
        case .automatic:
            !Self.isLoopback(host: URL(string: trimmedBaseURL)?.host)
        }
    }

    /// True for `localhost`, `::1` and 127.0.0.0/8: a server on this machine.
    static func isLoopback(host: String?) -> Bool {
        guard let host = host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else { return false }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Checks what can be checked before connecting; throws a `TransportError` that says which option is wrong.
    func validate() throws {
        let url = trimmedBaseURL.lowercased()
        guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count > "https://".count else {
            throw TransportError.unreachable("the server URL '\(baseURL)' is not an http:// or https:// URL; check --server")
        }
        if let pin, !Self.isValidPin(pin) {
            throw TransportError.tls("the pin '\(pin)' is not of the form sha256//BASE64; check the pin with your team admin")
        }
        if pin != nil, url.hasPrefix("http://") {
            throw TransportError.tls("a pin was given but the server URL is plain http://; use the https:// URL of the server")
        }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw TransportError.tls("the CA file '\(caFile)' cannot be read; check the path")
        }
    }

    /// True for one or more `sha256//BASE64` pins joined by `;`, as libcurl takes them.
    static func isValidPin(_ pin: String) -> Bool {
        let pins = pin.split(separator: ";", omittingEmptySubsequences: false)
        return !pins.isEmpty && pins.allSatisfy { item in
            guard item.hasPrefix("sha256//") else { return false }
            let base64 = item.dropFirst("sha256//".count)
            return Data(base64Encoded: String(base64))?.count == 32
        }
    }
}
