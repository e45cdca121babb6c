import DossierServer
import Foundation
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing

/// PostgreSQL's client is running before the store's first query, for admin commands and for `serve`: postgres-nio
/// warns "PostgresClient.run() hasn't been called yet" otherwise. A race, so each path runs many times.
@Suite(.serialized) struct PostgresClientRunTests {
    static let warning = "hasn't been called yet"

    @Test func adminRunsNeverQueryBeforeTheClientRuns() async throws {
        let location = try await TestStores.freshDatabase()
        let recorder = LogRecorder()
        var logger = recorder.logger()
        logger.logLevel = .warning
        for _ in 0..<40 {
            try await location.withStore(logger: logger) { store in try await store.ping() }
        }
        #expect(!recorder.lines().contains { $0.contains(Self.warning) }, "\(recorder.lines())")
    }

    @Test func serveRunsTheClientAsAServiceAndMigratesBeforeListening() async throws {
        let location = try await TestStores.freshDatabase()
        let recorder = LogRecorder()
        var logger = recorder.logger()
        logger.logLevel = .warning
        var settings = ServerSettings()
        settings.port = 0
        for _ in 0..<25 {
            let app = try buildApplication(opened: try location.open(logger: logger), settings: settings, logger: logger)
            try await app.test(.live) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            }
        }
        #expect(!recorder.lines().contains { $0.contains(Self.warning) }, "\(recorder.lines())")
        let migrations = try await location.withClient(logger: logger) { [logger] client in
            try await client.query("SELECT count(*) FROM dossier_migrations", logger: logger).collect().first?.decode(Int.self) ?? 0
        }
        #expect(migrations > 0)
    }
}
