-- 0002: reports and their excerpts, full-text search, links between images
-- and excerpts, notes and tags on images.

CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    date        TEXT NOT NULL DEFAULT '',   -- as the user gave it (2017-10-20)
    source      TEXT NOT NULL DEFAULT '',   -- URL or description; never fetched
    format      TEXT NOT NULL,              -- text, markdown, html, pdf
    sha256      TEXT NOT NULL,              -- of the current version's file
    path        TEXT NOT NULL,              -- where the current version was imported from
    pages       INTEGER NOT NULL DEFAULT 0,
    added_at    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Every file imported as a version of a report.
CREATE TABLE report_versions (
    id           INTEGER PRIMARY KEY,
    report_id    INTEGER NOT NULL REFERENCES reports(id),
    sha256       TEXT NOT NULL,
    path         TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    excerpts     INTEGER NOT NULL,
    kept         INTEGER NOT NULL DEFAULT 0,  -- excerpts found again by their text
    revised      INTEGER NOT NULL DEFAULT 0,  -- found again with corrected text
    added        INTEGER NOT NULL DEFAULT 0,
    gone         INTEGER NOT NULL DEFAULT 0   -- no longer in this version (flagged, kept)
);
CREATE INDEX report_versions_sha ON report_versions(sha256);

-- An excerpt is a citable paragraph: report, page (PDF), paragraph. Its
-- identity across versions is the hash of its normalised text.
CREATE TABLE excerpts (
    id          INTEGER PRIMARY KEY,
    report_id   INTEGER NOT NULL REFERENCES reports(id),
    page        INTEGER,            -- first page (PDF), counted from 1 over the file
    page_end    INTEGER,            -- last page: differs when the paragraph runs across pages
    page_label  TEXT NOT NULL DEFAULT '',
    paragraph   INTEGER NOT NULL,
    heading     TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    text_hash   TEXT NOT NULL,
    gone_at     TEXT,               -- no longer in the current version of the report
    revised_at  TEXT,               -- text corrected by a later version (old text in excerpt_history)
    created_at  TEXT NOT NULL
);
CREATE INDEX excerpts_report ON excerpts(report_id, paragraph);
CREATE INDEX excerpts_hash ON excerpts(report_id, text_hash);

-- Earlier texts and places of excerpts changed by a new version.
CREATE TABLE excerpt_history (
    id          INTEGER PRIMARY KEY,
    excerpt_id  INTEGER NOT NULL REFERENCES excerpts(id),
    version_id  INTEGER NOT NULL REFERENCES report_versions(id),
    page        INTEGER,
    page_end    INTEGER,
    paragraph   INTEGER NOT NULL,
    text        TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);

-- Full text: the normalised text (case and diacritics folded, Arabic
-- harakat and tatweel removed) so that every form of a word matches.
CREATE VIRTUAL TABLE excerpts_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE links (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    excerpt_id  INTEGER NOT NULL REFERENCES excerpts(id),
    note        TEXT NOT NULL DEFAULT '',
    -- a region of the upright image, in fractions 0..1; NULL: the whole image
    region_x    REAL, region_y REAL, region_w REAL, region_h REAL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT                -- unlinked (kept for the record)
);
CREATE INDEX links_image ON links(image_id) WHERE deleted_at IS NULL;
CREATE INDEX links_excerpt ON links(excerpt_id) WHERE deleted_at IS NULL;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id),
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX notes_image ON notes(image_id);
CREATE VIRTUAL TABLE notes_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE tags (
    image_id    INTEGER NOT NULL REFERENCES images(id),
    tag         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (image_id, tag)
);
CREATE INDEX tags_tag ON tags(tag);
