import DossierTrust
import GRDB

extension SQLiteStore {
    /// The store's migrations. A migration is never edited once merged: add a new one.
    /// Schema/server-sqlite.sql is the reference copy of what they produce.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE teams (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    last_seq INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL UNIQUE,
                    team_id INTEGER NOT NULL REFERENCES teams(id),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
                    token_selector TEXT NOT NULL UNIQUE,
                    token_hash TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                );
                CREATE TABLE changes (
                    team_id INTEGER NOT NULL REFERENCES teams(id),
                    seq INTEGER NOT NULL,
                    change_id TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    record TEXT NOT NULL,
                    author TEXT NOT NULL,
                    body TEXT NOT NULL,
                    received_at INTEGER NOT NULL,
                    PRIMARY KEY (team_id, seq),
                    UNIQUE (team_id, change_id)
                );
                CREATE TABLE records (
                    team_id INTEGER NOT NULL REFERENCES teams(id),
                    entity TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    updated_seq INTEGER NOT NULL,
                    PRIMARY KEY (team_id, entity, id)
                );
                """)
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(sql: Self.accountsMigration)
        }
        migrator.registerMigration("v3-blobs") { db in
            try db.execute(sql: Self.blobsMigration)
        }
        migrator.registerMigration("v4-log") { db in
            try db.execute(sql: "ALTER TABLE changes ADD COLUMN entry_hash TEXT; ALTER TABLE teams ADD COLUMN head_hash TEXT;")
        }
        migrator.registerMigration("v5-devices") { db in
            try db.execute(sql: Self.devicesMigration)
        }
        migrator.registerMigration("v6-web") { db in
            try db.execute(sql: """
                CREATE TABLE web_sessions (
                    id_hash TEXT PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id),
                    token_selector TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                );
                CREATE INDEX changes_by_record ON changes (team_id, entity, record);
                CREATE INDEX records_by_update ON records (team_id, updated_seq);
                """)
        }
        return migrator
    }

    /// Device keys (issue 17): each replica's public key, bound to its user; revocations after a log entry.
    static let devicesMigration = """
        CREATE TABLE devices (
            team_id INTEGER NOT NULL REFERENCES teams(id),
            replica TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            public_key TEXT NOT NULL UNIQUE,
            bound_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_after INTEGER,
            PRIMARY KEY (team_id, replica)
        );
        """

    /// Invitations and accounts (issue 14): a token's first-use deadline, last seen, retired tokens, the identity key and
    /// remembered settings.
    static let accountsMigration = """
        ALTER TABLE users ADD COLUMN token_expires_at INTEGER;
        ALTER TABLE users ADD COLUMN last_seen_at INTEGER;
        CREATE TABLE retired_tokens (
            token_selector TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            token_hash TEXT NOT NULL,
            retired_at INTEGER NOT NULL
        );
        CREATE TABLE server_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            public_key TEXT NOT NULL,
            private_key BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE server_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """

    /// Evidence files (issue 16): a team's quota and each file's entry; the bytes are in the folder beside the store.
    static let blobsMigration = """
        ALTER TABLE teams ADD COLUMN blob_quota INTEGER;
        CREATE TABLE blobs (
            team_id INTEGER NOT NULL REFERENCES teams(id),
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            completed_at INTEGER,
            PRIMARY KEY (team_id, sha256)
        );
        """
}
