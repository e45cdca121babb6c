-- Dossier team server on PostgreSQL: the schema its migrations produce.
-- Kept true by a test that compares it with a freshly migrated store.

CREATE TABLE teams (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    token_selector TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    -- An invitation token's first-use deadline (cleared by its first use), and the last authenticated request (at most once a minute).
    token_expires_at BIGINT,
    last_seen_at BIGINT
);

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
);

-- `state` is the packed merged state (Sources/DossierCore/Packed).
CREATE TABLE records (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    state BYTEA NOT NULL,
    updated_seq BIGINT NOT NULL,
    PRIMARY KEY (team_id, entity, id)
);

-- Tokens `user reissue` replaced: presenting one is answered 401 token_replaced.
CREATE TABLE retired_tokens (
    token_selector TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL,
    retired_at BIGINT NOT NULL
);

-- The store's Ed25519 identity key; its private half never leaves the store.
CREATE TABLE server_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key TEXT NOT NULL,
    private_key BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);

-- What `serve` remembers for invitations: public_url, tls_pin.
CREATE TABLE server_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Added by the migration v3-blobs: evidence files (SPEC §8.3), kept in the database so that several dossier-server
-- processes share them with no other service. A team's quota in bytes (NULL: none); one entry per file a team uploads,
-- named by its SHA-256, with how many bytes arrived (received, moved in the transaction that stores each chunk); the
-- bytes in chunks of about 1 MiB at their position in the file. completed_at is NULL until the whole file hashed to
-- its name. Chunks are stored uncompressed (STORAGE EXTERNAL): photos and videos do not compress.
ALTER TABLE teams ADD COLUMN blob_quota BIGINT;

CREATE TABLE blobs (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    completed_at BIGINT,
    PRIMARY KEY (team_id, sha256)
);

CREATE TABLE blob_chunks (
    team_id BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    position BIGINT NOT NULL,
    length INTEGER NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (team_id, sha256, position),
    FOREIGN KEY (team_id, sha256) REFERENCES blobs (team_id, sha256) ON DELETE CASCADE
);

ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- Added by the migration v4-log: the team log's hash chain (SPEC §8.2). Each entry's hash covers the previous entry's
-- and its body's SHA-256 (DossierTrust's TeamLog); the team's head hash is the last one. The server derives them
-- from the stored changes each time it starts (rehashLog), which also hashes entries stored before this migration.
ALTER TABLE changes ADD COLUMN entry_hash TEXT;
ALTER TABLE teams ADD COLUMN head_hash TEXT;

-- Added by the migration v5-devices: device keys (SPEC §8.2). Each replica's Ed25519 public key (`ed25519:BASE64`),
-- bound to its user at its first sync; a revoked key keeps the team log's last entry at revocation (revoked_after):
-- changes it signed up to there stay valid.
CREATE TABLE devices (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    replica TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    public_key TEXT NOT NULL UNIQUE,
    bound_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_after BIGINT,
    PRIMARY KEY (team_id, replica)
);

-- Added by the migration v6-web: the team view's sign-in sessions (issue 18). Only the SHA-256 of a session id is kept;
-- a session lives until expires_at, and only while its user is not revoked and still holds the token it signed in with.
-- Also the indexes the view reads by: a record's changes (the incident page's history), and the records changed since a
-- log position (its cache of the team's records).
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    token_selector TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX changes_by_record ON changes (team_id, entity, record);
CREATE INDEX records_by_update ON records (team_id, updated_seq);
