/// `lww`: the write with the greatest (HLC, replica id) wins; the loser stays only in history.
public struct LWWRegister: Hashable, Sendable, Codable {
    /// The winning write.
    public internal(set) var winner: Write?

    /// An empty register.
    public init() {}

    /// The merge: keeps the later write.
    public func merging(_ incoming: Write) -> LWWRegister {
        if let current = winner, !Write.precedes(current, incoming) { return self }
        var next = self
        next.winner = incoming
        return next
    }
}
