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
