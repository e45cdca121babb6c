import DossierCore
import Foundation
import GRDB

extension ReplicaStore {
    /// One record's merged state.
    func state(of key: RecordKey) throws -> RecordState? {
        let statement = try db.cachedStatement(sql: "SELECT state FROM records WHERE entity = ? AND id = ?")
        return try Data.fetchOne(statement, arguments: [key.entity.rawValue, key.id]).map { try RecordState(packed: Array($0)) }
    }

    /// The record an id names, of whatever kind: a reference does not say which kind it points at.
    func states(withID id: String) throws -> [RecordState] {
        try EntityKind.allCases.compactMap { try state(of: RecordKey(entity: $0, id: id)) }
    }

    /// Every record, merged.
    func dataset() throws -> Dataset {
        var dataset = Dataset()
        for row in try ReplicaRecordRow.fetchAll(db) { dataset.insert(try RecordState(packed: Array(row.state))) }
        return dataset
    }

    /// The keys of at most `limit` records whose id without dashes starts, or (from 4 digits) ends, with `digits`
    /// (lowercase hex), of a kind if given.
    func keys(matching digits: String, of entity: EntityKind?, limit: Int) throws -> [RecordKey] {
        let dashless = SQL("replace(id, '-', '')").sqlExpression
        var condition = dashless.like("\(digits)%")
        if digits.count >= 4 { condition = condition || dashless.like("%\(digits)") }
        var request = ReplicaRecordRow.select(ReplicaRecordRow.Columns.entity, ReplicaRecordRow.Columns.id).filter(condition)
        if let entity { request = request.filter(ReplicaRecordRow.Columns.entity == entity.rawValue) }
        return try Row.fetchAll(db, request.limit(limit)).compactMap { row in
            EntityKind(rawValue: row[ReplicaRecordRow.Columns.entity]).map { RecordKey(entity: $0, id: row[ReplicaRecordRow.Columns.id]) }
        }
    }

    /// Writes a record's merged state (packed) and its search entry; `isNew` (when the caller knows) spares the existence check.
    func save(_ state: RecordState, isNew: Bool? = nil) throws {
        try save(state, packed: Data(state.packed()), isNew: isNew)
    }

    /// Writes a record's state already packed, and its search entry.
    func save(_ state: RecordState, packed: Data, isNew: Bool? = nil) throws {
        let key = state.key
        let existed = try isNew.map { !$0 }
            ?? (Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM records WHERE entity = ? AND id = ?"),
                             arguments: [key.entity.rawValue, key.id]) != nil)
        try db.cachedStatement(sql: """
            INSERT INTO records (entity, id, state) VALUES (?, ?, ?) ON CONFLICT (entity, id) DO UPDATE SET state = excluded.state
            """).execute(arguments: [key.entity.rawValue, key.id, packed])
        try invalidateCatalog(key, existed: existed)
        try index(state, replacing: existed)
    }

    /// The state a snapshot delivered for a record, which its later changes are merged onto.
    func base(of key: RecordKey) throws -> RecordState? {
        let statement = try db.cachedStatement(sql: "SELECT state FROM bases WHERE entity = ? AND id = ?")
        return try Data.fetchOne(statement, arguments: [key.entity.rawValue, key.id]).map { try RecordState(packed: Array($0)) }
    }

    /// Stores a snapshot's packed states as they came, as their records' merged states, in statements of many rows.
    /// Their bases, catalog rows and search entries are left to `finishSnapshot()`.
    func insertSnapshot(_ states: [[UInt8]]) throws {
        let rowsPerStatement = 200
        for start in stride(from: 0, to: states.count, by: rowsPerStatement) {
            let slice = states[start..<min(start + rowsPerStatement, states.count)]
            let placeholders = repeatElement("(?, ?, ?)", count: slice.count).joined(separator: ", ")
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO records (entity, id, state) VALUES \(placeholders)")
            var values: [(any DatabaseValueConvertible)?] = []
            values.reserveCapacity(slice.count * 3)
            for bytes in slice {
                let key = try RecordState.key(packed: bytes)
                values += [key.entity.rawValue, key.id, Data(bytes)]
            }
            try statement.execute(arguments: StatementArguments(values))
        }
    }

    /// Ends a snapshot's bootstrap, when every record it holds is stored: each record's state becomes its base, and
    /// each is queued for its catalog row and its search entry (filled when first needed), in three statements.
    func finishSnapshot() throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO bases (entity, id, state) SELECT entity, id, state FROM records;
            DELETE FROM catalog; INSERT OR IGNORE INTO catalog_pending (entity, id) SELECT entity, id FROM records;
            INSERT OR IGNORE INTO search_pending (entity, id) SELECT entity, id FROM records;
            """)
    }
}
