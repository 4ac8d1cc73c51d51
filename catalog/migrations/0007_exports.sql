-- 0007: an export is recorded before its file appears, and a run (import
-- or export) that a killed program left unfinished is seen as such.
--
-- An export row is written "pending" before the file (with the temporary
-- name it is written under), then "done" with the file's SHA-256 and size
-- once the file is in place; "failed" when it could not be written (the
-- temporary file removed); "interrupted" when the program writing it was
-- found gone (see catalog/runs.go). Rows written before this migration are
-- done exports.
ALTER TABLE exports ADD COLUMN status TEXT NOT NULL DEFAULT 'done';  -- pending, done, failed, interrupted
ALTER TABLE exports ADD COLUMN finished_at TEXT;
ALTER TABLE exports ADD COLUMN error TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN temp_path TEXT NOT NULL DEFAULT '';        -- where the file is written before it is renamed
ALTER TABLE exports ADD COLUMN manifest_sha256 TEXT NOT NULL DEFAULT '';  -- of the signed manifest the file carries, if any
-- The program that ran it: its session (see the running/ folder of the
-- case), process id and computer.
ALTER TABLE exports ADD COLUMN session TEXT NOT NULL DEFAULT '';
ALTER TABLE exports ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exports ADD COLUMN host TEXT NOT NULL DEFAULT '';
UPDATE exports SET finished_at = at;
CREATE INDEX exports_sha256 ON exports(sha256);
CREATE INDEX exports_unfinished ON exports(status) WHERE status = 'pending';

-- Imports: status running, done, cancelled, failed or interrupted; the
-- counts are kept up to date as batches are written, so an interrupted
-- import says what it had done.
ALTER TABLE imports ADD COLUMN session TEXT NOT NULL DEFAULT '';
ALTER TABLE imports ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN host TEXT NOT NULL DEFAULT '';
CREATE INDEX imports_unfinished ON imports(status) WHERE status = 'running';
