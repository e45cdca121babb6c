-- Dossier team server on SQLite (WAL): the schema its migrations produce.
-- Kept true by a test that compares it with a freshly migrated store.

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

-- `state` is the packed merged state (Sources/DossierCore/Packed).
CREATE TABLE records (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    state BLOB NOT NULL,
    updated_seq INTEGER NOT NULL,
    PRIMARY KEY (team_id, entity, id)
);
