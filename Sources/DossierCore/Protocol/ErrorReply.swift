/// Every error response's body: `{"error": {"code": "...", "message": "..."}}`.
public struct ErrorReply: Codable, Sendable, Equatable {
    /// The error.
    public struct Body: Codable, Sendable, Equatable {
        /// A stable code for scripts (`unauthorized`, `forbidden`, `bad_request`, …).
        public var code: String
        /// What went wrong and what to do, for people.
        public var message: String
    }

    /// The error.
    public var error: Body

    /// Creates an error body.
    public init(code: String, message: String) { error = Body(code: code, message: message) }
}
