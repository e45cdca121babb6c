/// `immutable`: the value given at creation. If two creations ever disagree, the earliest wins everywhere.
public struct ImmutableValue: Hashable, Sendable, Codable {
    /// The creating write.
    public internal(set) var write: Write?

    /// An empty field.
    public init() {}

    /// The merge: keeps the earliest write (a pure, commutative, idempotent choice).
    public func merging(_ incoming: Write) -> ImmutableValue {
        var next = self
        if let current = write, !Write.precedes(incoming, current) { return self }
        next.write = incoming
        return next
    }
}
