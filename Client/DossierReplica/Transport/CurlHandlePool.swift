import CCurl
import Foundation

/// Idle libcurl easy handles kept for reuse, so consecutive requests share connections; each goes to one caller at a time.
final class CurlHandlePool: @unchecked Sendable {
    /// The most idle handles kept; more concurrent requests get handles that are freed afterwards.
    static let capacity = 4

    private let lock = NSLock()
    private var idle: [UnsafeMutableRawPointer] = []

    /// Creates an empty pool.
    init() {}

    /// An idle handle, or a new one; nil only when libcurl cannot allocate.
    func checkOut() -> UnsafeMutableRawPointer? {
        lock.lock()
        let handle = idle.popLast()
        lock.unlock()
        return handle ?? curl_easy_init()
    }

    /// Returns a handle: its options are reset (its connections stay cached) and it is kept or freed.
    func checkIn(_ handle: UnsafeMutableRawPointer) {
        curl_easy_reset(handle)
        lock.lock()
        let keep = idle.count < Self.capacity
        if keep { idle.append(handle) }
        lock.unlock()
        if !keep { curl_easy_cleanup(handle) }
    }

    deinit {
        for handle in idle { curl_easy_cleanup(handle) }
    }
}
