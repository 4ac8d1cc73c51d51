package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The audit trail is a hash chain. Each entry's hash covers the hash of the
// entry before it and the entry's own content: when, who (actor, session,
// the fingerprint of the author's key), what (action, object, details) and
// the digest of the rows it left behind (audit_rows: the content hash of
// each row it created, changed or removed). Editing, deleting, inserting or
// moving an entry breaks the chain; editing a row behind Exhibit's back
// leaves it unlike the last entry that speaks of it; rewriting the whole
// chain from some point on is caught by the signed checkpoints (see
// checkpoint.go), which only the holders of the keys can make.
//
// Entries are identified by their hash, not by their id: a later team
// case merges two copies of a case as the union of their entries, each
// keeping its hash, its author's key and the checkpoints that signed it.

// entryVersion starts the canonical form of an entry; a later form gets
// another.
const entryVersion = "exhibit-audit/1"

// chainEntry is an audit entry as the chain hashes it.
type chainEntry struct {
	Prev, At, Actor, Key, Session, Action, Object, Details, RowsDigest string
}

// hash returns the entry's hash: SHA-256, in hex, of its canonical form,
// a JSON array of its fields in a fixed order.
func (e *chainEntry) hash() string {
	b, _ := json.Marshal([]string{entryVersion, e.Prev, e.At, e.Actor, e.Key, e.Session, e.Action, e.Object, e.Details, e.RowsDigest})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// rowHash is the content hash of one row ("" for a row removed) and, in a
// team case, its content (nil for a row removed).
type rowHash struct {
	Ref, Hash string
	Data      []byte
}

// rowsDigest returns the digest of an entry's rows: SHA-256 over
// "ref\x00hash\n" lines in ref order; "" when it has none.
func rowsDigest(rows []rowHash) string {
	if len(rows) == 0 {
		return ""
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Ref < rows[j].Ref })
	h := sha256.New()
	for _, r := range rows {
		h.Write([]byte(r.Ref))
		h.Write([]byte{0})
		h.Write([]byte(r.Hash))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pendingEntry is an entry of the transaction in progress, written when
// the transaction ends.
type pendingEntry struct {
	at, action, object, details string
	rows                        []rowHash
}

// txChain collects a write transaction's entries and the rows it touched.
type txChain struct {
	entries []pendingEntry
	hasher  rowHasher
	// direct is set when entries were added to the chain directly (pulled
	// from the hub, a merge), so that the transaction signs the new head.
	direct bool
}

// takeTouched returns the content hashes of the rows touched since the
// last call, and forgets them.
func (t *txChain) takeTouched(ctx context.Context, tx *sql.Tx) ([]rowHash, error) {
	rows, err := tx.QueryContext(ctx, `SELECT tbl, rid FROM audit_touch ORDER BY tbl, rid`)
	if err != nil {
		return nil, fmt.Errorf("read touched rows: %w", err)
	}
	byTable := map[string][]int64{}
	var tables []string
	for rows.Next() {
		var tbl string
		var rid int64
		if err := rows.Scan(&tbl, &rid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read touched rows: %w", err)
		}
		if byTable[tbl] == nil {
			tables = append(tables, tbl)
		}
		byTable[tbl] = append(byTable[tbl], rid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read touched rows: %w", err)
	}
	if len(tables) == 0 {
		return nil, nil
	}
	var out []rowHash
	for _, tbl := range tables {
		ids := byTable[tbl]
		found := map[int64]string{}
		data := map[int64][]byte{}
		for start := 0; start < len(ids); start += 500 {
			chunk := ids[start:min(start+500, len(ids))]
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			q := `SELECT rowid, * FROM ` + quoteIdent(tbl) + ` WHERE rowid IN (?` + strings.Repeat(",?", len(chunk)-1) + `)`
			err := t.hasher.hashRows(ctx, tx, tbl, q, args, func(rowid int64, h string, d []byte) error {
				found[rowid] = h
				if d != nil {
					data[rowid] = d
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		for _, id := range ids {
			out = append(out, rowHash{Ref: rowRef(tbl, id), Hash: found[id], Data: data[id]}) // "" when removed
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_touch`); err != nil {
		return nil, fmt.Errorf("clear touched rows: %w", err)
	}
	return out, nil
}

// outsideWrites looks, at the start of a write transaction, for rows noted
// by the touch triggers outside any transaction of Exhibit's: written with
// other software, behind Exhibit's back. They are named in an
// outside.write entry, without their hashes (recording what they hold now
// would launder the change: VerifyChain reports them), and forgotten.
func (t *txChain) outsideWrites(ctx context.Context, c *Case, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_touch`).Scan(&n); err != nil {
		return fmt.Errorf("read touched rows: %w", err)
	}
	if n == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT tbl, rid FROM audit_touch ORDER BY tbl, rid LIMIT 1000`)
	if err != nil {
		return fmt.Errorf("read touched rows: %w", err)
	}
	var refs []string
	for rows.Next() {
		var tbl string
		var rid int64
		if err := rows.Scan(&tbl, &rid); err != nil {
			rows.Close()
			return fmt.Errorf("read touched rows: %w", err)
		}
		refs = append(refs, rowRef(tbl, rid))
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM audit_touch`); err != nil {
		return fmt.Errorf("clear touched rows: %w", err)
	}
	t.entries = append(t.entries, pendingEntry{at: timestamp(c.now()), action: "outside.write", object: "case",
		details: mustJSON(map[string]any{"rows": n, "refs": refs, "note": "rows written by other software; their content is not recorded here"})})
	return nil
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// readHead returns the newest chained entry (zero before the first).
func readHead(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (ChainHead, error) {
	var h ChainHead
	err := q.QueryRowContext(ctx, `SELECT hash, seq FROM audit WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`).Scan(&h.Hash, &h.Count)
	if errors.Is(err, sql.ErrNoRows) {
		return ChainHead{}, nil
	}
	if err != nil {
		return ChainHead{}, fmt.Errorf("read the chain's head: %w", err)
	}
	return h, nil
}

// finish writes the transaction's entries to the chain: rows touched after
// the last entry go with it (or with an entry of their own when the
// transaction wrote none), each entry linked to the one before.
func (t *txChain) finish(ctx context.Context, c *Case, tx *sql.Tx) (int, error) {
	rest, err := t.takeTouched(ctx, tx)
	if err != nil {
		return 0, err
	}
	if len(rest) > 0 {
		if len(t.entries) == 0 {
			t.entries = append(t.entries, pendingEntry{at: timestamp(c.now()), action: "record"})
		}
		last := &t.entries[len(t.entries)-1]
		last.rows = append(last.rows, rest...)
	}
	if len(t.entries) == 0 {
		if t.direct {
			return 1, nil
		}
		return 0, nil
	}
	head, err := readHead(ctx, tx)
	if err != nil {
		return 0, err
	}
	actor, key := *c.actor.Load(), c.signer.Fingerprint()
	for _, p := range t.entries {
		e := chainEntry{Prev: head.Hash, At: p.at, Actor: actor, Key: key, Session: c.session,
			Action: p.action, Object: p.object, Details: p.details, RowsDigest: rowsDigest(p.rows)}
		h := e.hash()
		if _, err := insertEntry(ctx, tx, &e, h, head.Count+1, p.rows); err != nil {
			return 0, fmt.Errorf("audit %s: %w", p.action, err)
		}
		head = ChainHead{Hash: h, Count: head.Count + 1}
	}
	return len(t.entries), nil
}

// insertEntry adds a chained entry, its hash and depth given, with its
// rows, and returns its id.
func insertEntry(ctx context.Context, tx *sql.Tx, e *chainEntry, hash string, seq int64, rows []rowHash) (int64, error) {
	r, err := tx.ExecContext(ctx, `INSERT INTO audit(at, action, object, details, session, actor, prev, hash, rows_digest, key, seq)
		VALUES(?,?,?,?,?,?,?,?,?,?,?)`, e.At, e.Action, e.Object, e.Details, e.Session, e.Actor, e.Prev, hash, e.RowsDigest, e.Key, seq)
	if err != nil {
		return 0, err
	}
	id, _ := r.LastInsertId()
	return id, insertRows(ctx, tx, id, rows)
}

// insertRows records an entry's rows: their hashes and, when kept, their
// content.
func insertRows(ctx context.Context, tx *sql.Tx, entryID int64, rows []rowHash) error {
	for _, rh := range rows {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_rows(entry_id, ref, hash) VALUES(?,?,?)`, entryID, rh.Ref, rh.Hash); err != nil {
			return err
		}
		if rh.Data != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_data(entry_id, ref, data) VALUES(?,?,?)`, entryID, rh.Ref, string(rh.Data)); err != nil {
				return err
			}
		}
	}
	return nil
}

// touchTriggers makes, on every tracked table that lacks them, the
// triggers that note each row a transaction inserts, updates or deletes.
func touchTriggers(ctx context.Context, tx *sql.Tx) error {
	tables, err := trackedTables(ctx, tx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'touch_%'`)
	if err != nil {
		return fmt.Errorf("list triggers: %w", err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return fmt.Errorf("list triggers: %w", err)
		}
		have[n] = true
	}
	rows.Close()
	for _, t := range tables {
		for _, ev := range []struct{ name, when, row string }{
			{"ins", "AFTER INSERT", "NEW"}, {"upd", "AFTER UPDATE", "NEW"}, {"updold", "AFTER UPDATE", "OLD"}, {"del", "AFTER DELETE", "OLD"},
		} {
			name := "touch_" + t + "_" + ev.name
			if have[name] {
				continue
			}
			// Not INSERT OR IGNORE: in a trigger, the conflict policy of
			// the statement that fired it (an upsert's) would override it.
			ddl := fmt.Sprintf(`CREATE TRIGGER %s %s ON %s BEGIN INSERT INTO audit_touch(tbl, rid) SELECT %s, %s.rowid
				WHERE NOT EXISTS (SELECT 1 FROM audit_touch WHERE tbl = %s AND rid = %s.rowid); END`,
				quoteIdent(name), ev.when, quoteIdent(t), sqlString(t), ev.row, sqlString(t), ev.row)
			if _, err := tx.ExecContext(ctx, ddl); err != nil {
				return fmt.Errorf("make trigger %s: %w", name, err)
			}
		}
	}
	return nil
}

// sqlString quotes s as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// touchAll notes every row of every tracked table as touched, so that the
// entry written next records the content hash of each.
func touchAll(ctx context.Context, tx *sql.Tx) error {
	tables, err := trackedTables(ctx, tx)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO audit_touch(tbl, rid) SELECT `+sqlString(t)+`, rowid FROM `+quoteIdent(t)); err != nil {
			return fmt.Errorf("record rows of %s: %w", t, err)
		}
	}
	return nil
}

// legacyDigest returns the digest of the entries written before the chain
// began (hash NULL), in id order, and how many there are.
func legacyDigest(ctx context.Context, q querier) (string, int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, at, action, object, details, session, actor FROM audit WHERE hash IS NULL ORDER BY id`)
	if err != nil {
		return "", 0, fmt.Errorf("read the audit trail: %w", err)
	}
	defer rows.Close()
	l := newLegacyHasher()
	for rows.Next() {
		var e storedEntry
		if err := rows.Scan(&e.id, &e.at, &e.action, &e.object, &e.details, &e.session, &e.actor); err != nil {
			return "", 0, fmt.Errorf("read the audit trail: %w", err)
		}
		l.add(e)
	}
	if err := rows.Err(); err != nil {
		return "", 0, fmt.Errorf("read the audit trail: %w", err)
	}
	return l.sum(), l.n, nil
}

// startChain, run when a case is opened, registers the user's key, makes
// the touch triggers a table may lack, and begins the chain when the case
// has none: a chain.start entry with the digest of any earlier entries
// (a case made before the chain) and the hash of every row. After a
// migration, a schema.migrate entry records every row again, as the new
// schema reads it.
func (c *Case) startChain(ctx context.Context, fromVersion, toVersion int) error {
	if toVersion == fromVersion {
		// Most openings find all in place: read first, so that a command
		// that only reads takes no write lock.
		ready, err := c.chainReady(ctx)
		if err != nil {
			return err
		}
		if ready {
			return nil
		}
	}
	return c.write(ctx, func(tx *sql.Tx) error {
		if err := c.registerKey(ctx, tx); err != nil {
			return err
		}
		if err := touchTriggers(ctx, tx); err != nil {
			return err
		}
		head, err := readHead(ctx, tx)
		if err != nil {
			return err
		}
		switch {
		case head.Count == 0 && c.cloning(ctx, tx):
			// A clone's chain comes from its hub, chain.start included.
			return nil
		case head.Count == 0:
			digest, n, err := legacyDigest(ctx, tx)
			if err != nil {
				return err
			}
			if err := touchAll(ctx, tx); err != nil {
				return err
			}
			return c.audit(ctx, tx, "chain.start", "case", map[string]any{
				"case_id": c.id, "earlier_entries": n, "earlier_digest": digest, "schema": toVersion})
		case toVersion > fromVersion:
			if err := touchAll(ctx, tx); err != nil {
				return err
			}
			return c.audit(ctx, tx, "schema.migrate", "case", map[string]any{"from": fromVersion, "to": toVersion})
		}
		return nil
	})
}

// chainReady reports whether the chain has begun, the user's key is
// recorded and every tracked table has its triggers.
func (c *Case) chainReady(ctx context.Context) (bool, error) {
	head, err := readHead(ctx, c.rd)
	if err != nil {
		return false, err
	}
	if head.Count == 0 && !c.cloning(ctx, c.rd) {
		return false, nil
	}
	var n int
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM keys WHERE fingerprint = ?`, c.signer.Fingerprint()).Scan(&n); err != nil {
		return false, fmt.Errorf("read the case's keys: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	tables, err := trackedTables(ctx, c.rd)
	if err != nil {
		return false, err
	}
	var triggers int
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'touch_%'`).Scan(&triggers); err != nil {
		return false, fmt.Errorf("list triggers: %w", err)
	}
	return triggers >= 4*len(tables), nil
}

// registerKey records the user's public key in the case, once.
func (c *Case) registerKey(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO keys(fingerprint, public_key, actor, first_at) VALUES(?,?,?,?)`,
		c.signer.Fingerprint(), string(c.signer.PublicKeyPEM()), *c.actor.Load(), timestamp(c.now()))
	if err != nil {
		return fmt.Errorf("record the signing key: %w", err)
	}
	return nil
}

// readCaseID returns the case's identity, made by migration 0005.
func readCaseID(ctx context.Context, db *sql.DB) (string, error) {
	var id string
	if err := db.QueryRowContext(ctx, `SELECT value FROM case_info WHERE key = 'case_id'`).Scan(&id); err != nil {
		return "", fmt.Errorf("read the case id: %w", err)
	}
	return id, nil
}

// ID returns the case's identity: random, made when the case was made (or
// first opened by an Exhibit with the chained record), kept in its copies.
func (c *Case) ID() string { return c.id }

// Signer returns the key that signs this program's checkpoints and
// exports: the user's.
func (c *Case) Signer() *Signer { return c.signer }

// ChainHead is the newest entry of the case's audit chain.
type ChainHead struct {
	// Hash is the newest entry's hash; Count is how many entries the chain
	// holds up to it.
	Hash  string
	Count int64
}

// ChainHead returns the newest entry of the audit chain.
func (c *Case) ChainHead(ctx context.Context) (ChainHead, error) {
	return readHead(ctx, c.rd)
}
