import DossierCore
@testable import DossierServer
import DossierTestSupport
import Foundation
import GRDB
import PostgresNIO
import Testing

/// Schema/ holds the reference SQL of each store; a freshly migrated store must match it exactly.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func reference(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Schema/\(name)"), encoding: .utf8)
    }

    @Test func migratedSQLiteStoreMatchesSchemaFile() async throws {
        let folder = try ScratchFolder("schema")
        guard case .sqlite(let path) = try await TestStores.freshLocation(.sqlite, in: folder) else { return }
        let migrated = try SQLiteStore(path: path)
        try await migrated.migrate()
        let reference = try DatabaseQueue()
        try await reference.write { db in try db.execute(sql: try Self.reference("server-sqlite.sql")) }
        let fromMigrations = try await Self.catalog(migrated.pool)
        let fromFile = try await Self.catalog(reference)
        #expect(!fromMigrations.isEmpty)
        #expect(fromMigrations == fromFile)
    }

    static func catalog(_ db: some DatabaseReader) async throws -> [String] {
        try await db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY type, name
                """).map { row in
                let sql: String = row["sql"] ?? ""
                let normalised = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                return "\(row["type"] as String) \(row["name"] as String): \(normalised)"
            }
        }
    }

    @Test func migratedPostgresStoreMatchesSchemaFile() async throws {
        let migrated = try await TestStores.freshDatabase()
        let reference = try await TestStores.freshDatabase()
        let logger = TestStores.logger
        let fromMigrations = try await migrated.withStore(logger: logger) { _ in try await Self.catalog(migrated) }
        let statements = try Self.reference("server-postgres.sql")
            .split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            .split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try await reference.withClient(logger: logger) { client in
            for statement in statements { try await client.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
        }
        let fromFile = try await Self.catalog(reference)
        #expect(fromMigrations.count > 20)
        #expect(fromMigrations == fromFile)
    }

    static func catalog(_ location: StoreLocation) async throws -> [String] {
        try await location.withClient(logger: TestStores.logger) { client in
            var lines: [String] = []
            let columns = try await client.query("""
                SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'dossier_migrations' ORDER BY table_name, ordinal_position
                """)
            for try await (table, column, type, nullable, fallback) in columns.decode((String, String, String, String, String).self) {
                lines.append("column \(table).\(column) \(type) null=\(nullable) default=\(fallback)")
            }
            let constraints = try await client.query("""
                SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'dossier_migrations' ORDER BY 1, 2
                """)
            for try await (table, definition) in constraints.decode((String, String).self) {
                lines.append("constraint \(table): \(definition)")
            }
            let indexes = try await client.query("""
                SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'dossier_migrations' ORDER BY indexname
                """)
            for try await definition in indexes.decode(String.self) { lines.append("index \(definition)") }
            return lines
        }
    }
}
