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
    /// Why it was rejected: a stable code such as `invalid`, `id_reused`, `author_mismatch`, `clock_ahead`.
    public var code: String?
    /// Why it was rejected, in words a researcher reads.
    public var message: String?

    /// Creates a receipt.
    public init(id: String, status: Status, code: String? = nil, message: String? = nil) {
        self.id = id
        self.status = status
        self.code = code
        self.message = message
    }

    /// A rejection.
    public static func rejected(_ id: String, code: String, message: String) -> Receipt {
        Receipt(id: id, status: .rejected, code: code, message: message)
    }

    /// True when the change is on the server (now or before).
    public var isStored: Bool { status != .rejected }
}
