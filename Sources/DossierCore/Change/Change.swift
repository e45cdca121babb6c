/// One edit made on one replica: the unit that is stored, synced, merged and shown in history.
public struct Change: Hashable, Sendable {
    /// Globally unique: the replica and its counter.
    public var id: ChangeID
    /// When it was made, on the hybrid logical clock; every value it writes carries this version.
    public var version: HLC
    /// The user who made it, as the server knows them.
    public var author: String
    /// The kind of record it touches.
    public var entity: EntityKind
    /// The id of the record it touches.
    public var record: String
    /// What it does.
    public var operation: ChangeOperation
    /// For a signed change: the hash of the same replica's previous change (SHA-256 of its canonical body, 64 hex
    /// digits; 64 zeros for the replica's first), so a replica's changes form a chain.
    public var prev: String?
    /// For a signed change: its device's Ed25519 signature (base64) over its canonical JSON without `sig`.
    public var sig: String?

    /// Creates a change.
    public init(id: ChangeID, version: HLC, author: String, entity: EntityKind, record: String, operation: ChangeOperation) {
        self.id = id
        self.version = version
        self.author = author
        self.entity = entity
        self.record = record
        self.operation = operation
    }

    /// The identity of the record it touches.
    public var key: RecordKey { RecordKey(entity: entity, id: record) }

    /// The same replica's previous change, by counter (nil for its first): the one a signed change names in `prev`.
    public var predecessor: ChangeID? {
        id.counter > 1 ? ChangeID(replica: id.replica, counter: id.counter - 1) : nil
    }
}

/// A record's identity: its kind and id.
public struct RecordKey: Hashable, Comparable, Sendable, Codable {
    /// The kind of record.
    public var entity: EntityKind
    /// The record's id.
    public var id: String

    /// Creates a key.
    public init(entity: EntityKind, id: String) {
        self.entity = entity
        self.id = id
    }

    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool { (lhs.entity, lhs.id) < (rhs.entity, rhs.id) }
}
