import DossierCore

/// How both stores page the materialised state: by record key, `after` written as `entity/record-id`.
extension SnapshotPage {
    /// A record key as a page's `next_after` text.
    static func after(_ key: RecordKey) -> String { "\(key.entity.rawValue)/\(key.id)" }

    /// A page of at most `limit` states read in key order; when it is full, the next page starts after `lastKey`.
    static func reading(states: [[UInt8]], lastKey: RecordKey?, cursor: Int64, limit: Int) -> SnapshotPage {
        SnapshotPage(states: states, cursor: cursor, nextAfter: states.count == limit ? lastKey.map(after) : nil)
    }

    /// Parses an `after` text; nil unless it is `entity/record-id` with a valid record id.
    static func key(after text: String) -> RecordKey? {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let entity = EntityKind(rawValue: parts[0]), RecordID.isValid(parts[1]) else { return nil }
        return RecordKey(entity: entity, id: parts[1])
    }
}
