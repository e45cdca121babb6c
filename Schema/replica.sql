-- A Dossier field replica: one SQLite file per laptop (mode 0600, PRAGMA application_id = 1146311506, 'DSSR').
-- Kept true by a test that compares it with a freshly migrated replica (Client/DossierReplica/Database).

-- The replica's one row of state: who and where it syncs as (learnt at `dossier init`), and how far it has synced.
-- `cursor` is the log position pulled up to; `clock` the latest version stamped or received (HLC text form);
-- `last_counter` the counter of the last change id made here; `clock_correction` the server's clock minus this
-- laptop's when it is off by more than the tolerance (else 0), in ms; `last_sync` when the last sync finished (ms)
-- and `clock_offset` the server's clock minus this laptop's then.
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
-- Added by the migration v2-accounts: the server's identity key (`ed25519:BASE64`) from the invitation or the first
-- contact, and whether the server has confirmed the account (0 between `init --invite`/`login` and the next sync).
ALTER TABLE replica_state ADD COLUMN server_key TEXT;
ALTER TABLE replica_state ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1;
-- Added by the migration v5-log: the last checkpoint of the team log this replica verified (its canonical JSON, signed
-- by the server's identity key; SPEC §8.2).
ALTER TABLE replica_state ADD COLUMN checkpoint TEXT;
-- Also v5-log: the hash of the last change made here (SHA-256 of its canonical body, hex), which the next one names as
-- `prev`, and whether the server has bound this replica's device key (REPLICA-device-key) to its user.
ALTER TABLE replica_state ADD COLUMN chain_head TEXT;
ALTER TABLE replica_state ADD COLUMN device_bound INTEGER NOT NULL DEFAULT 0;

-- `state` is the packed merged state (Sources/DossierCore/Packed).
CREATE TABLE records (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (entity, id)
);

-- A record's packed state as a snapshot delivered it (bootstrap): the base its later changes are merged onto.
CREATE TABLE bases (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (entity, id)
);

-- Every change this replica knows, local or pulled, as canonical JSON (history, and re-merging after a re-stamp).
CREATE TABLE changes (
    change_id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    record TEXT NOT NULL,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    local INTEGER NOT NULL
);

CREATE INDEX changes_by_record ON changes (entity, record, version);

-- Local changes not yet stored by the server, in the order they were made.
CREATE TABLE outbox (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE REFERENCES changes(change_id),
    body TEXT NOT NULL
);

-- Why the server refused an outbox change.
CREATE TABLE rejections (
    change_id TEXT PRIMARY KEY REFERENCES changes(change_id),
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    rejected_at INTEGER NOT NULL
);

-- Full-text search, one row per live record: `body` is its text values folded by SearchFolding
-- (Client/DossierReplica/Search: Arabic-script letter variants to one form, harakat, tatweel and zero-width joiners
-- dropped), the only indexed column; `text` the same values as stored, for snippets. The migration
-- v3-search-folding replaced v1's `search (entity, id, body)` with this table and indexed every record again.
CREATE VIRTUAL TABLE search USING fts5(entity UNINDEXED, id UNINDEXED, body, text UNINDEXED);

-- Where each record's search entry is: re-indexing deletes by rowid instead of scanning the FTS table.
CREATE TABLE search_keys (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    search_rowid INTEGER NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- Added by the migration v4-catalog: what lists and status read instead of unpacking every record, one row per record,
-- filled when first needed and dropped (and queued in catalog_pending) when the record changes. Lists (tags, actors, sources) are joined with U+001F.
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

-- Records saved since the catalog was last filled: their rows are (re)built when a list or status next needs them.
CREATE TABLE catalog_pending (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- Added by the migration v5-log: the team's device bindings this replica has seen, by replica id, each as the server
-- signed it (DeviceBinding's canonical JSON): whose device signed a pulled change, and since when it is revoked.
CREATE TABLE devices (
    replica TEXT PRIMARY KEY,
    binding TEXT NOT NULL
);

-- Added by the migration v5-log: the team log's hash chain after each entry this replica pulled and verified (32 bytes;
-- entries before a snapshot's cursor are not held), and the entry's change (its body is in `changes`). Compared with the server's `GET /v1/log/hashes` to name the first
-- entry of a changed history.
CREATE TABLE log_hashes (
    seq INTEGER PRIMARY KEY,
    hash BLOB NOT NULL,
    change_id TEXT NOT NULL
);

-- Added by the migration v6-search-pending: records a snapshot brought whose search entry is not written yet. A first
-- sync stores a snapshot's records without indexing them; the next search indexes these first (and says so).
CREATE TABLE search_pending (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
