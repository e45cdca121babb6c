import DossierCore
import DossierTestSupport
@testable import DossierServer
import DossierTrust
import Foundation
import GRDB
import Testing

/// Every store keeps the team log's hash chain as it stores changes: each entry's hash is the chain over the bodies
/// stored before it, across pushes, and teams do not share a chain.
@Suite struct LogChainContractTests {
    @Test(arguments: StoreKind.allCases)
    func eachStoredEntryCarriesTheChainsHashAcrossPushes(_ kind: StoreKind) async throws {
        try await TestStores.withStore(kind) { store in
            let kabul = try await store.addTeam(named: "kabul"), paris = try await store.addTeam(named: "paris")
            var amina = Researcher("amina", replica: "r1"), claire = Researcher("claire", replica: "r2")
            let first = try amina.incidents(3), second = try amina.incidents(2)
            _ = try await store.push(first, team: kabul.id, receivedAt: 1)
            _ = try await store.push(first + second, team: kabul.id, receivedAt: 2) // a retry of the first three, then two new
            _ = try await store.push(try claire.incidents(1), team: paris.id, receivedAt: 3)

            let page = try await store.log(team: kabul.id, after: 0, limit: 10)
            #expect(page.bodies.count == 5)
            let expected = TeamLog.extend(TeamLog.emptyHead, with: page.bodies)
            #expect(try await store.entryHashes(team: kabul.id, after: 0, limit: 10) == expected)
            #expect(try await store.entryHashes(team: kabul.id, after: 3, limit: 10) == Array(expected.suffix(2)))
            let parisPage = try await store.log(team: paris.id, after: 0, limit: 10)
            #expect(try await store.entryHashes(team: paris.id, after: 0, limit: 10) == TeamLog.extend(TeamLog.emptyHead, with: parisPage.bodies),
                    "each team's chain starts from the empty head")
        }
    }
}

/// A store made before the chain existed gets its entries hashed by the migration, in log order.
@Suite struct LogChainMigrationTests {
    @Test func migrationV4HashesTheEntriesOfAStoreMadeBeforeIt() async throws {
        let folder = try ScratchFolder("v4-log")
        let path = folder.file("server.sqlite").path
        let store = try SQLiteStore(path: path)
        try SQLiteStore.migrator.migrate(store.pool, upTo: "v3-blobs")
        let bodies = [#"{"id":"r1:1"}"#, #"{"id":"r1:2","title":"کابل"}"#, #"{"id":"r1:3"}"#]
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO teams (name, last_seq, created_at) VALUES ('kabul', 3, 0)")
            for (index, body) in bodies.enumerated() {
                try db.execute(sql: """
                    INSERT INTO changes (team_id, seq, change_id, entity, record, author, body, received_at) VALUES (1, ?, ?, 'incident', 'x', 'amina', ?, 0)
                    """, arguments: [index + 1, "r1:\(index + 1)", body])
            }
        }
        try await store.migrate()
        let expected = TeamLog.extend(TeamLog.emptyHead, with: bodies)
        #expect(try await store.entryHashes(team: 1, after: 0, limit: 10) == expected)
        let head = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT head_hash FROM teams WHERE id = 1") }
        #expect(head == expected.last?.description)
    }
}
