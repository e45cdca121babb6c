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

-- Added by the migration v2-accounts: an invitation token's first-use deadline (cleared by its first use), when the
-- user last made an authenticated request (moved at most once a minute), tokens `user reissue` replaced, the store's
-- Ed25519 identity key (its private half never leaves the store), and settings `serve` remembers (public_url, tls_pin).
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

-- Added by the migration v3-blobs: evidence files (SPEC §8.3). A team's quota in bytes (NULL: none), and one entry per
-- file a team uploads, named by its SHA-256. The bytes are not in this file: they are kept in the folder beside it
-- (STORE-blobs/TEAM/incoming/SHA256 while partial, STORE-blobs/TEAM/ab/SHA256 once whole and checked); a partial
-- file's size on disk is how many bytes arrived. completed_at is NULL until the whole file hashed to its name.
ALTER TABLE teams ADD COLUMN blob_quota INTEGER;

CREATE TABLE blobs (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    PRIMARY KEY (team_id, sha256)
);

-- Added by the migration v4-log: the team log's hash chain (SPEC §8.2). Each entry's hash covers the previous entry's
-- and its body's SHA-256 (DossierTrust's TeamLog); the team's head hash is the last one. The server derives them
-- from the stored changes each time it starts (rehashLog), which also hashes entries stored before this migration.
ALTER TABLE changes ADD COLUMN entry_hash TEXT;
ALTER TABLE teams ADD COLUMN head_hash TEXT;

-- Added by the migration v5-devices: device keys (SPEC §8.2). Each replica's Ed25519 public key (`ed25519:BASE64`),
-- bound to its user at its first sync; a revoked key keeps the team log's last entry at revocation (revoked_after):
-- changes it signed up to there stay valid.
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

-- Added by the migration v6-web: the team view's sign-in sessions (issue 18). Only the SHA-256 of a session id is kept;
-- a session lives until expires_at, and only while its user is not revoked and still holds the token it signed in with.
-- Also the indexes the view reads by: a record's changes (the incident page's history), and the records changed since a
-- log position (its cache of the team's records).
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_selector TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE INDEX changes_by_record ON changes (team_id, entity, record);
CREATE INDEX records_by_update ON records (team_id, updated_seq);
