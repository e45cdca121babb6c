import Foundation

/// A hybrid logical clock timestamp: wall-clock milliseconds, a logical counter and the replica id.
///
/// Ordered by (milliseconds, counter, replica), so every two timestamps from different replicas differ.
/// Its text form `MMMMMMMMMMMMMMM-CCCCCC-replica` sorts in the same order as the value.
public struct HLC: Hashable, Comparable, Sendable {
    /// Wall-clock time in milliseconds since 1970.
    public var millis: Int64
    /// Logical counter for events within the same millisecond.
    public var counter: UInt32
    /// The replica that made the timestamp.
    public var replica: ReplicaID

    /// Creates a timestamp.
    public init(millis: Int64, counter: UInt32, replica: ReplicaID) {
        self.millis = millis
        self.counter = counter
        self.replica = replica
    }

    public static func < (lhs: HLC, rhs: HLC) -> Bool {
        (lhs.millis, lhs.counter, lhs.replica.rawValue) < (rhs.millis, rhs.counter, rhs.replica.rawValue)
    }

    /// The wall-clock part as a date.
    public var date: Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}

extension HLC: CustomStringConvertible, LosslessStringConvertible, Codable, CodingKeyRepresentable {
    /// The sortable text form.
    public var description: String {
        let ms = String(millis)
        let count = String(counter)
        return String(repeating: "0", count: max(0, 15 - ms.count)) + ms + "-"
            + String(repeating: "0", count: max(0, 6 - count.count)) + count + "-" + replica.rawValue
    }

    /// Parses the text form.
    public init?(_ description: String) {
        let parts = description.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 15, parts[1].count == 6,
              let millis = Int64(parts[0]), millis >= 0, let counter = UInt32(parts[1]),
              let replica = ReplicaID(String(parts[2]))
        else { return nil }
        self.init(millis: millis, counter: counter, replica: replica)
    }

    /// Decodes the text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = HLC(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a clock timestamp (MMMMMMMMMMMMMMM-CCCCCC-replica)"))
        }
        self = value
    }

    /// Encodes the text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension HLC {
    /// The text form as a dictionary key, so maps keyed by version encode as JSON objects.
    public var codingKey: any CodingKey { AnyKey(stringValue: description) }

    /// Parses a dictionary key.
    public init?<T: CodingKey>(codingKey: T) { self.init(codingKey.stringValue) }
}
