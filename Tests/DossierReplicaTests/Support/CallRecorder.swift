import Foundation

/// Values appended from any thread.
final class CallRecorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Value] = []

    /// Appends a value.
    func append(_ value: Value) {
        lock.lock()
        stored.append(value)
        lock.unlock()
    }

    /// The values so far.
    var values: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
