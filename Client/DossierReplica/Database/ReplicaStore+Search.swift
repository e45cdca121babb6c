import DossierCore
import GRDB

/// Full-text search (SQLite FTS5): `body` holds each record's text folded by `SearchFolding` (the indexed column),
/// `text` the same text as stored, for snippets. Kept in step with each record.
extension ReplicaStore {
    /// Re-indexes one record (its current text values, claims' notes included); `replacing: false` says it has no entry yet.
    func index(_ state: RecordState, replacing: Bool = true) throws {
        let key: StatementArguments = [state.key.entity.rawValue, state.key.id]
        if replacing, let rowid = try Int64.fetchOne(db.cachedStatement(sql: "SELECT search_rowid FROM search_keys WHERE entity = ? AND id = ?"),
                                                     arguments: key) {
            try db.cachedStatement(sql: "DELETE FROM search WHERE rowid = ?").execute(arguments: [rowid])
            try db.cachedStatement(sql: "DELETE FROM search_keys WHERE entity = ? AND id = ?").execute(arguments: key)
        }
        guard !state.isDeleted else { return }
        var texts: [String] = []
        for spec in FieldRules.fields(of: state.key.entity) {
            guard let value = state.fields[spec.name]?.currentValue else { continue }
            switch spec.type {
            case .text, .choice: texts += Self.strings(in: value)
            case .casualtyClaim: texts += Self.strings(in: value).filter { $0.contains(" ") }
            default: continue
            }
        }
        guard !texts.isEmpty else { return }
        let text = texts.joined(separator: " \u{2022} ")
        try db.cachedStatement(sql: "INSERT INTO search (entity, id, body, text) VALUES (?, ?, ?, ?)")
            .execute(arguments: [state.key.entity.rawValue, state.key.id, SearchFolding.fold(text), text])
        try db.cachedStatement(sql: "INSERT INTO search_keys (entity, id, search_rowid) VALUES (?, ?, ?)")
            .execute(arguments: key + [db.lastInsertedRowID])
    }

    /// How many records wait for their search entry (a snapshot's, until the first search).
    func searchBacklog() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_pending") ?? 0
    }

    /// Indexes at most `limit` of the records waiting for their search entry and takes them off the queue; returns how many.
    func catchUpSearch(limit: Int) throws -> Int {
        let pending = try Row.fetchAll(db, sql: "SELECT entity, id FROM search_pending LIMIT ?", arguments: [limit])
        let done = try db.cachedStatement(sql: "DELETE FROM search_pending WHERE entity = ? AND id = ?")
        for row in pending {
            let entity: String = row[0], id: String = row[1]
            if let kind = EntityKind(rawValue: entity), let state = try state(of: RecordKey(entity: kind, id: id)) { try index(state) }
            try done.execute(arguments: [entity, id])
        }
        return pending.count
    }

    /// Empties the search index and indexes every record again (after the folding changed).
    func reindexAll() throws {
        try db.execute(sql: "DELETE FROM search; DELETE FROM search_keys")
        if try db.tableExists("search_pending") { try db.execute(sql: "DELETE FROM search_pending") }
        for row in try ReplicaRecordRow.fetchAll(db) { try index(try RecordState(packed: Array(row.state)), replacing: false) }
    }

    /// One page of the records matching `words` (see `SearchQuery`), best first, of one kind if given, with the total.
    func search(_ words: String, kind: EntityKind?, limit: Int, offset: Int) throws -> SearchResults {
        var results = SearchResults(total: 0, offset: offset, limit: limit, hits: [])
        guard let expression = SearchQuery(words).expression else { return results }
        let filter = kind == nil ? "" : " AND entity = ?"
        let arguments: StatementArguments = [expression] + (kind.map { [$0.rawValue] } ?? [])
        results.total = try Int.fetchOne(db, sql: "SELECT count(*) FROM search WHERE search MATCH ?" + filter, arguments: arguments) ?? 0
        guard results.total > offset, limit > 0 else { return results }
        let marks: StatementArguments = [String(SearchSnippet.open), String(SearchSnippet.close)]
        results.hits = try Row.fetchAll(db, sql: """
            SELECT entity, id, text, highlight(search, 2, ?, ?) AS marked FROM search
            WHERE search MATCH ?\(filter) ORDER BY rank LIMIT ? OFFSET ?
            """, arguments: marks + arguments + [limit, offset]).compactMap { row in
            guard let entity = EntityKind(rawValue: row["entity"]) else { return nil }
            return SearchHit(entity: entity, id: row["id"], snippet: SearchSnippet.make(text: row["text"], highlighted: row["marked"]))
        }
        return results
    }

    private static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let values): values.flatMap(strings(in:))
        case .object(let members): members.keys.sorted().flatMap { strings(in: members[$0]!) }
        default: []
        }
    }
}
