/// Writes the packed storage form: a compact binary layout of varints and length-prefixed UTF-8.
///
/// Stores keep merged records in this form because decoding them with `JSONDecoder` cost more than
/// everything else in a sync (Benchmarks/BENCHMARKS.md). The wire stays JSON.
public struct PackedWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// An empty writer.
    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Appends a presence flag: 1 when a value follows, 0 when absent.
    mutating func flag(_ present: Bool) { bytes.append(present ? 1 : 0) }

    /// Appends one byte.
    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends an unsigned LEB128 varint.
    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Appends a signed integer, zigzag-coded.
    mutating func int(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    /// Appends a count or length.
    mutating func count(_ value: Int) { varint(UInt64(value)) }

    /// Appends a string as its UTF-8 length and bytes.
    mutating func string(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// Appends a clock timestamp.
    mutating func hlc(_ value: HLC) {
        int(value.millis)
        varint(UInt64(value.counter))
        string(value.replica.rawValue)
    }

    /// Appends a set of timestamps.
    mutating func hlcs(_ values: Set<HLC>) {
        count(values.count)
        for value in values { hlc(value) }
    }

    /// Appends a JSON value.
    mutating func json(_ value: JSONValue) {
        switch value {
        case .null: byte(0)
        case .bool(let flag): byte(flag ? 2 : 1)
        case .int(let number): byte(3); int(number)
        case .double(let number): byte(4); varint(number.bitPattern)
        case .string(let text): byte(5); string(text)
        case .array(let elements):
            byte(6); count(elements.count)
            for element in elements { json(element) }
        case .object(let members):
            byte(7); count(members.count)
            for (name, member) in members { string(name); json(member) }
        }
    }
}
