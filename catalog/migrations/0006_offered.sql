-- 0006: a hash for every file an import is offered, and verify's memory.
--
-- The failures table also keeps the files left out on purpose (kind
-- 'skipped': videos, documents, text...), so that every regular file an
-- import was given is in the record, with its SHA-256 (NULL when it could
-- not be read: the error says why; never for named pipes, sockets and
-- devices, which are not opened).
ALTER TABLE failures ADD COLUMN sha256 TEXT;
ALTER TABLE failures ADD COLUMN kind TEXT NOT NULL DEFAULT 'failed';  -- failed, skipped
CREATE INDEX failures_kind ON failures(kind) WHERE resolved_at IS NULL;

-- An investigator's explanation of what verify found at an original's
-- location (changed, missing, unreadable) or at a report's file: from then
-- on verify shows it as accepted, as long as it finds the same (status and
-- the SHA-256 the path then held, '' when none). Never updated or deleted.
CREATE TABLE verify_accepts (
    id           INTEGER PRIMARY KEY,
    location_id  INTEGER REFERENCES locations(id),
    report_id    INTEGER REFERENCES reports(id),
    path         TEXT NOT NULL,
    status       TEXT NOT NULL,             -- what verify found: changed, missing, unreadable
    found        TEXT NOT NULL DEFAULT '',  -- SHA-256 the path held then; '' when none
    reason       TEXT NOT NULL,
    at           TEXT NOT NULL,
    CHECK ((location_id IS NULL) <> (report_id IS NULL))
);
CREATE INDEX verify_accepts_location ON verify_accepts(location_id) WHERE location_id IS NOT NULL;
CREATE INDEX verify_accepts_report ON verify_accepts(report_id) WHERE report_id IS NOT NULL;
CREATE TRIGGER verify_accepts_no_update BEFORE UPDATE ON verify_accepts
BEGIN SELECT RAISE(ABORT, 'accepted verify results are kept as they were recorded'); END;
CREATE TRIGGER verify_accepts_no_delete BEFORE DELETE ON verify_accepts
BEGIN SELECT RAISE(ABORT, 'accepted verify results are kept as they were recorded'); END;
