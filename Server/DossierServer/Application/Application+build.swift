import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// The team server's application type.
public typealias DossierApplication = Application<RouterResponder<DossierRequestContext>>

/// Builds the team server over a store: the router, its middleware and the HTTP (or TLS) listener.
public func buildApplication<Store: SyncStore>(
    store: Store, settings: ServerSettings = ServerSettings(), metrics: ServerMetrics = ServerMetrics(), logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> DossierApplication {
    let router = buildRouter(store: store, settings: settings, metrics: metrics)
    let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "dossier-server")
    let server: HTTPServerBuilder
    if let tls = settings.tls {
        let certificates = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
        let tlsConfiguration = TLSConfiguration.makeServerConfiguration(certificateChain: certificates, privateKey: .privateKey(key))
        server = try .tls(.http1(), tlsConfiguration: tlsConfiguration)
    } else {
        server = .http1()
    }
    return Application(router: router, server: server, configuration: configuration,
                       onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) }, logger: logger)
}

/// Builds the team server as `serve` runs it: the store's client is a service, and the store is migrated before listening.
public func buildApplication(
    opened: OpenedStore, settings: ServerSettings = ServerSettings(), metrics: ServerMetrics = ServerMetrics(), logger: Logger,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws -> DossierApplication {
    let listening: @Sendable (Int) async -> Void = { [store = opened.store] port in
        // Where this server listens, for invitations written without --server-url when no --public-url was given.
        if !["0.0.0.0", "::"].contains(settings.host) {
            let url = "\(settings.tls == nil ? "http" : "https")://\(settings.host.contains(":") ? "[\(settings.host)]" : settings.host):\(port)"
            do {
                try await store.remember(.listenURL, url)
            } catch {
                logger.warning("could not remember the listening address", metadata: ["dossier.error": "\(String(reflecting: error))"])
            }
        }
        await onServerRunning(port)
    }
    var app = try buildApplication(store: opened.store, settings: settings, metrics: metrics, logger: logger, onServerRunning: listening)
    // As in Hummingbird's PostgreSQL examples: the application's ServiceGroup starts the client before the
    // listener and stops it after the listener has drained.
    if let client = opened.client { app.addServices(client) }
    let tlsPin = try settings.tls.map { try TLSPin.of(certificateFile: $0.certificate) }
    app.beforeServerStarts { [store = opened.store, publicURL = settings.publicURL] in
        do {
            try await store.migrate()
            for repair in try await store.rehashLog() { logger.error("\(repair)") }
            _ = try await store.identity()
            if let publicURL { try await store.remember(.publicURL, publicURL) }
            try await store.remember(.tlsPin, tlsPin)
        } catch {
            throw StoreStartupError(underlying: error)
        }
    }
    return app
}

/// The store could not be migrated before the server started; `underlying` is for the operator's log.
public struct StoreStartupError: Error {
    /// What the store threw.
    public let underlying: any Error
}

/// The router alone, for tests that call handlers without a listener.
public func buildRouter<Store: SyncStore>(store: Store, settings: ServerSettings, metrics: ServerMetrics) -> Router<DossierRequestContext> {
    let router = Router(context: DossierRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: RequestLogMiddleware(level: .debug))
    router.add(middleware: MetricsMiddleware())
    HealthController(store: store, metrics: metrics).addRoutes(to: router)
    let v1 = router.group("v1").add(middleware: TokenAuthenticator(store: store, clock: settings.clock))
    let identity = IdentityCache(store: store)
    let checkpoints = CheckpointSigner(store: store, settings: settings, identity: identity)
    SyncController(store: store, settings: settings, metrics: metrics, identity: identity, checkpoints: checkpoints).addRoutes(to: v1)
    LogController(store: store).addRoutes(to: v1)
    DeviceController(store: store, settings: settings, identity: identity).addRoutes(to: v1)
    if settings.web {
        do {
            WebController(store: store, settings: settings, identity: identity, pages: try WebPages.load(), views: TeamViews(store: store))
                .addRoutes(to: router)
        } catch {
            fatalError("the team view's templates are missing from this build (\(error)); rebuild dossier-server, or serve --no-web")
        }
    }
    BlobController(store: store, settings: settings, identity: identity).addRoutes(to: v1)
    return router
}
