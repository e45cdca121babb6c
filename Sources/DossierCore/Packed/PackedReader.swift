/// Reads what `PackedWriter` wrote; any truncated or inconsistent input throws `PackedError`.
public struct PackedReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// A reader over packed bytes.
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True when every byte has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// Reads one byte.
    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw PackedError("the packed value ends early") }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads a presence flag; any byte but 0 or 1 is damage.
    mutating func flag() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw PackedError("a packed presence flag is neither 0 nor 1")
        }
    }

    /// Reads an unsigned varint.
    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw PackedError("a packed number is too long") }
            value |= UInt64(next & 0x7f) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads a zigzag-coded signed integer.
    mutating func int() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a count or length, bounded by the bytes left.
    mutating func count() throws -> Int {
        let value = try varint()
        guard value <= UInt64(bytes.count - offset) else { throw PackedError("a packed count is larger than the value") }
        return Int(value)
    }

    /// Reads `length` raw bytes.
    mutating func raw(_ length: Int) throws -> [UInt8] {
        guard length <= bytes.count - offset else { throw PackedError("the packed value ends early") }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }

    /// Reads a string.
    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }

    /// Reads a clock timestamp.
    mutating func hlc() throws -> HLC {
        let millis = try int()
        let counter = try varint()
        guard counter <= UInt64(UInt32.max), let replica = ReplicaID(try string()) else { throw PackedError("a packed timestamp is invalid") }
        return HLC(millis: millis, counter: UInt32(counter), replica: replica)
    }

    /// Reads a set of timestamps.
    mutating func hlcs() throws -> Set<HLC> {
        let n = try count()
        var values = Set<HLC>(minimumCapacity: n)
        for _ in 0..<n { values.insert(try hlc()) }
        return values
    }

    /// Reads a JSON value.
    mutating func json(depth: Int = 0) throws -> JSONValue {
        guard depth < 64 else { throw PackedError("a packed value nests too deep") }
        switch try byte() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try int())
        case 4: return .double(Double(bitPattern: try varint()))
        case 5: return .string(try string())
        case 6:
            let n = try count()
            var elements: [JSONValue] = []
            elements.reserveCapacity(n)
            for _ in 0..<n { elements.append(try json(depth: depth + 1)) }
            return .array(elements)
        case 7:
            let n = try count()
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(n)
            for _ in 0..<n { members[try string()] = try json(depth: depth + 1) }
            return .object(members)
        default: throw PackedError("a packed value has an unknown type")
        }
    }
}

/// A packed value that cannot be read.
public struct PackedError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
