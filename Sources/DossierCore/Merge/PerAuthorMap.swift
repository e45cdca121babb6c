/// `per-author`: one `lww` entry per author; different authors never conflict. A `null` write withdraws.
public struct PerAuthorMap: Hashable, Sendable, Codable {
    /// Each author's register.
    public internal(set) var entries: [String: LWWRegister] = [:]

    /// An empty map.
    public init() {}

    /// The merge: the write goes to its own author's register.
    public func merging(_ incoming: Write) -> PerAuthorMap {
        var next = self
        next.entries[incoming.author] = (entries[incoming.author] ?? LWWRegister()).merging(incoming)
        return next
    }

    /// The entries in force, by author.
    public var values: [String: JSONValue] {
        entries.compactMapValues { register in
            guard let value = register.winner?.value, !value.isNull else { return nil }
            return value
        }
    }
}
