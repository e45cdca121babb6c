/// Runs a store call for a request; its failure is logged with the request's metadata and answered as 503 without detail.
func guarded<T>(_ context: DossierRequestContext, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        context.logger.error("store failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
        throw APIError.storeUnavailable
    }
}
