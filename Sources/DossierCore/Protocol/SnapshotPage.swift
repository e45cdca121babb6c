/// One page of `GET /v1/snapshot`: materialised records, in key order, and the log position they include.
///
/// A replica bootstraps by storing every page's records, then pulling from the *first* page's cursor:
/// records read later may already include newer changes, which is harmless because merging is idempotent.
public struct SnapshotPage: Codable, Sendable {
    /// Merged records.
    public var records: [RecordState]
    /// Every change up to this cursor is included in the records.
    public var cursor: Int64
    /// The key to pass as `after` for the next page, or nil on the last page.
    public var nextAfter: String?

    enum CodingKeys: String, CodingKey {
        case records, cursor
        case nextAfter = "next_after"
    }

    /// Creates a page.
    public init(records: [RecordState], cursor: Int64, nextAfter: String?) {
        self.records = records
        self.cursor = cursor
        self.nextAfter = nextAfter
    }
}
