import Hummingbird

/// `/healthz` for load balancers and `/metrics` for Prometheus; neither needs a token.
struct HealthController<Store: SyncStore> {
    let store: Store
    let metrics: ServerMetrics

    /// Adds the routes.
    func addRoutes(to router: Router<DossierRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics", use: exposition)
    }

    @Sendable func health(_ request: Request, context: DossierRequestContext) async throws -> Response {
        do {
            _ = try await store.head(team: 0)
        } catch {
            context.logger.error("health check failed", metadata: ["dossier.error": "\(String(reflecting: error))"])
            throw APIError.storeUnavailable
        }
        return Wire.json(["status": "ok"], for: request)
    }

    @Sendable func exposition(_ request: Request, context: DossierRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
    }
}
