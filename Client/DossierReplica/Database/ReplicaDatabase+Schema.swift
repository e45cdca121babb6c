import GRDB

extension ReplicaDatabase {
    /// The replica's migrations. A migration is never edited once released: add a new one.
    /// Schema/replica.sql is the reference copy of what they produce (a test compares them).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE replica_state (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    replica TEXT NOT NULL,
                    author TEXT NOT NULL,
                    team TEXT NOT NULL,
                    role TEXT NOT NULL,
                    name TEXT NOT NULL,
                    server_url TEXT NOT NULL,
                    token TEXT NOT NULL,
                    proxy TEXT,
                    pin TEXT,
                    cursor INTEGER NOT NULL DEFAULT 0,
                    clock TEXT,
                    last_counter INTEGER NOT NULL DEFAULT 0,
                    clock_correction INTEGER NOT NULL DEFAULT 0,
                    last_sync INTEGER,
                    clock_offset INTEGER
                );
                CREATE TABLE records (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    PRIMARY KEY (entity, id)
                );
                CREATE TABLE bases (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
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
                CREATE TABLE search_keys (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    search_rowid INTEGER NOT NULL,
                    PRIMARY KEY (entity, id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(sql: """
                ALTER TABLE replica_state ADD COLUMN server_key TEXT;
                ALTER TABLE replica_state ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
                """)
        }
        // Search compares folded text (SearchFolding) and shows the stored text: every record is indexed anew.
        migrator.registerMigration("v3-search-folding") { db in
            try db.execute(sql: """
                DROP TABLE search;
                CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, id UNINDEXED, body, text UNINDEXED);
                """)
            try ReplicaStore(db: db, path: "replica").reindexAll()
        }
        migrator.registerMigration("v4-catalog") { db in
            try db.execute(sql: Self.catalogTable)
            try db.execute(sql: "INSERT INTO catalog_pending (entity, id) SELECT entity, id FROM records")
        }
        migrator.registerMigration("v5-log") { db in
            try db.execute(sql: """
                ALTER TABLE replica_state ADD COLUMN checkpoint TEXT;
                ALTER TABLE replica_state ADD COLUMN chain_head TEXT;
                ALTER TABLE replica_state ADD COLUMN device_bound INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE devices (
                    replica TEXT PRIMARY KEY,
                    binding TEXT NOT NULL
                );
                CREATE TABLE log_hashes (
                    seq INTEGER PRIMARY KEY,
                    hash BLOB NOT NULL,
                    change_id TEXT NOT NULL
                );
                """)
        }
        // A snapshot's records are indexed for search when first searched, not while they arrive.
        migrator.registerMigration("v6-search-pending") { db in
            try db.execute(sql: """
                CREATE TABLE search_pending (
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (entity, id)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// What lists and status read instead of unpacking every record: one row per record, filled when first needed and
    /// dropped when the record changes, which queues it in `catalog_pending` (`ReplicaStore+Catalog.swift`). Lists are
    /// joined with U+001F.
    static let catalogTable = """
        CREATE TABLE catalog (
            entity TEXT NOT NULL,
            id TEXT NOT NULL,
            live INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            date TEXT,
            label TEXT NOT NULL,
            created_at TEXT,
            killed TEXT,
            place TEXT,
            admin1 TEXT,
            event_type TEXT,
            sub_event_type TEXT,
            review_status TEXT,
            tags TEXT NOT NULL,
            actors TEXT NOT NULL,
            sources TEXT NOT NULL,
            target TEXT,
            refs TEXT NOT NULL,
            PRIMARY KEY (entity, id)
        ) WITHOUT ROWID;
        CREATE INDEX catalog_conflicted ON catalog (conflicts) WHERE conflicts > 0;
        CREATE TABLE catalog_pending (
            entity TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (entity, id)
        ) WITHOUT ROWID;
        """
}
