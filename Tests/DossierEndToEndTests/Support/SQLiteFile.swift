import DossierTestSupport
import Foundation
import GRDB

/// Queries on a SQLite file through GRDB, read-only unless asked: what is really stored.
enum SQLiteFile {
    /// Runs `sql` on the file at `path` (read-only unless `write`, which also creates the file) and returns every row's text.
    static func query(_ path: String, _ sql: String, write: Bool = false) throws -> [[String?]] {
        var configuration = Configuration()
        configuration.readonly = !write
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.inDatabase { db in
                var rows: [[String?]] = []
                let statements = try db.allStatements(sql: sql)
                while let statement = try statements.next() {
                    rows += try Row.fetchAll(statement).map { row in row.databaseValues.map(text) }
                }
                return rows
            }
        } catch let error as DatabaseError {
            throw CommandFailed(description: "SQLite failed on \(path): \(error.message ?? "\(error.resultCode)") in `\(sql)`")
        }
    }

    /// The single integer `sql` returns.
    static func integer(_ path: String, _ sql: String) throws -> Int {
        let rows = try query(path, sql)
        guard let text = rows.first?.first ?? nil, let value = Int(text) else {
            throw CommandFailed(description: "`\(sql)` on \(path) returned no integer: \(rows)")
        }
        return value
    }

    /// The first column of every row `sql` returns, without NULLs.
    static func strings(_ path: String, _ sql: String) throws -> [String] {
        try query(path, sql).compactMap { $0.first ?? nil }
    }

    /// A stored value as text, as `sqlite3_column_text` gives it.
    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}
