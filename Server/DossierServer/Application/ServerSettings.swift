import DossierCore

/// What an operator can tune, by flags or environment.
public struct ServerSettings: Sendable {
    /// The host to listen on.
    public var host: String = "127.0.0.1"
    /// The port to listen on (0 picks a free one).
    public var port: Int = 8080
    /// The largest request body accepted, after decompression.
    public var maxBodyBytes: Int = 16 * 1024 * 1024
    /// The largest evidence file accepted (`serve --max-blob`); a larger upload gets 413 before any byte is kept.
    public var maxBlobBytes: Int64 = 2 << 30
    /// How far in the server's future a change may be stamped.
    public var maxClockSkewMillis: Int64 = 10 * 60 * 1000
    /// Whether the team's read-only web view is served under `/` (`serve --no-web` turns it off).
    public var web = true
    /// Whether unsigned changes are refused even from replicas without a device key (`serve --require-signatures`).
    public var requireSignatures = false
    /// The URL researchers reach the server at, remembered in the store for invitations (`serve --public-url`).
    public var publicURL: String?
    /// TLS certificate and key (PEM), when the server terminates TLS itself.
    public var tls: (certificate: String, key: String)?
    /// The server's clock in milliseconds; injected by tests.
    public var clock: WallClock = systemWallClock

    /// The defaults.
    public init() {}
}
