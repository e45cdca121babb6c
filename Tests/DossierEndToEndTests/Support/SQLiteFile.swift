import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Queries on a SQLite file through libsqlite3 loaded at run time (the suite links no SQLite module): what is really stored.
enum SQLiteFile {
    private typealias Open = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<OpaquePointer?>, Int32,
                                             UnsafePointer<CChar>?) -> Int32
    private typealias Prepare = @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<OpaquePointer?>,
                                                UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32
    private typealias OnStatement = @convention(c) (OpaquePointer) -> Int32
    private typealias ColumnText = @convention(c) (OpaquePointer, Int32) -> UnsafePointer<UInt8>?
    private typealias ErrorMessage = @convention(c) (OpaquePointer) -> UnsafePointer<CChar>?
    private typealias BusyTimeout = @convention(c) (OpaquePointer, Int32) -> Int32

    /// The loaded C functions.
    private struct API: @unchecked Sendable {
        let open: Open, prepare: Prepare, step: OnStatement, columnCount: OnStatement, columnText: ColumnText
        let finalize: OnStatement, close: OnStatement, errorMessage: ErrorMessage, busyTimeout: BusyTimeout
    }

    private static let api: API? = {
        let names: [String] = ["libsqlite3.so.0", "libsqlite3.so", "/usr/lib/libsqlite3.dylib"]
        guard let library = names.lazy.compactMap({ (name: String) in dlopen(name, RTLD_NOW) }).first else { return nil }
        func symbol<T>(_ name: String, _: T.Type) -> T? { dlsym(library, name).map { unsafeBitCast($0, to: T.self) } }
        guard let open = symbol("sqlite3_open_v2", Open.self), let prepare = symbol("sqlite3_prepare_v2", Prepare.self),
              let step = symbol("sqlite3_step", OnStatement.self), let count = symbol("sqlite3_column_count", OnStatement.self),
              let text = symbol("sqlite3_column_text", ColumnText.self), let finalize = symbol("sqlite3_finalize", OnStatement.self),
              let close = symbol("sqlite3_close_v2", OnStatement.self), let message = symbol("sqlite3_errmsg", ErrorMessage.self),
              let busy = symbol("sqlite3_busy_timeout", BusyTimeout.self) else { return nil }
        return API(open: open, prepare: prepare, step: step, columnCount: count, columnText: text, finalize: finalize,
                   close: close, errorMessage: message, busyTimeout: busy)
    }()

    /// Runs `sql` on the file at `path` (read-only unless `write`, which also creates the file) and returns every row's text.
    static func query(_ path: String, _ sql: String, write: Bool = false) throws -> [[String?]] {
        guard let api else { throw CommandFailed(description: "libsqlite3 could not be loaded to read \(path)") }
        var db: OpaquePointer?
        let flags: Int32 = write ? 0x2 | 0x4 : 0x1 // SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, or SQLITE_OPEN_READONLY
        let opened = api.open(path, &db, flags, nil)
        guard let db else { throw CommandFailed(description: "sqlite3_open_v2(\(path)) failed: \(opened)") }
        defer { _ = api.close(db) }
        guard opened == 0 else { throw failure(api, db, "open \(path)") }
        _ = api.busyTimeout(db, 10_000)
        var rows: [[String?]] = []
        let text = Array(sql.utf8CString)
        try text.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<CChar>? = buffer.baseAddress
            while let start = cursor, start.pointee != 0 {
                var statement: OpaquePointer?
                guard api.prepare(db, start, -1, &statement, &cursor) == 0 else { throw failure(api, db, sql) }
                guard let statement else { continue } // only whitespace or a comment was left
                defer { _ = api.finalize(statement) }
                while true {
                    let code = api.step(statement)
                    if code == 101 { break } // SQLITE_DONE
                    guard code == 100 else { throw failure(api, db, sql) } // SQLITE_ROW
                    rows.append((0..<api.columnCount(statement)).map { column in
                        api.columnText(statement, column).map { String(cString: $0) }
                    })
                }
            }
        }
        return rows
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

    private static func failure(_ api: API, _ db: OpaquePointer, _ what: String) -> CommandFailed {
        CommandFailed(description: "SQLite failed on \(what): \(api.errorMessage(db).map { String(cString: $0) } ?? "?")")
    }
}
