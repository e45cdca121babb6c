/// Stamps the local edits of one replica: the next counter, a version from its clock, its author.
public struct ChangeMaker: Sendable {
    /// The replica whose edits these are.
    public var replica: ReplicaID { clock.replica }
    /// The user editing.
    public let author: String
    /// The replica's clock.
    public private(set) var clock: HybridLogicalClock
    /// The counter of the last change made.
    public private(set) var lastCounter: UInt64

    /// Creates a maker, resuming after the replica's last counter.
    public init(author: String, clock: HybridLogicalClock, lastCounter: UInt64 = 0) {
        self.author = author
        self.clock = clock
        self.lastCounter = lastCounter
    }

    /// A new, validated change; nothing is consumed when validation fails.
    public mutating func make(_ operation: ChangeOperation, on key: RecordKey) throws -> Change {
        var clock = self.clock
        let change = Change(id: ChangeID(replica: replica, counter: lastCounter + 1), version: clock.tick(),
                            author: author, entity: key.entity, record: key.id, operation: operation)
        try Validator.validate(change)
        self.clock = clock
        lastCounter += 1
        return change
    }

    /// Moves the clock past a change received from elsewhere, so later edits supersede it.
    public mutating func observe(_ change: Change) {
        clock.observe(change.version)
    }
}
