import Foundation

/// A change's globally unique id: the replica that made it and that replica's counter, as `replica:counter`.
public struct ChangeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The replica that made the change.
    public var replica: ReplicaID
    /// The replica's counter, starting at 1.
    public var counter: UInt64

    /// Creates a change id.
    public init(replica: ReplicaID, counter: UInt64) {
        self.replica = replica
        self.counter = counter
    }

    public var description: String { "\(replica.rawValue):\(counter)" }

    /// Parses `replica:counter`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let replica = ReplicaID(String(parts[0])),
              let counter = UInt64(parts[1]), counter > 0 else { return nil }
        self.init(replica: replica, counter: counter)
    }

    public static func < (lhs: ChangeID, rhs: ChangeID) -> Bool {
        (lhs.replica, lhs.counter) < (rhs.replica, rhs.counter)
    }
}

extension ChangeID: Codable {
    /// Decodes `replica:counter`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = ChangeID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "'\(text)' is not a change id (replica:counter)"))
        }
        self = value
    }

    /// Encodes `replica:counter`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
