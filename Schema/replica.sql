-- A Dossier field replica: one SQLite file per laptop (mode 0600, PRAGMA application_id = 1146311506, 'DSSR').
-- Kept true by a test that compares it with a freshly migrated replica.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- `state` is the packed merged state (Sources/DossierCore/Packed, migration v3); rows from before it hold JSON.
CREATE TABLE records (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (entity, id)
);

-- A record's state as a snapshot delivered it (bootstrap): the base its later changes are merged onto.
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

-- Where each record's search entry is (migration v2-search-keys): re-indexing deletes by rowid.
CREATE TABLE search_keys (
    entity TEXT NOT NULL,
    id TEXT NOT NULL,
    search_rowid INTEGER NOT NULL,
    PRIMARY KEY (entity, id)
) WITHOUT ROWID;
