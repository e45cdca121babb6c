import DossierCore
import DossierTrust
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Testing

/// The replica's one typed state row: identity and sync progress survive reopening the file, and there is only ever one.
@Suite struct ReplicaStateTests {
    @Test func identityAndSyncStateAreKeptInTheOneStateRowAcrossReopening() throws {
        let folder = try ScratchFolder("replica")
        let path = folder.file("r.sqlite").path
        let now: Int64 = 1_700_000_000_000
        let replica = try Replica.create(path: path, settings: ReplicaTests.settings(), wall: { now })
        var bilal = Researcher("bilal", replica: "laptop2", millis: now - 1_000)
        let pulled = try bilal.incidents(2)
        try replica.apply(PullPage(changes: pulled, next: 7, more: false))
        try replica.adoptServerTime(now + Replica.clockTolerance + 5_000)
        try replica.noteSync(serverTime: now + 300)
        let edit = try replica.edit(pulled[0].key) { try Edit.set("place", to: "Abbey Gate", in: $0) }
        try replica.update { $0.proxy = "socks5h://127.0.0.1:9050" }

        let reopened = try Replica.open(path: path, wall: { now })
        var expected = ReplicaTests.settings()
        expected.proxy = "socks5h://127.0.0.1:9050"
        #expect(try reopened.settings() == expected)
        let state = try reopened.database.read { store in try store.replicaState() }
        #expect(state == ReplicaStateRecord(settings: expected, cursor: 7, clock: edit.version, lastCounter: 1,
                                            clockCorrection: Replica.clockTolerance + 5_000, lastSync: now, clockOffset: 300,
                                            chainHead: ChangeChain.hash(ofBody: CanonicalJSON.text(edit))))
        #expect(edit.version.millis == now + Replica.clockTolerance + 5_000, "edits are stamped with the corrected clock")
        let status = try reopened.status()
        #expect(status.cursor == 7 && status.lastSync == now && status.clockOffset == 300)
        // The next local change continues the counter and the clock kept in the row.
        let next = try reopened.edit(pulled[1].key) { try Edit.set("place", to: "Baron Hotel", in: $0) }
        #expect(next.id.counter == 2 && next.version > edit.version)
    }

    @Test func theStateRowIsOneRowAndAFileWithoutItIsNotInitialised() throws {
        let folder = try ScratchFolder("replica")
        let path = folder.file("r.sqlite").path
        _ = try ReplicaDatabase.open(path: path, create: true)
        #expect(throws: ReplicaError.notInitialised(path: path)) { try Replica.open(path: path) }
        let replica = try Replica.create(path: path, settings: ReplicaTests.settings())
        #expect(throws: DatabaseError.self) {
            try replica.database.write { store in try store.insertReplicaState(ReplicaStateRecord(settings: ReplicaTests.settings("bilal"))) }
        }
        #expect(throws: DatabaseError.self) {
            try replica.database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO replica_state (id, replica, author, team, role, name, server_url, token)
                    VALUES (2, 'laptop9', 'bilal', 'kabul', 'editor', 'x', 'http://127.0.0.1:9', 'dsr_y')
                    """)
            }
        }
        #expect(try replica.settings() == ReplicaTests.settings())
    }
}
