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
            #expect(try await store.rehashLog() == [], "a log the server wrote itself needs no new hashes")

            let page = try await store.log(team: kabul.id, after: 0, limit: 10)
            #expect(page.bodies.count == 5)
            let expected = TeamLog.extend(TeamLog.emptyHead, with: page.bodies)
            #expect(try await store.entryHashes(team: kabul.id, after: 0, limit: 10).map(\.hash) == expected)
            #expect(try await store.entryHashes(team: kabul.id, after: 3, limit: 10) == [4, 5].map { LogEntryHash(seq: $0, hash: expected[Int($0) - 1]) })
            #expect(try await store.chainHash(team: kabul.id, at: 4) == expected[3])
            #expect(try await store.chainHash(team: kabul.id, at: 0) == TeamLog.emptyHead)
            let parisPage = try await store.log(team: paris.id, after: 0, limit: 10)
            #expect(try await store.entryHashes(team: paris.id, after: 0, limit: 10).map(\.hash) == TeamLog.extend(TeamLog.emptyHead, with: parisPage.bodies),
                    "each team's chain starts from the empty head")
        }
    }
}

/// A log changed behind the server (a row edited, deleted or two rows swapped in the database) is found when the server
/// starts: the store re-derives the chain from the stored changes, names the first entry that disagrees, and from then on
/// signs the log as stored, so replicas that saw the earlier history notice.
@Suite struct LogRehashContractTests {
    enum Tamper: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case edit, delete, swap
        var testDescription: String { rawValue }
        /// The statements, on team 1's entry 2 (and 4 for a swap).
        var statements: [String] {
            switch self {
            case .edit: ["UPDATE changes SET body = body || ' ' WHERE team_id = 1 AND seq = 2"]
            case .delete: ["DELETE FROM changes WHERE team_id = 1 AND seq = 2"]
            case .swap: ["UPDATE changes SET seq = -1 WHERE team_id = 1 AND seq = 2", "UPDATE changes SET seq = 2 WHERE team_id = 1 AND seq = 4",
                         "UPDATE changes SET seq = 4 WHERE team_id = 1 AND seq = -1"]
            }
        }
    }

    @Test(arguments: StoreKind.allCases, Tamper.allCases)
    func aLogChangedBehindTheServerIsRehashedFromItsStoredChanges(_ kind: StoreKind, _ tamper: Tamper) async throws {
        try await TestStores.withStore(kind) { store in
            let kabul = try await store.addTeam(named: "kabul")
            var amina = Researcher("amina", replica: "r1")
            _ = try await store.push(try amina.incidents(5), team: kabul.id, receivedAt: 1)
            let before = try await store.entryHashes(team: kabul.id, after: 0, limit: 10)
            for statement in tamper.statements { try await TestStores.execute(statement, on: store) }

            let repairs = try await store.rehashLog()
            #expect(repairs.map(\.team) == ["kabul"])
            #expect(repairs.first?.entry == 2, "the first entry that disagrees is named")
            let page = try await store.log(team: kabul.id, after: 0, limit: 10)
            let now = try await store.entryHashes(team: kabul.id, after: 0, limit: 10)
            #expect(now.map(\.hash) == TeamLog.extend(TeamLog.emptyHead, with: page.bodies), "the hashes are the stored changes' chain")
            #expect(now.first == before.first, "entries before the damage keep their hashes")
            #expect(try await store.chainHash(team: kabul.id, at: 5) == now.last?.hash)
            #expect(try await store.chainHash(team: kabul.id, at: 5) != before.last?.hash)
            let again = try await store.rehashLog()
            if tamper == .delete {
                #expect(again == [LogRepair(team: "kabul", entry: 2, rehashed: 0)], "a missing entry is reported at every start")
            } else {
                #expect(again == [], "once rehashed, the log is as stored")
            }
        }
    }
}

/// A store made before the chain existed gets its entries hashed when the server starts, in log order, without counting
/// as damage.
@Suite struct LogChainMigrationTests {
    @Test func entriesStoredBeforeTheChainAreHashedInLogOrder() async throws {
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
        #expect(try await store.rehashLog() == [])
        let expected = TeamLog.extend(TeamLog.emptyHead, with: bodies)
        #expect(try await store.entryHashes(team: 1, after: 0, limit: 10).map(\.hash) == expected)
        let head = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT head_hash FROM teams WHERE id = 1") }
        #expect(head == expected.last?.description)
    }
}
