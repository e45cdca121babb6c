import Hummingbird

/// `/healthz` for load balancers and `/metrics` for Prometheus; neither needs a token.
struct HealthController<Store: SyncStore> {
    /// How long `/healthz` waits for the store.
    static var pingTimeout: Duration {
        // PostgreSQL's pool queues a query for 15 s while it cannot connect; a load balancer's probe gives up sooner.
        .seconds(2)
    }

    let store: Store
    let metrics: ServerMetrics

    /// Adds the routes.
    func addRoutes(to router: Router<DossierRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics", use: exposition)
    }

    @Sendable func health(_ request: Request, context: DossierRequestContext) async throws -> Response {
        do {
            try await Self.ping(store, within: Self.pingTimeout)
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

    /// Pings the store, failing after `timeout`.
    static func ping(_ store: Store, within timeout: Duration) async throws {
        // Unstructured tasks: a ping still running at the deadline is cancelled but not waited for, since a
        // query on a dead connection may not notice the cancellation.
        let (outcomes, outcome) = AsyncStream.makeStream(of: Result<Void, any Error>.self)
        let ping = Task {
            do {
                try await store.ping()
                outcome.yield(.success(()))
            } catch {
                outcome.yield(.failure(error))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            outcome.yield(.failure(PingTimeout(timeout: timeout)))
        }
        defer {
            ping.cancel()
            timer.cancel()
            outcome.finish()
        }
        for await first in outcomes {
            return try first.get()
        }
    }
}

/// The store did not answer a ping in time.
struct PingTimeout: Error, CustomStringConvertible {
    /// How long the ping was given.
    var timeout: Duration
    var description: String { "the store did not answer within \(timeout)" }
}
