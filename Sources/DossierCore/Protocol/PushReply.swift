/// The answer to a push: one receipt per submitted change, in the order submitted.
public struct PushReply: Codable, Sendable, Equatable {
    /// The receipts.
    public var receipts: [Receipt]

    /// Creates a reply.
    public init(receipts: [Receipt]) { self.receipts = receipts }
}

/// What the server did with one pushed change.
public struct Receipt: Codable, Sendable, Equatable {
    /// The outcome of one change.
    public enum Status: String, Codable, Sendable {
        /// Stored now.
        case accepted
        /// Stored before, with the same content: a retry, nothing to do.
        case alreadyHad = "already_had"
        /// Not stored; `code` and `message` say why.
        case rejected
    }

    /// The change's id as submitted (empty when none was readable).
    public var id: String
    /// The outcome.
    public var status: Status
    /// Why it was rejected, as a stable code.
    public var code: RejectionCode?
    /// Why it was rejected, in words a researcher reads.
    public var message: String?

    /// Creates a receipt.
    public init(id: String, status: Status, code: RejectionCode? = nil, message: String? = nil) {
        self.id = id
        self.status = status
        self.code = code
        self.message = message
    }

    /// A rejection.
    public static func rejected(_ id: String, code: RejectionCode, message: String) -> Receipt {
        Receipt(id: id, status: .rejected, code: code, message: message)
    }

    /// True when the change is on the server (now or before).
    public var isStored: Bool { status != .rejected }
}

/// Why a pushed change was rejected: a stable code, shared by the server that writes it and the client that acts on it.
/// An open set, so a client reads codes a newer server adds.
public struct RejectionCode: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The code as sent.
    public var rawValue: String

    /// A code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A code written as a literal.
    public init(stringLiteral value: String) { rawValue = value }

    /// The change could not be read.
    public static let malformed = RejectionCode(rawValue: "malformed")
    /// The change breaks a rule of the model.
    public static let invalid = RejectionCode(rawValue: "invalid")
    /// The change's author is not the pushing user.
    public static let authorMismatch = RejectionCode(rawValue: "author_mismatch")
    /// The change is stamped too far ahead of the server's clock; re-stamp it and push again.
    public static let clockAhead = RejectionCode(rawValue: "clock_ahead")
    /// Another change with different content was stored under this id.
    public static let idReused = RejectionCode(rawValue: "id_reused")
    /// The change carries no signature, but its replica signs its changes (or the server requires signatures).
    public static let unsigned = RejectionCode(rawValue: "unsigned")
    /// The change's signature is not its device's over its bytes (altered, or replayed under another id).
    public static let badSignature = RejectionCode(rawValue: "bad_signature")
    /// The server knows no device key for the change's replica (its author has not synced since it was made).
    public static let deviceUnknown = RejectionCode(rawValue: "device_unknown")
    /// The change's device key was revoked.
    public static let deviceRevoked = RejectionCode(rawValue: "device_revoked")
    /// The change's `prev` is not the hash of its replica's previous change as the server holds it.
    public static let chainBroken = RejectionCode(rawValue: "chain_broken")

    public var description: String { rawValue }

    /// Reads the bare string.
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Writes the bare string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
