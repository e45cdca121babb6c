/// The answer to `GET /v1/changes?after=&limit=`: changes in server order and where to continue.
public struct PullPage: Codable, Sendable, Equatable {
    /// The changes after the requested cursor, oldest first.
    public var changes: [Change]
    /// The cursor to pass as `after` next time (unchanged when there was nothing new).
    public var next: Int64
    /// True when more changes are waiting past `next`.
    public var more: Bool

    /// The JSON keys (a server splices stored changes into this shape).
    public enum CodingKeys: String, CodingKey { case changes, next, more }

    /// Creates a page.
    public init(changes: [Change], next: Int64, more: Bool) {
        self.changes = changes
        self.next = next
        self.more = more
    }
}
