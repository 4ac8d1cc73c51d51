-- 0003: before/after pairs, their alignment, and annotations.

CREATE TABLE pairs (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    before_id   INTEGER NOT NULL REFERENCES images(id),
    after_id    INTEGER NOT NULL REFERENCES images(id),
    -- the date window: the latest time known to be before the event and the
    -- earliest known after it (RFC 3339, or a camera clock without zone)
    not_before  TEXT,
    not_after   TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    alignment   TEXT,   -- JSON (see Alignment); NULL: not aligned
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT    -- deleted pairs are kept for the record
);

-- Marks on an image, in fractions of the upright image. pair_id NULL: on
-- the image wherever it is shown; set: made in that pair, shown there.
CREATE TABLE annotations (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    pair_id     INTEGER REFERENCES pairs(id),
    kind        TEXT NOT NULL,
    points      TEXT NOT NULL,     -- JSON [[x, y], ...]
    color       TEXT NOT NULL,
    width       REAL NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    number      INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT               -- deleted marks are kept (undo, and the record)
);
CREATE INDEX annotations_image ON annotations(image_id) WHERE deleted_at IS NULL;
CREATE INDEX annotations_pair ON annotations(pair_id) WHERE deleted_at IS NULL;

-- Every export written from the case, with the hash of the file.
CREATE TABLE exports (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,     -- sheet, png, csv, geojson
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    objects     TEXT NOT NULL DEFAULT ''  -- JSON: what was exported
);
