import DossierCore
import DossierTestSupport
@testable import DossierReplica
import Foundation
import GRDB
import Testing

/// The replica file: creation, refusal of foreign files, edits with their outbox entry, pulls with their cursor.
@Suite struct ReplicaTests {
    static func settings(_ author: String = "amina", replica: String = "laptop1") -> ReplicaSettings {
        ReplicaSettings(replica: ReplicaID(replica)!, author: author, team: "kabul", role: .editor, name: "test",
                        serverURL: "http://127.0.0.1:9", token: "dsr_x")
    }

    static let incident: [String: JSONValue] = [
        "title": "Suicide attack at Kabul airport", "date": "2021-08-26", "place": "Kabul airport",
        "event_type": "Explosions/Remote violence", "tags": ["airport"],
    ]

    @Test func aNewReplicaIsPrivateAndAForeignFileIsNeverTouched() throws {
        let folder = try ScratchFolder("replica")
        let path = folder.file("a/replica.sqlite").path
        _ = try Replica.create(path: path, settings: Self.settings())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: ReplicaError.alreadyInitialised(path: path)) { try Replica.create(path: path, settings: Self.settings()) }

        let text = folder.file("notes.txt").path
        try Data("field notes, not a database\n".utf8).write(to: URL(fileURLWithPath: text))
        let foreignDB = folder.file("other.sqlite").path
        try DatabaseQueue(path: foreignDB).write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        for file in [text, foreignDB] {
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(throws: ReplicaError.self) { try Replica.open(path: file) }
            #expect(throws: ReplicaError.self) { try Replica.create(path: file, settings: Self.settings()) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        }
        #expect(throws: ReplicaError.notInitialised(path: folder.url.path + "/none.sqlite")) { try Replica.open(path: folder.url.path + "/none.sqlite") }
    }

    @Test func anEditAndItsOutboxEntryAreOneTransaction() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: Self.settings())
        let created = try replica.create(.incident, fields: Self.incident)
        // A refused step rolls back the whole edit: no state change, no outbox entry.
        #expect(throws: ValidationError.self) {
            try replica.edit(created.key, steps: [{ try Edit.set("place", to: "Abbey Gate", in: $0) },
                                                  { try Edit.set("date", to: "26 August", in: $0) }])
        }
        #expect(try replica.record(created.key)?.fields["place"]?.currentValue == "Kabul airport")
        #expect(try replica.outbox(limit: 10).changes == [created])
        let edit = try replica.edit(created.key) { try Edit.set("place", to: "Abbey Gate", in: $0) }
        #expect(try replica.outbox(limit: 10).changes == [created, edit])
        #expect(edit.id.counter == 2 && edit.version > created.version)
        // Receipts take stored changes out of the outbox; a rejected one stays with its reason.
        try replica.settle([Receipt(id: created.id.description, status: .accepted),
                            .rejected(edit.id.description, code: "invalid", message: "place: must not be empty")])
        #expect(try replica.outbox(limit: 10).changes == [edit])
        #expect(try replica.status().rejected == [edit.id.description: "invalid: place: must not be empty"])
    }

    @Test func aPulledPageIsMergedOnceAndTheCursorMovesWithIt() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: Self.settings())
        var bilal = Researcher("bilal", replica: "laptop2", millis: systemWallClock())
        let changes = try bilal.incidents(3)
        #expect(try replica.apply(PullPage(changes: changes, next: 3, more: false)).applied == 3)
        #expect(try replica.apply(PullPage(changes: changes, next: 3, more: false)).applied == 0)
        #expect(try replica.cursor() == 3)
        #expect(try replica.dataset().records.count == 3)
        #expect(try replica.outbox(limit: 10).changes.isEmpty)
        // The local clock moved past what it received, so a local edit supersedes it.
        let edit = try replica.edit(changes[0].key) { try Edit.set("title", to: "Renamed", in: $0) }
        #expect(edit.version > changes.map(\.version).max()!)
        #expect(try replica.history(of: changes[0].key).entries.map(\.op) == ["create", "set"])
    }

    @Test func migratedReplicaMatchesSchemaFile() throws {
        let folder = try ScratchFolder("replica")
        let replica = try Replica.create(path: folder.file("r.sqlite").path, settings: Self.settings())
        let reference = try DatabaseQueue()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sql = try String(contentsOf: root.appendingPathComponent("Schema/replica.sql"), encoding: .utf8)
        try reference.write { try $0.execute(sql: sql) }
        func catalog(_ db: some DatabaseReader) throws -> [String] {
            try db.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT type, name, sql FROM sqlite_master
                    WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                      AND name NOT IN ('search_data', 'search_idx', 'search_content', 'search_docsize', 'search_config')
                    ORDER BY type, name
                    """).map { "\($0["type"] as String) \($0["name"] as String): " + (($0["sql"] as String?) ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            }
        }
        let migrated = try catalog(replica.database.writer)
        #expect(migrated.count == 15)
        #expect(ReplicaDatabase.migrator.migrations == ["v1", "v2-accounts", "v3-search-folding", "v4-catalog", "v5-log", "v6-search-pending"])
        #expect(migrated == (try catalog(reference)))
    }
}
