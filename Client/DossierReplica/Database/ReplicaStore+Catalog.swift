import DossierCore
import Foundation
import GRDB

extension ReplicaStore {
    /// The entries of records queued since the catalog was last filled (new or changed), unpacked now.
    func uncatalogued(_ entity: EntityKind? = nil) throws -> [ListingEntry] {
        let pending = try Row.fetchAll(db, sql: "SELECT entity, id FROM catalog_pending WHERE ? IS NULL OR entity = ?",
                                       arguments: [entity?.rawValue, entity?.rawValue])
        let empty = Dataset()
        return try pending.compactMap { row in
            guard let kind = EntityKind(rawValue: row[0]), let state = try self.state(of: RecordKey(entity: kind, id: row[1])) else { return nil }
            return ListingEntry(RecordView(state, in: empty), live: state.creation != nil && !state.isDeleted,
                                claimSources: state.claimLines.map(\.claim.source))
        }
    }

    /// Whether any record waits in the queue for its catalog row.
    func catalogIsStale() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM catalog_pending)") ?? false
    }

    /// Fills the catalog rows of the records queued, unpacking only those, and empties the queue.
    func refreshCatalog() throws {
        let entries = try uncatalogued()
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO catalog (entity, id, live, deleted, conflicts, date, label, created_at, killed, place, admin1,
                                            event_type, sub_event_type, review_status, tags, actors, sources, target, refs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for entry in entries {
            try insert.execute(arguments: [
                entry.entity.rawValue, entry.id, entry.live, entry.deleted, entry.conflicts, entry.date, entry.label, entry.createdAt,
                entry.killed, entry.place, entry.admin1, entry.eventType, entry.subEventType, entry.reviewStatus,
                entry.tagList.text, entry.actorList.text, entry.sourceList.text, entry.target, entry.refList.text,
            ])
        }
        try db.execute(sql: "DELETE FROM catalog_pending")
    }

    /// Queues a new or changed record (dropping its stale row): its catalog row is rebuilt when next needed.
    func invalidateCatalog(_ key: RecordKey, existed: Bool) throws {
        if existed {
            try db.cachedStatement(sql: "DELETE FROM catalog WHERE entity = ? AND id = ?").execute(arguments: [key.entity.rawValue, key.id])
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO catalog_pending (entity, id) VALUES (?, ?)")
            .execute(arguments: [key.entity.rawValue, key.id])
    }

    /// The catalog entries of one kind, those not catalogued yet included (unsorted). Of the columns only filters
    /// read, those not in `reading` are left empty: a list runs over every record, and each string read costs.
    func catalog(of entity: EntityKind, reading: CatalogColumns = .all) throws -> [ListingEntry] {
        func column(_ name: String, _ wanted: CatalogColumns, empty: String = "NULL") -> String { reading.contains(wanted) ? name : empty }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, live, deleted, conflicts, date, label, \(column("created_at", .created)), killed, \(column("place", .place)),
                   \(column("admin1", .place)), \(column("event_type", .type)), \(column("sub_event_type", .type)),
                   \(column("review_status", .status)), \(column("tags", .tags, empty: "''")), \(column("actors", .actors, empty: "''")),
                   \(column("sources", .sources, empty: "''")), target, \(column("refs", .refs, empty: "''"))
            FROM catalog WHERE entity = ?
            """), arguments: [entity.rawValue])
        var entries: [ListingEntry] = []
        entries.reserveCapacity(try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM catalog WHERE entity = ?"),
                                                 arguments: [entity.rawValue]) ?? 0)
        while let row = try rows.next() {
            entries.append(ListingEntry(entity: entity, id: row[0], live: row[1], deleted: row[2], conflicts: row[3], date: row[4],
                                        label: row[5], createdAt: row[6], killed: row[7], place: row[8], admin1: row[9],
                                        eventType: row[10], subEventType: row[11], reviewStatus: row[12], tagList: JoinedValues(joined: row[13]),
                                        actorList: JoinedValues(joined: row[14]), sourceList: JoinedValues(joined: row[15]), target: row[16],
                                        refList: JoinedValues(joined: row[17])))
        }
        entries.append(contentsOf: try uncatalogued(entity))
        return entries
    }

    /// The keys of the records whose references include `id` (call `refreshCatalog` first, or pending ones are missed).
    func keys(referring id: String) throws -> [RecordKey] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT entity, id FROM catalog WHERE instr(refs, ?) > 0"), arguments: [id])
            .compactMap { row in EntityKind(rawValue: row[0]).map { RecordKey(entity: $0, id: row[1]) } }
            + (try uncatalogued()).filter { $0.refs.contains(id) }.map { RecordKey(entity: $0.entity, id: $0.id) }
    }

    /// The ids of records that are created and not deleted, of every kind.
    func liveIDs() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM catalog WHERE live = 1") + (try uncatalogued()).filter(\.live).map(\.id))
    }

    /// Every record's id.
    func recordIDs() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM records")
    }

    /// How many open conflicts the records have.
    func openConflictCount() throws -> Int {
        (try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(conflicts), 0) FROM catalog WHERE conflicts > 0") ?? 0) + (try uncatalogued()).map(\.conflicts).reduce(0, +)
    }
}

/// The catalog columns that only some filters read, asked for by `ReplicaStore.catalog(of:reading:)`.
struct CatalogColumns: OptionSet {
    let rawValue: Int
    /// The creation time (`--sort created`).
    static let created = CatalogColumns(rawValue: 1 << 0)
    /// Place and admin1.
    static let place = CatalogColumns(rawValue: 1 << 1)
    /// Event and sub-event type.
    static let type = CatalogColumns(rawValue: 1 << 2)
    /// Review status.
    static let status = CatalogColumns(rawValue: 1 << 3)
    /// Tags.
    static let tags = CatalogColumns(rawValue: 1 << 4)
    /// Actors with their roles.
    static let actors = CatalogColumns(rawValue: 1 << 5)
    /// Sources cited.
    static let sources = CatalogColumns(rawValue: 1 << 6)
    /// Every record referred to.
    static let refs = CatalogColumns(rawValue: 1 << 7)
    /// Every column.
    static let all = CatalogColumns(rawValue: (1 << 8) - 1)
}

extension RecordFilter {
    /// The catalog columns this filter and its order read, beyond those a list prints.
    var columns: CatalogColumns {
        var columns: CatalogColumns = []
        if order == .created { columns.insert(.created) }
        if place != nil { columns.insert(.place) }
        if eventType != nil { columns.insert(.type) }
        if status != nil { columns.insert(.status) }
        if tag != nil { columns.insert(.tags) }
        if actor != nil { columns.insert(.actors) }
        if source != nil { columns.insert(.sources) }
        return columns
    }
}
