import Foundation

/// Runs blocking work (a libcurl request, a child process) on a thread of its own, so the concurrency pool stays free.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
