import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Testing

/// The replica stores merged states in one form, packed: a bootstrap keeps the bytes it received, a merge writes them packed.
@Suite struct PackedReplicaTests {
    /// The stored states of a table, in record id order.
    static func storedStates(_ replica: Replica, _ table: String) throws -> [Data] {
        try replica.database.writer.read { db in try Data.fetchAll(db, sql: "SELECT state FROM \(table) ORDER BY id") }
    }

    @Test func aBootstrapStoresTheBytesItReceivedAndAMergeWritesThemPacked() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: ReplicaTests.settings())
        var bilal = Researcher("bilal", replica: "laptop2", millis: systemWallClock())
        let created = try bilal.incidents(2)
        let received = created.map { RecordState(key: $0.key).applying($0) }.sorted { $0.key.id < $1.key.id }.map { $0.packed() }
        try replica.bootstrap(received, cursor: 2)
        #expect(try Self.storedStates(replica, "records") == received.map { Data($0) })
        #expect(try Self.storedStates(replica, "bases") == received.map { Data($0) })
        #expect(try replica.cursor() == 2)

        let edit = try bilal.make(.set(field: "place", value: "Abbey Gate, Kabul airport", supersedes: []), on: created[0].key)
        try replica.apply(PullPage(changes: [edit], next: 3, more: false))
        let merged = try #require(try replica.record(created[0].key))
        #expect(merged == RecordState(key: created[0].key).applying(created[0]).applying(edit))
        let stored = try replica.database.writer.read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM records WHERE id = ?", arguments: [created[0].record])
        }
        #expect(stored?.first == RecordState.packedFormat)
        #expect(try stored.map { try RecordState(packed: Array($0)) } == merged)
        #expect(try Self.storedStates(replica, "bases") == received.map { Data($0) }, "a base stays as the snapshot delivered it")
    }
}
