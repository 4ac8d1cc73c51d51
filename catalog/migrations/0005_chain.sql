-- 0005: the audit trail becomes a hash chain that proves itself.
--
-- Each entry written from now on stores the hash of the entry before it
-- (prev), the digest of the rows it leaves behind (rows_digest, over its
-- audit_rows) and its own hash over all of that (hash). Entries written
-- before this migration keep hash NULL: the first chained entry
-- (chain.start) carries a digest of them, and hashes of every row the case
-- then held. See catalog/chain.go.
ALTER TABLE audit ADD COLUMN prev TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;
ALTER TABLE audit ADD COLUMN rows_digest TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN key TEXT NOT NULL DEFAULT '';  -- fingerprint of the author's key
ALTER TABLE audit ADD COLUMN seq INTEGER;                  -- place in the chain, from 1
CREATE UNIQUE INDEX audit_hash ON audit(hash) WHERE hash IS NOT NULL;

-- The content hash of every row an entry created, changed or removed
-- ('' for removed), by table and rowid: "notes/12".
CREATE TABLE audit_rows (
    entry_id  INTEGER NOT NULL REFERENCES audit(id),
    ref       TEXT NOT NULL,
    hash      TEXT NOT NULL,
    PRIMARY KEY (entry_id, ref)
) WITHOUT ROWID;
CREATE INDEX audit_rows_ref ON audit_rows(ref);
CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

-- Rows touched by the transaction in progress, filled by triggers on every
-- evidence table and emptied when the transaction's entries are written.
CREATE TABLE audit_touch (
    tbl  TEXT NOT NULL,
    rid  INTEGER NOT NULL,
    PRIMARY KEY (tbl, rid)
) WITHOUT ROWID;

-- The case's identity, made once.
CREATE TABLE case_info (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO case_info(key, value) VALUES('case_id', lower(hex(randomblob(16))));

-- The public keys of everyone who signed in this case.
CREATE TABLE keys (
    fingerprint  TEXT PRIMARY KEY,   -- SHA-256 of the SubjectPublicKeyInfo DER, hex
    public_key   TEXT NOT NULL,      -- PEM
    actor        TEXT NOT NULL,      -- who first used it: "user@computer, program"
    first_at     TEXT NOT NULL
) WITHOUT ROWID;

-- Signed heads of the chain: at the end of every command and app session
-- (and every few seconds while a program writes), the signer attests the
-- chain's first count entries end in head.
CREATE TABLE checkpoints (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    count      INTEGER NOT NULL,     -- chained entries covered
    head       TEXT NOT NULL,        -- hash of the count-th chained entry
    key        TEXT NOT NULL,        -- fingerprint (keys)
    actor      TEXT NOT NULL,
    session    TEXT NOT NULL,
    signature  TEXT NOT NULL         -- Ed25519 over CheckpointMessage, base64
);
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
