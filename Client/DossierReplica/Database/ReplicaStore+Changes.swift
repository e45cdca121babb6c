import DossierCore
import GRDB

extension ReplicaStore {
    /// The ids among `changes` this replica already holds.
    func knownChangeIDs(among changes: [Change]) throws -> Set<String> {
        let lookup = try db.cachedStatement(sql: "SELECT 1 FROM changes WHERE change_id = ?")
        var known = Set<String>()
        for change in changes where try Int.fetchOne(lookup, arguments: [change.id.description]) != nil {
            known.insert(change.id.description)
        }
        return known
    }

    /// Keeps pulled changes for history, with the canonical bodies they came with.
    func insertPulled(_ changes: [(change: Change, body: String)]) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO changes (change_id, entity, record, version, body, local) VALUES (?, ?, ?, ?, ?, 0)")
        for (change, body) in changes {
            try insert.execute(arguments: [change.id.description, change.entity.rawValue, change.record, change.version.description, body])
        }
    }

    /// Keeps a local change for history and appends it to the outbox.
    func appendLocal(_ change: Change) throws {
        let body = ReplicaJSON.encode(change)
        try db.cachedStatement(sql: "INSERT INTO changes (change_id, entity, record, version, body, local) VALUES (?, ?, ?, ?, ?, 1)")
            .execute(arguments: [change.id.description, change.entity.rawValue, change.record, change.version.description, body])
        try db.cachedStatement(sql: "INSERT INTO outbox (change_id, body) VALUES (?, ?)").execute(arguments: [change.id.description, body])
    }

    /// Every change to a record this replica holds, in version order.
    func changes(of key: RecordKey) throws -> [Change] {
        try ReplicaChangeRow.filter(ReplicaChangeRow.Columns.entity == key.entity.rawValue && ReplicaChangeRow.Columns.record == key.id)
            .order(ReplicaChangeRow.Columns.version).fetchAll(db).map { try ReplicaJSON.decodeChange($0.body) }
    }

    /// The stored body of a change, if this replica holds it.
    func body(of id: ChangeID) throws -> String? {
        try String.fetchOne(db, sql: "SELECT body FROM changes WHERE change_id = ?", arguments: [id.description])
    }

    /// How many changes this replica holds.
    func changeCount() throws -> Int {
        try ReplicaChangeRow.fetchCount(db)
    }

    /// The latest version among the changes held, leaving out `ids`.
    func latestVersion(excluding ids: Set<String>) throws -> HLC? {
        // The version text sorts like the clock value, so SQL's MAX is the latest.
        try String.fetchOne(db, ReplicaChangeRow.select(max(ReplicaChangeRow.Columns.version))
            .filter(!ids.contains(ReplicaChangeRow.Columns.changeID))).flatMap(HLC.init)
    }
}
