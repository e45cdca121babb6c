import DossierCore

/// How both stores page the materialised state: by record key, `after` written as `entity/record-id`.
extension SnapshotPage {
    /// A record key as a page's `next_after` text.
    static func after(_ key: RecordKey) -> String { "\(key.entity.rawValue)/\(key.id)" }

    /// Parses an `after` text; nil unless it is `entity/record-id` with a valid record id.
    static func key(after text: String) -> RecordKey? {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let entity = EntityKind(rawValue: parts[0]), RecordID.isValid(parts[1]) else { return nil }
        return RecordKey(entity: entity, id: parts[1])
    }

    /// A page of at most `limit` records read in key order; when it is full, the next page starts after its last key.
    init(records: [RecordState], cursor: Int64, limit: Int) {
        self.init(records: records, cursor: cursor, nextAfter: records.count == limit ? records.last.map { Self.after($0.key) } : nil)
    }
}
