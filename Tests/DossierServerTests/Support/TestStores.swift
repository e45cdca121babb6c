@testable import DossierServer
import DossierTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

/// The two store implementations, for tests that must pass on both.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    /// The kind's name in test output.
    var testDescription: String { rawValue }
}

/// Test stores: a SQLite file in a scratch folder, or a fresh database on `$DOSSIER_TEST_POSTGRES_URL` (never skipped).
enum TestStores {
    /// The logger of stores opened by tests: warnings and above.
    static let logger: Logger = {
        var logger = Logger(label: "dossier-test")
        logger.logLevel = .warning
        return logger
    }()

    /// The test PostgreSQL server's URL.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DOSSIER_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw TestSetupError(message: "DOSSIER_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
        }
        return url
    }

    /// A fresh, empty store location of a kind; a SQLite file goes in `folder`.
    static func freshLocation(_ kind: StoreKind, in folder: ScratchFolder) async throws -> StoreLocation {
        switch kind {
        case .sqlite: .sqlite(path: folder.file("server.sqlite").path)
        case .postgres: try await freshDatabase()
        }
    }

    /// A new, empty database on the test PostgreSQL server.
    static func freshDatabase() async throws -> StoreLocation {
        let base = try postgresURL()
        let name = "dossier_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await maintenance(base, "CREATE DATABASE \(name)")
        var components = URLComponents(string: base)!
        components.path = "/\(name)"
        return .postgres(url: components.string!)
    }

    /// Runs a body with a fresh, migrated store of a kind (a PostgreSQL one with a `blobCache` folder, if given).
    static func withStore<T: Sendable>(_ kind: StoreKind, blobCache: String? = nil,
                                       _ body: @Sendable @escaping (any SyncStore) async throws -> T) async throws -> T {
        let folder = try ScratchFolder("store")
        defer { withExtendedLifetime(folder) {} }
        return try await freshLocation(kind, in: folder).withStore(logger: logger, blobCache: blobCache, body)
    }

    /// Runs one statement directly on a store's database, behind the server (the tampering tests).
    static func execute(_ sql: String, on store: any SyncStore) async throws {
        switch store {
        case let sqlite as SQLiteStore: try await sqlite.pool.write { db in try db.execute(sql: sql) }
        case let postgres as PostgresStore: try await postgres.client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        default: throw TestSetupError(message: "no way to reach the database of \(type(of: store))")
        }
    }

    /// Runs one statement on the test server's own database.
    static func maintenance(_ url: String, _ sql: String) async throws {
        try await StoreLocation.postgres(url: url).withClient(logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}

extension StoreLocation {
    /// The `--store` value of this location, password included.
    var storeArgument: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url
        }
    }
}

/// A test environment that is not set up.
struct TestSetupError: Error, CustomStringConvertible {
    /// What is missing and how to set it up.
    var message: String
    /// The message.
    var description: String { message }
}
