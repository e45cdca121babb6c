import DossierServer
import Foundation
import Logging
import PostgresNIO
import Testing

/// The two store implementations, for tests that must pass on both.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// Test stores: a SQLite file in a temporary folder, or a fresh database on the test PostgreSQL server
/// (`$DOSSIER_TEST_POSTGRES_URL`, started by scripts/test.sh). A missing server fails the test: never skipped.
enum TestStores {
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

    /// A fresh, empty store location of a kind.
    static func freshLocation(_ kind: StoreKind) async throws -> StoreLocation {
        switch kind {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return .sqlite(path: folder.appendingPathComponent("server.sqlite").path)
        case .postgres:
            let base = try postgresURL()
            let name = "dossier_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await maintenance(base, "CREATE DATABASE \(name)")
            var components = URLComponents(string: base)!
            components.path = "/\(name)"
            return .postgres(url: components.string!)
        }
    }

    /// Runs a body with a fresh, migrated store of a kind.
    static func withStore<T: Sendable>(_ kind: StoreKind, _ body: @Sendable @escaping (any SyncStore) async throws -> T) async throws -> T {
        try await freshLocation(kind).withStore(logger: logger, body)
    }

    /// Runs one statement on the test server's own database.
    static func maintenance(_ url: String, _ sql: String) async throws {
        try await StoreLocation.postgres(url: url).withClient(logger: logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}

/// A test environment that is not set up.
struct TestSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
