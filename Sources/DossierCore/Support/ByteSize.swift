import Foundation

/// A size in bytes as people write it on a command line: `2GiB`, `500MB`, `64k`, `1048576`.
/// Binary units (KiB, MiB, GiB, TiB) are powers of 1024, decimal ones (kB, MB, GB, TB) of 1000; `k`, `M`, `G`, `T`
/// alone are binary.
public struct ByteSize: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The number of bytes.
    public let bytes: Int64

    /// A size of `bytes`.
    public init(bytes: Int64) { self.bytes = bytes }

    /// The size written as `text`; nil when it is not a whole or decimal number with a known unit, or is negative.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        guard !digits.isEmpty, let number = Double(digits), let multiplier = Self.units[unit] else { return nil }
        let value = (number * Double(multiplier)).rounded(.down)
        guard value.isFinite, value >= 0, value < 9.2e18 else { return nil }
        bytes = Int64(value)
    }

    private static let units: [String: Int64] = [
        "": 1, "b": 1,
        "k": 1 << 10, "kib": 1 << 10, "kb": 1_000,
        "m": 1 << 20, "mib": 1 << 20, "mb": 1_000_000,
        "g": 1 << 30, "gib": 1 << 30, "gb": 1_000_000_000,
        "t": 1 << 40, "tib": 1 << 40, "tb": 1_000_000_000_000,
    ]

    /// The size in the largest binary unit that keeps one decimal: `2.0 GiB`, `312 B`.
    public var description: String { Self.text(bytes) }

    /// `bytes` written for people: `1.5 MiB`, `312 B`.
    public static func text(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var index = 0
        while value >= 1024, index < units.count - 1 {
            value /= 1024
            index += 1
        }
        if index == 0 { return "\(bytes) B" }
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) \(units[index])"
    }

    /// Orders sizes by bytes.
    public static func < (lhs: ByteSize, rhs: ByteSize) -> Bool { lhs.bytes < rhs.bytes }
}
