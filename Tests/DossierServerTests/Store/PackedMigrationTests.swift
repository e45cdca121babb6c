import DossierCore
import DossierTestSupport
@testable import DossierServer
import Foundation
import GRDB
import PostgresNIO
import Testing

/// Stores written before merged states were packed keep working: their JSON states are read, merged onto and served.
@Suite struct PackedMigrationTests {
    @Test(arguments: StoreKind.allCases)
    func aStoreWithJSONStatesMigratesAndKeepsEveryRecord(_ kind: StoreKind) async throws {
        var amina = Researcher("amina", replica: "r1")
        let create = try amina.incident("Suicide attack at Kabul airport")
        let old = RecordState(key: create.key).applying(create)
        let json = String(decoding: CanonicalJSON.encode(old), as: UTF8.self)
        let location = try await TestStores.freshLocation(kind)
        switch location {
        case .sqlite(let path):
            let pool = try DatabasePool(path: path)
            try SQLiteStore.migrator.migrate(pool, upTo: "v1")
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO teams (id, name, last_seq, created_at) VALUES (1, 't', 1, 0)")
                try db.execute(sql: "INSERT INTO records (team_id, entity, id, state, updated_seq) VALUES (1, ?, ?, ?, 1)",
                               arguments: [create.entity.rawValue, create.record, json])
            }
            try pool.close()
        case .postgres:
            try await location.withClient(logger: TestStores.logger) { client in
                let logger = TestStores.logger
                try await client.query("CREATE TABLE dossier_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger: logger)
                for statement in PostgresStore.migrations[0].statements {
                    try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await client.query("INSERT INTO dossier_migrations VALUES ('v1', 0)", logger: logger)
                try await client.query("INSERT INTO teams (id, name, last_seq, created_at) VALUES (1, 't', 1, 0)", logger: logger)
                try await client.query("""
                    INSERT INTO records (team_id, entity, id, state, updated_seq) VALUES (1, \(create.entity.rawValue), \(create.record), \(json), 1)
                    """, logger: logger)
            }
        }
        try await location.withStore(logger: TestStores.logger) { store in
            #expect(try await store.snapshot(team: 1, after: nil, limit: 10).records == [old])
            var bilal = Researcher("bilal", replica: "r2")
            let edit = try bilal.set("place", "Abbey Gate, Kabul airport", on: create.key)
            #expect(try await store.push([edit], team: 1, receivedAt: 2) == [.accepted(seq: 2)])
            #expect(try await store.snapshot(team: 1, after: nil, limit: 10).records == [old.applying(edit)])
        }
    }
}
