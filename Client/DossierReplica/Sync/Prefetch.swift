import Foundation

/// Work started on another thread now and collected later: the next page is fetched while this one is stored.
final class Prefetch<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Result<Value, any Error>?

    /// Starts `work` at once on a thread of its own: a request blocks, and a dispatch queue's few threads may be
    /// needed by a server in the same process (the demo, the tests).
    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            result = Result { try work() }
            done.signal()
        }.start()
    }

    /// Waits for the work, then returns its value or throws its error.
    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
