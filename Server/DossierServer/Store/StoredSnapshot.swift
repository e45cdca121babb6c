import DossierCore

/// A page of a team's materialised state as stored: each record's state bytes, packed (or JSON, in rows
/// written before states were packed). A replica that accepts the packed form gets them as they are.
public struct StoredSnapshot: Sendable {
    /// The stored states, in key order.
    public var states: [[UInt8]]
    /// Every change up to this log position is included.
    public var cursor: Int64
    /// The `after` for the next page, or nil on the last one.
    public var nextAfter: String?

    /// A page of at most `limit` records read in key order; when it is full, the next page starts after `lastKey`.
    init(states: [[UInt8]], lastKey: RecordKey?, cursor: Int64, limit: Int) {
        self.states = states
        self.cursor = cursor
        nextAfter = states.count == limit ? lastKey.map(SnapshotPage.after) : nil
    }

    /// The page with its records decoded (what the JSON form sends).
    public func decoded() throws -> SnapshotPage {
        SnapshotPage(records: try states.map(RecordState.init(stored:)), cursor: cursor, nextAfter: nextAfter)
    }

    /// The page in the packed form; a JSON row from before packing is packed on the way.
    public func packed() throws -> [UInt8] {
        let packed = try states.map { $0.first == RecordState.packedFormat ? $0 : try RecordState(stored: $0).packed() }
        return SnapshotPage.packed(states: packed, cursor: cursor, nextAfter: nextAfter)
    }
}

extension SyncStore {
    /// A page of the materialised state, decoded (for the JSON form, tests and the demo).
    public func snapshot(team: Int64, after: String?, limit: Int) async throws -> SnapshotPage {
        try await storedSnapshot(team: team, after: after, limit: limit).decoded()
    }
}
