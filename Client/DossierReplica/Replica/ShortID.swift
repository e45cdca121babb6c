/// Short ids for display: the shortest prefix, at least 8 characters, that tells every record apart.
/// Record ids are UUIDv7, whose first characters are a timestamp, so records made together need longer prefixes.
public struct ShortID: Sendable {
    /// The prefix length in use.
    public let length: Int

    /// The length that keeps every id of `ids` unique.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        let sorted = ids.sorted()
        var longest = 8
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let common = zip(a, b).prefix { $0 == $1 }.count
            longest = max(longest, common + 1)
        }
        length = min(longest, 36)
    }

    /// The id's display prefix.
    public func callAsFunction(_ id: String) -> String { String(id.prefix(length)) }
}
