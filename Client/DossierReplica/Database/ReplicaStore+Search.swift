import DossierCore
import GRDB

/// One search result.
public struct SearchHit: Sendable, Codable, Equatable {
    /// The record's kind.
    public var entity: EntityKind
    /// The record's id.
    public var id: String
    /// The matching text with the match in [brackets].
    public var snippet: String
}

/// Full-text search over titles, summaries, quotes and notes (SQLite FTS5), kept in step with each record.
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
        try db.cachedStatement(sql: "INSERT INTO search (entity, id, body) VALUES (?, ?, ?)")
            .execute(arguments: [state.key.entity.rawValue, state.key.id, texts.joined(separator: " \u{2022} ")])
        try db.cachedStatement(sql: "INSERT INTO search_keys (entity, id, search_rowid) VALUES (?, ?, ?)")
            .execute(arguments: key + [db.lastInsertedRowID])
    }

    /// Records matching words, best first. Words are matched as typed (each as a prefix), never as FTS syntax.
    func search(_ words: String, limit: Int) throws -> [SearchHit] {
        let terms = words.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"*" }
        guard !terms.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT entity, id, snippet(search, 2, '[', ']', '…', 12) AS snippet FROM search
            WHERE search MATCH ? ORDER BY rank LIMIT ?
            """, arguments: [terms.joined(separator: " "), limit]).compactMap { row in
            guard let entity = EntityKind(rawValue: row["entity"]) else { return nil }
            return SearchHit(entity: entity, id: row["id"], snippet: row["snippet"])
        }
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
