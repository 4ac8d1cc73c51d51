-- 0001: images, their locations, failed files, import runs and the audit trail.

CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT    NOT NULL UNIQUE,
    size          INTEGER NOT NULL,
    format        TEXT    NOT NULL,
    width         INTEGER NOT NULL DEFAULT 0,  -- pixels as stored, before orientation
    height        INTEGER NOT NULL DEFAULT 0,
    orientation   INTEGER NOT NULL DEFAULT 0,  -- EXIF 1..8, 0 when unknown
    taken_at      TEXT,                         -- camera clock, "2006-01-02T15:04:05[.fff]"
    taken_offset  TEXT,                         -- "+02:00" when EXIF gives one
    make          TEXT    NOT NULL DEFAULT '',
    model         TEXT    NOT NULL DEFAULT '',
    lens          TEXT    NOT NULL DEFAULT '',
    lat           REAL,
    lon           REAL,
    alt           REAL,
    direction     REAL,
    gps_time      TEXT,                         -- RFC 3339, UTC
    decoded       INTEGER NOT NULL DEFAULT 1,   -- 0: cataloged but pixels not decodable here (HEIC)
    meta_note     TEXT    NOT NULL DEFAULT '',  -- what the metadata readers could not read
    imported_at   TEXT    NOT NULL
);
CREATE INDEX images_taken ON images(taken_at);
CREATE INDEX images_gps ON images(lat, lon) WHERE lat IS NOT NULL;
CREATE INDEX images_camera ON images(make, model);

-- Every path an image was found at. A path holds one image at a time; when
-- its bytes change or it disappears, the old row is kept with gone_at set.
CREATE TABLE locations (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    path        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL,
    gone_at     TEXT
);
CREATE UNIQUE INDEX locations_current ON locations(path) WHERE gone_at IS NULL;
CREATE INDEX locations_image ON locations(image_id);

-- Files that could not be cataloged, with the reason. resolved_at is set
-- when a later import succeeds.
CREATE TABLE failures (
    path         TEXT PRIMARY KEY,
    error        TEXT    NOT NULL,
    size         INTEGER NOT NULL DEFAULT 0,
    mtime_ns     INTEGER NOT NULL DEFAULT 0,
    first_at     TEXT    NOT NULL,
    last_at      TEXT    NOT NULL,
    resolved_at  TEXT
);

-- One row per run of import.
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    roots        TEXT NOT NULL,   -- JSON array of absolute paths
    added        INTEGER NOT NULL DEFAULT 0,
    unchanged    INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'running'  -- running, done, cancelled
);

-- Append-only record of every change to the case.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    action   TEXT NOT NULL,
    object   TEXT NOT NULL DEFAULT '',
    details  TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
