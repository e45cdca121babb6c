import Foundation
import Logging
import PostgresNIO

/// Where a store lives, as given to `--store` or `$DOSSIER_STORE`: `sqlite:PATH`, a bare path, or `postgres://…`.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(url: String)

    /// The store used when none is named.
    public static let defaultLocation = StoreLocation.sqlite(path: "dossier-server.sqlite")

    /// Parses a `--store` value; nil (with no environment) means the default.
    public init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URLComponents(string: text)?.host != nil else {
                throw LocationError(message: "'--store \(Self.redacted(text))' is not a PostgreSQL URL; use postgres://USER@HOST:PORT/DATABASE")
            }
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw LocationError(message: "'--store sqlite:' needs a path, e.g. sqlite:/var/lib/dossier/server.sqlite") }
            self = .sqlite(path: path)
        } else if !text.contains("://") && !text.isEmpty {
            self = .sqlite(path: text)
        } else {
            throw LocationError(message: "unknown store '\(Self.redacted(text))'; use sqlite:PATH or postgres://USER@HOST:PORT/DATABASE")
        }
    }

    /// The location without any password, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    /// Why a store location was refused.
    public struct LocationError: Error, CustomStringConvertible {
        /// What is wrong and what to do.
        public var message: String
        public var description: String { message }
    }
}

/// A store opened for `serve`, not yet migrated, with the PostgreSQL client the application runs as a service.
public struct OpenedStore: Sendable {
    /// The store.
    public let store: any SyncStore
    /// The pool the store uses; it answers only while its `run()` is running.
    let client: PostgresClient?
}

extension StoreLocation {
    /// The logger PostgresNIO gets: never below debug, because at trace it logs the rows it receives and the values it
    /// binds, and those include token hashes and the identity key's private half.
    static func databaseLogger(_ logger: Logger) -> Logger {
        var capped = logger
        capped.logLevel = max(logger.logLevel, .debug)
        return capped
    }

    /// Opens the store for `serve` without running or migrating anything: the application does both. `blobCache` is a
    /// folder for a PostgreSQL server's copies of whole evidence files (`serve --blob-cache`).
    public func open(logger: Logger, blobCache: String? = nil) throws -> OpenedStore {
        switch self {
        case .sqlite(let path):
            try checkBlobCache(blobCache)
            return OpenedStore(store: try SQLiteStore(path: path), client: nil)
        case .postgres(let url):
            let client = PostgresClient(configuration: try Self.configuration(url), backgroundLogger: Self.databaseLogger(logger))
            let store = PostgresStore(client: client, logger: Self.databaseLogger(logger), blobCache: blobCache)
            return OpenedStore(store: store, client: client)
        }
    }

    /// Opens and migrates the store, runs `body` with it, and closes it: for admin commands and tests.
    public func withStore<T: Sendable>(logger: Logger, blobCache: String? = nil,
                                       _ body: @Sendable @escaping (any SyncStore) async throws -> T) async throws -> T {
        switch self {
        case .sqlite(let path):
            try checkBlobCache(blobCache)
            let store = try SQLiteStore(path: path)
            try await store.migrate()
            return try await body(store)
        case .postgres:
            return try await withClient(logger: logger) { client in
                let store = PostgresStore(client: client, logger: Self.databaseLogger(logger), blobCache: blobCache)
                try await store.migrate()
                return try await body(store)
            }
        }
    }

    /// Refuses a `--blob-cache` for a SQLite store, which reads its files from a folder already.
    public func checkBlobCache(_ blobCache: String?) throws {
        guard blobCache != nil, case .sqlite(let path) = self else { return }
        throw LocationError(message: "--blob-cache is for a PostgreSQL store; the SQLite store keeps its files in \(path)-blobs already")
    }

    /// Runs `body` with a running PostgreSQL client for this location, then stops it.
    @discardableResult
    public func withClient<T: Sendable>(logger: Logger, _ body: @Sendable @escaping (PostgresClient) async throws -> T) async throws -> T {
        guard case .postgres(let url) = self else { throw LocationError(message: "\(self) is not a PostgreSQL store") }
        let client = PostgresClient(configuration: try Self.configuration(url), backgroundLogger: Self.databaseLogger(logger))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            // The client warns when a query comes before `run()`, which marks itself running (a relaxed atomic) before
            // its first suspension; the body waits until the child task is about to call it, then a moment more,
            // since the flag is set on another thread and the client offers no way to wait for it.
            let (started, signal) = AsyncStream.makeStream(of: Never.self)
            group.addTask {
                signal.finish()
                await client.run()
                return nil
            }
            for await _ in started {}
            try? await Task.sleep(for: .milliseconds(5))
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), let host = components.host else {
            throw LocationError(message: "'\(redacted(url))' is not a PostgreSQL URL")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS = switch mode {
        case "require", "verify-full": .require(.makeClientConfiguration())
        case "prefer": .prefer(.makeClientConfiguration())
        default: .disable
        }
        var configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432,
                                                         username: components.user ?? "postgres", password: components.password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = 40
        return configuration
    }
}
