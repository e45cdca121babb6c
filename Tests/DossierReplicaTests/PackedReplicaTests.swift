import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Testing

/// A replica written before merged states were packed opens, migrates, and keeps every record and its base.
@Suite struct PackedReplicaTests {
    @Test func aReplicaWithJSONStatesMigratesAndKeepsEveryRecord() throws {
        let path = try ReplicaTests.folder().appendingPathComponent("old.sqlite").path
        var bilal = Researcher("bilal", replica: "laptop2", millis: systemWallClock())
        let create = try bilal.incident()
        let old = RecordState(key: create.key).applying(create)
        let json = String(decoding: CanonicalJSON.encode(old), as: UTF8.self)
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(ReplicaDatabase.applicationID)") }
        try ReplicaDatabase.migrator.migrate(queue, upTo: "v2-search-keys")
        try queue.write { db in
            try ReplicaTests.settings().save(db)
            for table in ["records", "bases"] {
                try db.execute(sql: "INSERT INTO \(table) (entity, id, state) VALUES (?, ?, ?)",
                               arguments: [create.entity.rawValue, create.record, json])
            }
        }
        try queue.close()

        let replica = try Replica.open(path: path)
        #expect(try replica.record(create.key) == old)
        let edit = try bilal.make(.set(field: "place", value: "Abbey Gate, Kabul airport", supersedes: []), on: create.key)
        try replica.apply(PullPage(changes: [edit], next: 2, more: false))
        #expect(try replica.record(create.key) == old.applying(edit))
        let stored = try replica.writer.read { db in try Data.fetchOne(db, sql: "SELECT state FROM records") }
        #expect(stored?.first == RecordState.packedFormat)
    }
}
