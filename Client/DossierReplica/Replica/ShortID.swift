/// Short ids for display: the last characters of the id (its random part), at least 8 hex digits, as many as tell every
/// record apart. Record ids are UUIDv7, whose first characters are a timestamp shared by records made in the same minute,
/// so the end is what differs; `Replica.resolve` accepts such an ending as well as a prefix, with or without dashes.
public struct ShortID: Sendable {
    /// The number of hex digits shown.
    public let length: Int

    /// The length that keeps the endings of every id of `ids` unique.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        let endings = ids.map { String(Self.digits(of: $0).reversed()) }.sorted()
        var longest = 8
        for (a, b) in zip(endings, endings.dropFirst()) {
            let common = zip(a, b).prefix { $0 == $1 }.count
            longest = max(longest, common + 1)
        }
        length = min(longest, 32)
    }

    /// The id's display handle: its last `length` hex digits.
    public func callAsFunction(_ id: String) -> String { String(Self.digits(of: id).suffix(length)) }

    /// The id without its dashes.
    static func digits(of id: String) -> String { id.replacingOccurrences(of: "-", with: "") }
}
