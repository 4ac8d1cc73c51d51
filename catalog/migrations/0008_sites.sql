-- 0008: sites (named places), the images that show them and their coding
-- by several coders; the footprints of georeferenced images.

-- A site: the claimed position (as reported) and the verified one (who,
-- when, how) kept apart. Removed sites are kept, marked.
CREATE TABLE sites (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    lat           REAL NOT NULL,              -- the claimed position
    lon           REAL NOT NULL,
    radius_m      REAL NOT NULL,
    precision     TEXT NOT NULL,              -- exact, vicinity, locality, metres
    precision_m   REAL NOT NULL,
    status        TEXT NOT NULL DEFAULT 'unverified',  -- unverified, verified, unverifiable
    verified_lat  REAL,
    verified_lon  REAL,
    verified_by   TEXT,
    verified_at   TEXT,
    verified_how  TEXT,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    removed_at    TEXT
);
CREATE UNIQUE INDEX sites_name ON sites(name COLLATE NOCASE) WHERE removed_at IS NULL;

CREATE TABLE site_notes (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    text        TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);
CREATE INDEX site_notes_site ON site_notes(site_id);

CREATE TABLE site_tags (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id),
    tag         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);
CREATE UNIQUE INDEX site_tags_current ON site_tags(site_id, tag) WHERE removed_at IS NULL;

-- Whether an image shows a site: each decision a row (attached, rejected),
-- the latest per site and image counts. Never updated or deleted.
CREATE TABLE site_images (
    id        INTEGER PRIMARY KEY,
    site_id   INTEGER NOT NULL REFERENCES sites(id),
    image_id  INTEGER NOT NULL REFERENCES images(id),
    decision  TEXT NOT NULL CHECK (decision IN ('attached', 'rejected')),
    how       TEXT NOT NULL DEFAULT '',   -- by hand, by coding, a suggestion's why
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX site_images_site ON site_images(site_id, image_id);
CREATE TRIGGER site_images_no_update BEFORE UPDATE ON site_images
BEGIN SELECT RAISE(ABORT, 'site decisions are kept as they were made'); END;
CREATE TRIGGER site_images_no_delete BEFORE DELETE ON site_images
BEGIN SELECT RAISE(ABORT, 'site decisions are kept as they were made'); END;

-- What a coder saw in an image of a site: each code a row, the latest per
-- site, image and coder counts. Never updated or deleted.
CREATE TABLE site_codes (
    id        INTEGER PRIMARY KEY,
    site_id   INTEGER NOT NULL REFERENCES sites(id),
    image_id  INTEGER NOT NULL REFERENCES images(id),
    state     TEXT NOT NULL CHECK (state IN ('intact', 'damaged', 'destroyed', 'unclear')),
    note      TEXT NOT NULL DEFAULT '',
    coder     TEXT NOT NULL,
    blind     INTEGER NOT NULL DEFAULT 0,  -- coded without seeing the others' codes
    at        TEXT NOT NULL
);
CREATE INDEX site_codes_site ON site_codes(site_id, image_id, coder);
CREATE TRIGGER site_codes_no_update BEFORE UPDATE ON site_codes
BEGIN SELECT RAISE(ABORT, 'codes are kept as they were made'); END;
CREATE TRIGGER site_codes_no_delete BEFORE DELETE ON site_codes
BEGIN SELECT RAISE(ABORT, 'codes are kept as they were made'); END;

-- Where a georeferenced image lies: its corners in WGS 84, from its
-- GeoTIFF tags or a world file (whose path and SHA-256 are kept). A newer
-- footprint marks the one before replaced.
CREATE TABLE footprints (
    id            INTEGER PRIMARY KEY,
    image_id      INTEGER NOT NULL REFERENCES images(id),
    source        TEXT NOT NULL,     -- geotiff, world
    world_path    TEXT,
    world_sha256  TEXT,
    epsg          INTEGER NOT NULL,  -- the system the image was georeferenced in
    ring          TEXT NOT NULL,     -- JSON [[lon, lat] x 5]: UL, LL, LR, UR, UL
    at            TEXT NOT NULL,
    replaced_at   TEXT
);
CREATE INDEX footprints_image ON footprints(image_id) WHERE replaced_at IS NULL;
