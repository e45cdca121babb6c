/// Short ids for display: the last characters of the id (its random part), at least 8 hex digits, as many as tell every
/// record apart. Record ids are UUIDv7, whose first characters are a timestamp shared by records made in the same minute,
/// so the end is what differs; `Replica.resolve` accepts such an ending as well as a prefix, with or without dashes.
public struct ShortID: Sendable {
    /// The number of hex digits shown.
    public let length: Int

    /// The length that keeps the endings of every id of `ids` unique.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        // Byte arrays, compared bytewise: ids are ASCII, and this runs over every record of the replica.
        let endings = ids.map { Array(Self.digitBytes(of: $0).reversed()) }.sorted { $0.lexicographicallyPrecedes($1) }
        var longest = 8
        for index in endings.indices.dropFirst() {
            let common = zip(endings[index - 1], endings[index]).prefix { $0 == $1 }.count
            longest = max(longest, common + 1)
        }
        length = min(longest, 32)
    }

    /// The id's display handle: its last `length` hex digits.
    public func callAsFunction(_ id: String) -> String { String(decoding: Self.digitBytes(of: id).suffix(length), as: UTF8.self) }

    /// The id without its dashes.
    static func digits(of id: String) -> String { String(decoding: digitBytes(of: id), as: UTF8.self) }

    private static func digitBytes(of id: String) -> [UInt8] { id.utf8.filter { $0 != UInt8(ascii: "-") } }
}
