/// What the team view's activity page reads (issue 18): who pushed what, by day. `SyncStore` refines it; both stores
/// implement it (`+Activity` files).
public protocol ActivityStore: Sendable {
    /// The team's changes received since `since` (ms), counted by day (UTC, as the server received them), author and
    /// kind of record; newest day first.
    func activity(team: Int64, since: Int64) async throws -> [ActivityCount]
}

/// How many changes one author pushed to one kind of record on one day.
public struct ActivityCount: Sendable, Equatable {
    /// The day, YYYY-MM-DD (UTC).
    public var day: String
    /// The author.
    public var author: String
    /// The kind of record.
    public var entity: String
    /// How many changes.
    public var changes: Int
}
