import Foundation

/// The server's answer to `PUT /v1/blobs/{sha256}`: how much of the file it holds and, once whole, its signed receipt.
public struct BlobReply: Codable, Sendable, Equatable {
    /// The file's SHA-256 (its name).
    public var sha256: String
    /// The file's size in bytes.
    public var size: Int64
    /// How many bytes the server holds.
    public var received: Int64
    /// Whether the server holds the whole file, checked against its name.
    public var complete: Bool
    /// When the file became whole on the server, if it is.
    public var receipt: BlobReceipt?

    /// Creates a reply.
    public init(sha256: String, size: Int64, received: Int64, complete: Bool, receipt: BlobReceipt? = nil) {
        self.sha256 = sha256
        self.size = size
        self.received = received
        self.complete = complete
        self.receipt = receipt
    }
}

/// The team server's statement that it holds a file whole: team, name, size and time, signed with its identity key
/// (Ed25519 over the canonical JSON of everything but the signature).
public struct BlobReceipt: Codable, Sendable, Equatable {
    /// The team the file belongs to.
    public var team: String
    /// The file's SHA-256.
    public var sha256: String
    /// Its size in bytes.
    public var size: Int64
    /// When the server first held it whole (ISO 8601, UTC, to the second).
    public var receivedAt: String
    /// The signature in base64; empty in the signed bytes.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case team, sha256, size, signature
        case receivedAt = "received_at"
    }

    /// Creates a receipt, unsigned until `signature` is set.
    public init(team: String, sha256: String, size: Int64, receivedAt: String, signature: String = "") {
        self.team = team
        self.sha256 = sha256
        self.size = size
        self.receivedAt = receivedAt
        self.signature = signature
    }
}
