import DossierReplica
import Foundation

/// Runs blocking work (a libcurl request) on a thread of its own, so the in-process server keeps the concurrency pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// The `TransportError` offPool work throws; nil when it succeeds (any other error is rethrown).
func transportError<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> TransportError? {
    do {
        _ = try await offPool(body)
        return nil
    } catch let error as TransportError {
        return error
    }
}
