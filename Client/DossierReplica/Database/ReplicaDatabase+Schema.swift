import GRDB

extension ReplicaDatabase {
    /// The replica's migrations. A migration is never edited once merged: add a new one.
    /// Schema/replica.sql is the reference copy of what they produce.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE records (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    PRIMARY KEY (entity, id)
                );
                CREATE TABLE bases (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state TEXT NOT NULL,
                    PRIMARY KEY (entity, id)
                );
                CREATE TABLE changes (
                    change_id TEXT PRIMARY KEY,
                    entity TEXT NOT NULL,
                    record TEXT NOT NULL,
                    version TEXT NOT NULL,
                    body TEXT NOT NULL,
                    local INTEGER NOT NULL
                );
                CREATE INDEX changes_by_record ON changes (entity, record, version);
                CREATE TABLE outbox (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    change_id TEXT NOT NULL UNIQUE REFERENCES changes(change_id),
                    body TEXT NOT NULL
                );
                CREATE TABLE rejections (
                    change_id TEXT PRIMARY KEY REFERENCES changes(change_id),
                    code TEXT NOT NULL,
                    message TEXT NOT NULL,
                    rejected_at INTEGER NOT NULL
                );
                CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, id UNINDEXED, body);
                """)
        }
        // Where each record's search entry is, so re-indexing deletes by rowid instead of scanning the FTS table.
        migrator.registerMigration("v2-search-keys") { db in
            try db.execute(sql: """
                CREATE TABLE search_keys (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    search_rowid INTEGER NOT NULL,
                    PRIMARY KEY (entity, id)
                ) WITHOUT ROWID;
                INSERT OR REPLACE INTO search_keys (entity, id, search_rowid) SELECT entity, id, rowid FROM search;
                """)
        }
        // Merged states move from JSON text to the packed form (Sources/DossierCore/Packed); rows written before
        // keep their JSON, which `RecordState(packed:)` still reads.
        migrator.registerMigration("v3-packed-states") { db in
            try db.execute(sql: """
                ALTER TABLE records RENAME TO records_json;
                CREATE TABLE records (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    PRIMARY KEY (entity, id)
                );
                INSERT INTO records SELECT entity, id, CAST(state AS BLOB) FROM records_json;
                DROP TABLE records_json;
                ALTER TABLE bases RENAME TO bases_json;
                CREATE TABLE bases (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    PRIMARY KEY (entity, id)
                );
                INSERT INTO bases SELECT entity, id, CAST(state AS BLOB) FROM bases_json;
                DROP TABLE bases_json;
                """)
        }
        return migrator
    }
}
