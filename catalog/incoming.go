package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// MergeResult is what Incoming did.
type MergeResult struct {
	// Pulled counts the entries the case did not have.
	Pulled int
	// Conflicts counts the rows changed both here and by the entries
	// pulled, found by this call.
	Conflicts int
	// Merged is the hash of the sync.merge entry written ("" when the case
	// had nothing of its own to join).
	Merged string
}

// mergeDetails is what a sync.merge entry says.
type mergeDetails struct {
	Parents   []string       `json:"parents"`
	Conflicts []conflictSpec `json:"conflicts,omitempty"`
}

// conflictSpec is one row changed on two laptops while apart.
type conflictSpec struct {
	Ref      string            `json:"ref"`
	Versions []ConflictVersion `json:"versions"`
}

// Incoming takes entries pulled from the hub, in the hub's order. Those
// the case already has are marked as on the hub; each new one is checked
// (its hash, its rows' digest, each row's content against its hash; its
// prev and merge parents must be known, its depth right), added to the
// chain and replayed into the case's rows. When the case has entries of
// its own the hub lacks, a sync.merge entry joins the two heads; a row
// both sides changed keeps this laptop's version for now, both versions
// stay in the record, and the row is listed as a conflict (Conflicts)
// until someone chooses. Nothing is applied when any entry fails its
// check: the error says which and why.
func (c *Case) Incoming(ctx context.Context, entries []WireEntry) (*MergeResult, error) {
	res := &MergeResult{}
	var pulledIDs []int64
	err := c.write(ctx, func(tx *sql.Tx) error {
		*res = MergeResult{}
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		in, err := newIncoming(ctx, tx)
		if err != nil {
			return err
		}
		defer func() { pulledIDs = in.ids }()
		for i := range entries {
			if err := in.take(ctx, tx, &entries[i], res); err != nil {
				return err
			}
		}
		// The pulled entries record the rows they replayed.
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit_touch`); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		if res.Pulled == 0 {
			return nil
		}
		// Entries were added here rather than by the transaction's end
		// (which chains after the newest entry): its checkpoint signs the
		// new head.
		c.txc.direct = true
		if in.ownHead == "" {
			return nil
		}
		h, err := c.writeMerge(ctx, tx, in)
		res.Merged = h
		return err
	})
	if err != nil {
		return nil, err
	}
	c.notePulled(pulledIDs)
	return res, nil
}

// incoming is the state of one Incoming call.
type incoming struct {
	depth map[string]int64 // hash -> seq of every entry the case has
	// ownTouched is, for each row that entries of this laptop's not yet on
	// the hub changed, the newest such entry.
	ownTouched map[string]ConflictVersion
	ownHead    string // newest entry not on the hub ("" when none)
	remoteHead string // last entry taken
	conflicts  []conflictSpec
	tables     map[string]*tableInfo
	ids        []int64 // of the entries added
}

func newIncoming(ctx context.Context, tx *sql.Tx) (*incoming, error) {
	in := &incoming{depth: map[string]int64{}, ownTouched: map[string]ConflictVersion{}, tables: map[string]*tableInfo{}}
	rows, err := tx.QueryContext(ctx, `SELECT hash, seq FROM audit WHERE hash IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("pull: read the chain: %w", err)
	}
	for rows.Next() {
		var h string
		var s int64
		if err := rows.Scan(&h, &s); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pull: read the chain: %w", err)
		}
		in.depth[h] = s
	}
	rows.Close()
	rows, err = tx.QueryContext(ctx, `SELECT a.hash, a.actor, a.at, r.ref, r.hash FROM audit a JOIN audit_rows r ON r.entry_id = a.id
		WHERE a.hash IS NOT NULL AND a.hash NOT IN (SELECT hash FROM on_hub) ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("pull: read this laptop's changes: %w", err)
	}
	for rows.Next() {
		var v ConflictVersion
		var ref string
		if err := rows.Scan(&v.Entry, &v.Actor, &v.At, &ref, &v.Hash); err != nil {
			rows.Close()
			return nil, fmt.Errorf("pull: read this laptop's changes: %w", err)
		}
		in.ownTouched[ref] = v
	}
	rows.Close()
	var own sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT hash FROM audit WHERE hash IS NOT NULL AND hash NOT IN (SELECT hash FROM on_hub) ORDER BY id DESC LIMIT 1`).Scan(&own)
	if err != nil && err != sql.ErrNoRows {
		return nil, fmt.Errorf("pull: read the chain's head: %w", err)
	}
	in.ownHead = own.String
	return in, nil
}

// take adds one pulled entry.
func (in *incoming) take(ctx context.Context, tx *sql.Tx, e *WireEntry, res *MergeResult) error {
	if _, ok := in.depth[e.Hash]; ok {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO on_hub(hash) VALUES(?)`, e.Hash)
		if err != nil {
			return fmt.Errorf("pull: %w", err)
		}
		return nil
	}
	if err := e.Check(); err != nil {
		return fmt.Errorf("pull: refused: %w", err)
	}
	want := int64(1)
	parents := []string{}
	if e.Prev != "" {
		parents = append(parents, e.Prev)
	} else if len(in.depth) > 0 {
		return fmt.Errorf("pull: refused: entry %s (%s) starts a chain of its own, but the case has one", short(e.Hash), e.Action)
	}
	var md mergeDetails
	if e.Action == "sync.merge" {
		if err := json.Unmarshal([]byte(e.Details), &md); err != nil {
			return fmt.Errorf("pull: refused: entry %s (sync.merge): its details do not read: %w", short(e.Hash), err)
		}
		parents = append(parents, md.Parents...)
	}
	for _, p := range parents {
		d, ok := in.depth[p]
		if !ok {
			return fmt.Errorf("pull: refused: entry %s (%s) follows %s, which the case does not have: the hub's order is broken or an entry is missing", short(e.Hash), e.Action, short(p))
		}
		want = max(want, d+1)
	}
	if e.Seq != want {
		return fmt.Errorf("pull: refused: entry %s (%s) says it is at depth %d of the chain, but its parents put it at %d", short(e.Hash), e.Action, e.Seq, want)
	}
	rows := make([]rowHash, len(e.Rows))
	for i, w := range e.Rows {
		rows[i] = rowHash{Ref: w.Ref, Hash: w.Hash}
		if len(w.Data) > 0 && string(w.Data) != "null" {
			rows[i].Data = w.Data
		}
	}
	ce := e.entry()
	id, err := insertEntry(ctx, tx, &ce, e.Hash, e.Seq, rows)
	if err != nil {
		return fmt.Errorf("pull: add entry %s: %w", short(e.Hash), err)
	}
	in.ids = append(in.ids, id)
	for _, w := range rows {
		if own, ok := in.ownTouched[w.Ref]; ok {
			if own.Hash != w.Hash {
				in.conflicts = append(in.conflicts, conflictSpec{Ref: w.Ref, Versions: []ConflictVersion{own,
					{Entry: e.Hash, Actor: e.Actor, At: e.At, Hash: w.Hash}}})
				res.Conflicts++
			}
			continue // this laptop's version stands until someone chooses
		}
		if err := in.apply(ctx, tx, w); err != nil {
			return fmt.Errorf("pull: entry %s (%s): %w", short(e.Hash), e.Action, err)
		}
	}
	if err := noteConflicts(ctx, tx, e, md.Conflicts); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO on_hub(hash) VALUES(?)`, e.Hash); err != nil {
		return fmt.Errorf("pull: %w", err)
	}
	in.depth[e.Hash] = e.Seq
	in.remoteHead = e.Hash
	res.Pulled++
	return nil
}

// apply replays one row as an entry left it.
func (in *incoming) apply(ctx context.Context, tx *sql.Tx, w rowHash) error {
	table, rowid, _ := splitRef(w.Ref)
	ti, err := in.table(ctx, tx, table)
	if err != nil {
		return err
	}
	if w.Hash == "" {
		return ti.remove(ctx, tx, rowid)
	}
	if w.Data == nil {
		return nil // history: a later hub.join entry records the row
	}
	d, err := decodeRow(w.Data)
	if err != nil {
		return fmt.Errorf("%s: %w", w.Ref, err)
	}
	return ti.put(ctx, tx, rowid, d)
}

func (in *incoming) table(ctx context.Context, tx *sql.Tx, name string) (*tableInfo, error) {
	if t, ok := in.tables[name]; ok {
		return t, nil
	}
	t, err := readTableInfo(ctx, tx, name)
	if err != nil {
		return nil, err
	}
	in.tables[name] = t
	return t, nil
}

// writeMerge writes the sync.merge entry joining this laptop's head and
// the hub's, recording each conflicting row as it stands here.
func (c *Case) writeMerge(ctx context.Context, tx *sql.Tx, in *incoming) (string, error) {
	sort.Slice(in.conflicts, func(i, j int) bool { return in.conflicts[i].Ref < in.conflicts[j].Ref })
	at := timestamp(c.now())
	for _, cf := range in.conflicts {
		if err := saveConflict(ctx, tx, cf, at); err != nil {
			return "", err
		}
		table, rowid, _ := splitRef(cf.Ref)
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO audit_touch(tbl, rid) VALUES(?,?)`, table, rowid); err != nil {
			return "", fmt.Errorf("merge: %w", err)
		}
	}
	t := c.txc
	rows, err := t.takeTouched(ctx, tx)
	if err != nil {
		return "", fmt.Errorf("merge: %w", err)
	}
	md := mergeDetails{Parents: []string{in.remoteHead}, Conflicts: in.conflicts}
	details, _ := json.Marshal(md)
	e := chainEntry{Prev: in.ownHead, At: at, Actor: *c.actor.Load(), Key: c.signer.Fingerprint(), Session: c.session,
		Action: "sync.merge", Object: "case", Details: string(details), RowsDigest: rowsDigest(rows)}
	h := e.hash()
	seq := max(in.depth[in.ownHead], in.depth[in.remoteHead]) + 1
	if _, err := insertEntry(ctx, tx, &e, h, seq, rows); err != nil {
		return "", fmt.Errorf("merge: %w", err)
	}
	return h, nil
}

// pulled remembers the ids of the entries this Case pulled from its hub.
type pulled struct {
	mu  sync.Mutex
	ids map[int64]bool
}

// notePulled remembers entries this Case added from its hub.
func (c *Case) notePulled(ids []int64) {
	c.pulled.mu.Lock()
	defer c.pulled.mu.Unlock()
	if c.pulled.ids == nil {
		c.pulled.ids = map[int64]bool{}
	}
	for _, id := range ids {
		c.pulled.ids[id] = true
	}
}

// pulledHere reports whether this Case added the entry from its hub.
func (c *Case) pulledHere(id int64) bool {
	c.pulled.mu.Lock()
	defer c.pulled.mu.Unlock()
	return c.pulled.ids[id]
}
