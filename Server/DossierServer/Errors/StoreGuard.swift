/// Runs a store call for a request; an `APIError` it throws is answered as it is, any other failure is logged with the request's metadata and answered as 503 without detail.
func guarded<T>(_ context: DossierRequestContext, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as APIError {
        throw error
    } catch {
        context.logger.error("store failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
        throw APIError.storeUnavailable
    }
}
