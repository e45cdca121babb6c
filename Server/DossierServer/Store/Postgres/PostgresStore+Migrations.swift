extension PostgresStore {
    /// The store's migrations, each a list of statements run in one transaction. A migration is never
    /// edited once merged: add a new one. Schema/server-postgres.sql is the reference copy of what they produce.
    static let migrations: [(name: String, statements: [String])] = [
        ("v1", [
            """
            CREATE TABLE teams (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                last_seq BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                id BIGSERIAL PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                team_id BIGINT NOT NULL REFERENCES teams(id),
                role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
                token_selector TEXT NOT NULL UNIQUE,
                token_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE changes (
                team_id BIGINT NOT NULL REFERENCES teams(id),
                seq BIGINT NOT NULL,
                change_id TEXT NOT NULL,
                entity TEXT NOT NULL,
                record TEXT NOT NULL,
                author TEXT NOT NULL,
                body TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                PRIMARY KEY (team_id, seq),
                UNIQUE (team_id, change_id)
            )
            """,
            """
            CREATE TABLE records (
                team_id BIGINT NOT NULL REFERENCES teams(id),
                entity TEXT NOT NULL,
                id TEXT NOT NULL,
                state BYTEA NOT NULL,
                updated_seq BIGINT NOT NULL,
                PRIMARY KEY (team_id, entity, id)
            )
            """,
        ]),
            ("v2-accounts", [
            "ALTER TABLE users ADD COLUMN token_expires_at BIGINT",
            "ALTER TABLE users ADD COLUMN last_seen_at BIGINT",
            """
            CREATE TABLE retired_tokens (
                token_selector TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                token_hash TEXT NOT NULL,
                retired_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE server_identity (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                public_key TEXT NOT NULL,
                private_key BYTEA NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE server_settings (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )
            """,
        ]),
        ("v3-blobs", [
            "ALTER TABLE teams ADD COLUMN blob_quota BIGINT",
            """
            CREATE TABLE blobs (
                team_id BIGINT NOT NULL REFERENCES teams(id),
                sha256 TEXT NOT NULL,
                size BIGINT NOT NULL,
                received BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL,
                completed_at BIGINT,
                PRIMARY KEY (team_id, sha256)
            )
            """,
            """
            CREATE TABLE blob_chunks (
                team_id BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                position BIGINT NOT NULL,
                length INTEGER NOT NULL,
                data BYTEA NOT NULL,
                PRIMARY KEY (team_id, sha256, position),
                FOREIGN KEY (team_id, sha256) REFERENCES blobs (team_id, sha256) ON DELETE CASCADE
            )
            """,
            "ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL",
        ]),
        ("v4-log", [
            "ALTER TABLE changes ADD COLUMN entry_hash TEXT",
            "ALTER TABLE teams ADD COLUMN head_hash TEXT",
        ]),
        ("v5-devices", [
            """
            CREATE TABLE devices (
                team_id BIGINT NOT NULL REFERENCES teams(id),
                replica TEXT NOT NULL,
                user_id BIGINT NOT NULL REFERENCES users(id),
                public_key TEXT NOT NULL UNIQUE,
                bound_at BIGINT NOT NULL,
                revoked_at BIGINT,
                revoked_after BIGINT,
                PRIMARY KEY (team_id, replica)
            )
            """,
        ]),
        ("v6-web", [
            """
            CREATE TABLE web_sessions (
                id_hash TEXT PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                token_selector TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX changes_by_record ON changes (team_id, entity, record)",
            "CREATE INDEX records_by_update ON records (team_id, updated_seq)",
        ]),
    ]
}
