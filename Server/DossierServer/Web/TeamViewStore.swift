import DossierCore

/// What the team view reads from the team's log (issue 18): who pushed what, by day, and one record's changes.
/// `SyncStore` refines it; both stores implement it (`+TeamView` files).
public protocol TeamViewStore: Sendable {
    /// The team's changes received since `since` (ms), counted by day (UTC, as the server received them), author and
    /// kind of record; newest day first.
    func activity(team: Int64, since: Int64) async throws -> [ActivityCount]
    /// Every change of one record, in log order.
    func changes(of key: RecordKey, team: Int64) async throws -> [Change]
    /// The merged records changed by log entries after `after` (packed states), for a view kept up to date.
    func records(team: Int64, updatedAfter after: Int64) async throws -> [[UInt8]]
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
