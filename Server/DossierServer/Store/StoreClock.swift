import Foundation

/// The wall clock both stores stamp rows with, in milliseconds since 1970.
enum StoreClock {
    /// Now.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
