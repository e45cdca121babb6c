import DossierReplica
import DossierTestSupport

/// The `TransportError` offPool work throws; nil when it succeeds (any other error is rethrown).
func transportError<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> TransportError? {
    do {
        _ = try await offPool(body)
        return nil
    } catch let error as TransportError {
        return error
    }
}
