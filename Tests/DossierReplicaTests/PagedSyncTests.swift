import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// The next page is fetched while the previous one is stored: every page still lands once, in order, and the
/// cursor ends at the head; a pulled page's commit leaves the replica fully synced for local edits.
@Suite struct PagedSyncTests {
    /// Runs `body`, off the cooperative pool, against a team server (amina an editor, omar a viewer) with amina's
    /// client, her researcher on laptop1 and a new replica of hers on laptop2 with its synchronizer.
    static func withFreshReplica(_ body: @escaping @Sendable (SyncClient, inout Researcher, Replica, inout Synchronizer) throws -> Void) async throws {
        try await TeamServer.with(users: [("amina", "editor"), ("omar", "viewer")]) { server in
            try await offPool {
                let client = SyncClient(options: TransportTests.options(server, "amina"))
                var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
                let folder = try ScratchFolder("replica")
                let replica = try Replica.create(path: folder.file("fresh.sqlite").path, settings: ReplicaTests.settings("amina", replica: "laptop2"))
                var synchronizer = Synchronizer(replica: replica, client: client)
                try body(client, &amina, replica, &synchronizer)
            }
        }
    }

    @Test func aNewReplicaBootstrapsThenPullsAcrossManySmallPagesToTheSameRecords() async throws {
        try await Self.withFreshReplica { client, amina, replica, synchronizer in
            var first = try amina.incidents(23)
            first.append(try amina.set("place", "Abbey Gate, Kabul airport", on: first[4].key))
            _ = try client.push(first)

            synchronizer.pullPage = 3
            synchronizer.snapshotPage = 3
            let bootstrap = try synchronizer.run()
            #expect(bootstrap.bootstrapped == 23 && bootstrap.pulled == 0)
            #expect(try replica.cursor() == 24)
            #expect(try replica.dataset().records == amina.dataset.records)

            var later = try amina.incidents(7)
            for change in first.prefix(4) { later.append(try amina.set("summary", "Revised after the second article", on: change.key)) }
            _ = try client.push(later)
            let pull = try synchronizer.run()
            #expect(pull.pulled == later.count && pull.bootstrapped == 0)
            #expect(try replica.cursor() == Int64(24 + later.count))
            #expect(try replica.dataset().records == amina.dataset.records)
            #expect(try synchronizer.run().pulled == 0)
        }
    }

    /// A snapshot's records are stored without their search entries; the first search indexes them all, once, and finds
    /// them. Each record's state is kept as its base, and the catalog lists every record.
    @Test func aBootstrappedReplicaIndexesItsRecordsOnItsFirstSearchAndKeepsTheirBases() async throws {
        try await Self.withFreshReplica { client, amina, replica, synchronizer in
            var changes = try amina.incidents(12)
            changes.append(try amina.set("summary", "زخمیان به شفاخانه منتقل شدند", on: changes[7].key))
            _ = try client.push(changes)

            synchronizer.snapshotPage = 5
            #expect(try synchronizer.run().bootstrapped == 12)
            #expect(try replica.searchBacklog() == 12)
            for key in amina.dataset.records.keys {
                let base = try replica.database.read { store in try store.base(of: key) }
                #expect(base == amina.dataset.records[key], "the base of \(key.id)")
            }
            #expect(try replica.list(RecordFilter(entity: .incident)).entries.count == 12)

            #expect(try replica.database.write { store in try store.catchUpSearch(limit: 5) } == 5)
            #expect(try replica.searchBacklog() == 7)
            let hits = try replica.search("شفاخانه")
            #expect(hits.total == 1 && hits.hits.first?.id == changes[7].key.id)
            #expect(try replica.searchBacklog() == 0)
            #expect(try replica.search("incident").total == 12)
            #expect(try replica.catchUpSearch() == 0)
        }
    }

    /// A snapshot page whose page form is sound but one of whose states is damaged is refused by the client as it is
    /// read, before a bootstrap could store any of it.
    @Test func aSnapshotPageWithADamagedStateIsRefusedAsItIsRead() async throws {
        var amina = Researcher("amina", replica: "laptop1", millis: systemWallClock())
        _ = try amina.incidents(3)
        var states = amina.dataset.records.keys.sorted().map { amina.dataset.records[$0]!.packed() }
        states[1] = Array(states[1].dropLast())
        let body = SnapshotPage(states: states, cursor: 3, nextAfter: nil).packed
        let router = Router()
        router.get("v1/snapshot") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: SyncProtocol.packedMediaType], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            let sync = SyncClient(options: TransportOptions(baseURL: "http://127.0.0.1:\(client.port!)", token: "dsr_a_b", retries: 0))
            #expect(throws: TransportError.self) { try sync.snapshot(after: nil, limit: 10) }
        }
    }

    @Test func aPulledPageIsStoredWithItsCursorAndTheReplicaReturnsToFullSync() throws {
        let folder = try ScratchFolder("replica")
        let path = folder.file("pulled.sqlite").path
        let replica = try Replica.create(path: path, settings: ReplicaTests.settings())
        var bilal = Researcher("bilal", replica: "laptop2", millis: systemWallClock())
        let changes = try bilal.incidents(2)
        #expect(try replica.apply(PullPage(changes: changes, next: 2, more: false)).applied == 2)
        #expect(try replica.cursor() == 2)
        #expect(try replica.dataset().records == bilal.dataset.records)
        let mode = { try replica.database.writer.read(ServerWriteSyncTests.synchronous) }
        #expect(try mode() == 2, "synchronous must be FULL (2) again after a pulled page")
        try replica.bootstrap([bilal.dataset.records.values.first!.packed()], cursor: nil)
        #expect(try mode() == 2, "synchronous must be FULL (2) again after a snapshot page")
    }
}

/// What arrives from the server commits at NORMAL only in WAL mode, and the connection is back at FULL even when the
/// write fails.
@Suite struct ServerWriteSyncTests {
    struct Refused: Error {}

    static func synchronous(_ db: Database) throws -> Int? { try Int.fetchOne(db, sql: "PRAGMA synchronous") }

    @Test func aFailedServerWriteRollsBackAndLeavesTheReplicaAtFullSync() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: ReplicaTests.settings())
        var seen: Int?
        #expect(throws: Refused.self) {
            try replica.database.writeFromServer { store in
                seen = try Self.synchronous(store.db)
                try store.updateReplicaState { $0.cursor = 99 }
                throw Refused()
            }
        }
        #expect(seen == 1, "a server write in WAL mode runs at NORMAL (1)")
        #expect(try replica.cursor() == 0)
        #expect(try replica.database.writer.read(Self.synchronous) == 2)
    }

    @Test func withARollbackJournalServerWritesStayAtFullSync() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: ReplicaTests.settings())
        try replica.database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        let seen = try replica.database.writeFromServer { store in try Self.synchronous(store.db) }
        #expect(seen == 2, "NORMAL with a rollback journal could corrupt the file after a power cut")
        #expect(try replica.database.writer.read(Self.synchronous) == 2)
    }
}
