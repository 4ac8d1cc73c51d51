-- 0011: team cases. A case that syncs with a hub (see catalog/team.go)
-- keeps, beside each entry's row hashes, the rows' content as the entry
-- left them, so that another laptop can replay the entry; it marks which
-- entries the hub already has; and it lists the rows two people changed
-- while apart, until someone chooses.
CREATE TABLE on_hub (
    hash  TEXT PRIMARY KEY        -- an entry the hub has
) WITHOUT ROWID;

CREATE TABLE audit_data (
    entry_id  INTEGER NOT NULL REFERENCES audit(id),
    ref       TEXT NOT NULL,
    data      TEXT NOT NULL,     -- the row as JSON, see catalog/wire.go
    PRIMARY KEY (entry_id, ref)
) WITHOUT ROWID;
CREATE TRIGGER audit_data_no_update BEFORE UPDATE ON audit_data
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_data_no_delete BEFORE DELETE ON audit_data
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Rows changed on two laptops while apart: both versions stay in the
-- record (in their entries); this lists them until one is chosen.
CREATE TABLE conflicts (
    ref          TEXT PRIMARY KEY,   -- "notes/12"
    versions     TEXT NOT NULL,      -- JSON: [{"entry", "actor", "at", "hash"}, ...]
    found_at     TEXT NOT NULL,
    resolved_by  TEXT                -- hash of the conflict.resolve entry
) WITHOUT ROWID;
