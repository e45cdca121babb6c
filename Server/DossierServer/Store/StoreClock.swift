import Foundation

/// The wall clock both stores stamp rows with, in milliseconds since 1970.
public enum StoreClock {
    /// Now.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// A stored time as people read it: ISO 8601 in UTC, to the second.
    public static func text(_ millis: Int64) -> String {
        // The format style gives the formatter's text without building a formatter per call (a checkpoint signs one).
        Date(timeIntervalSince1970: Double(millis) / 1000).formatted(Date.ISO8601FormatStyle())
    }
}
