/// Short ids for display: the last characters of the id (its random part), at least 8 hex digits, as many as tell every
/// record apart. Record ids are UUIDv7, whose first characters are a timestamp shared by records made in the same minute,
/// so the end is what differs; `Replica.resolve` accepts such an ending as well as a prefix, with or without dashes.
public struct ShortID: Sendable {
    /// The number of hex digits shown.
    public let length: Int

    /// The length that keeps the endings of every id of `ids` unique.
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        let ids = Array(ids)
        // Most replicas: the last 8 to 16 digits, as numbers, are told apart by a set; this runs over every record.
        let tails = ids.map(Self.tail)
        for length in 8...16 {
            let mask: UInt64 = length == 16 ? .max : (1 << UInt64(4 * length)) - 1
            var seen = Set<UInt64>(minimumCapacity: tails.count)
            if tails.allSatisfy({ $0.map { seen.insert($0 & mask).inserted } ?? false }) {
                self.length = length
                return
            }
        }
        self.length = Self.commonEnding(ids)
    }

    /// The last 16 hex digits of an id as a number; nil when it has fewer or another character.
    private static func tail(_ id: String) -> UInt64? {
        var value: UInt64 = 0, count = 0
        for byte in id.utf8.reversed() where byte != UInt8(ascii: "-") {
            guard count < 16 else { break }
            guard let digit = hexValue(byte) else { return nil }
            value |= UInt64(digit) << UInt64(4 * count)
            count += 1
        }
        return count == 16 ? value : nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The length that keeps every ending unique, by sorting the reversed ids: for ids alike in their last 16 digits.
    private static func commonEnding(_ ids: [String]) -> Int {
        let endings = ids.map { Array(Self.digitBytes(of: $0).reversed()) }.sorted { $0.lexicographicallyPrecedes($1) }
        var longest = 8
        for index in endings.indices.dropFirst() {
            let common = zip(endings[index - 1], endings[index]).prefix { $0 == $1 }.count
            longest = max(longest, common + 1)
        }
        return min(longest, 32)
    }

    /// The id's display handle: its last `length` hex digits.
    public func callAsFunction(_ id: String) -> String {
        var ending: [UInt8] = []
        ending.reserveCapacity(length)
        for byte in id.utf8.reversed() where byte != UInt8(ascii: "-") {
            guard ending.count < length else { break }
            ending.append(byte)
        }
        return String(decoding: ending.reversed(), as: UTF8.self)
    }

    /// The id without its dashes.
    static func digits(of id: String) -> String { String(decoding: digitBytes(of: id), as: UTF8.self) }

    private static func digitBytes(of id: String) -> [UInt8] { id.utf8.filter { $0 != UInt8(ascii: "-") } }
}
