package catalog

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// ChainProblem is one thing wrong with the case's record, found by
// VerifyChain.
type ChainProblem struct {
	// Kind is "chain" (an audit entry), "checkpoint" (a signature) or
	// "row" (a row of the case unlike its record).
	Kind string
	// Entry is the audit entry concerned (0 when none); Ref the row
	// ("notes/12") for kind "row"; Checkpoint the checkpoint's id.
	Entry      int64
	Ref        string
	Checkpoint int64
	// Status says what happened: "changed", "deleted", "inserted",
	// "out of order", "unsigned", "bad signature", "unknown key".
	Status string
	Error  string
}

// ChainReport is what VerifyChain found.
type ChainReport struct {
	Entries     int64 // chained entries
	Earlier     int64 // entries written before the chain began
	Head        string
	Checkpoints int // checkpoints whose signature holds
	Signed      int64
	Keys        []string // fingerprints of the keys that signed
	Rows        int      // rows checked against their record
	Problems    []ChainProblem
}

// OK reports whether nothing is wrong.
func (r *ChainReport) OK() bool { return len(r.Problems) == 0 }

type storedEntry struct {
	id                                               int64
	at, action, object, details, session, actor, key string
	prev, hash                                       sql.NullString
	rowsDigest                                       string
	seq                                              sql.NullInt64
}

// VerifyChain checks the case's record against itself: every entry's
// hash, its link to the entry before, the rows it recorded; every signed
// checkpoint; and every row of the case against the last entry that
// speaks of it. Anything edited, deleted, inserted or reordered behind
// Exhibit's back is named in the report's Problems. It reads one snapshot
// of the case and changes nothing.
func (c *Case) VerifyChain(ctx context.Context) (*ChainReport, error) {
	tx, err := c.rd.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("verify the record: %w", err)
	}
	defer tx.Rollback()
	rep := &ChainReport{}
	add := func(p ChainProblem) { rep.Problems = append(rep.Problems, p) }

	keys, err := readKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	entries, err := readEntries(ctx, tx)
	if err != nil {
		return nil, err
	}
	rowsOf, err := readAuditRows(ctx, tx)
	if err != nil {
		return nil, err
	}

	// The entries: each one's hash, its rows, and its place after the one
	// it follows. A solo case's chain is a line; a team case's is a graph
	// like git's, where a sync.merge entry joins two heads (team.go): each
	// entry follows one already read, and every entry is an ancestor of
	// the newest.
	g := newChainGraph()
	last := map[string]rowRecord{}
	earlier := newLegacyHasher()
	chained := false
	for _, e := range entries {
		if !e.hash.Valid {
			if chained {
				add(ChainProblem{Kind: "chain", Entry: e.id, Status: "inserted",
					Error: fmt.Sprintf("entry %d (%s %s) has no hash: it was written behind Exhibit's back", e.id, e.action, e.object)})
				continue
			}
			earlier.add(e)
			continue
		}
		if !chained {
			chained = true
			if e.action != "chain.start" {
				add(ChainProblem{Kind: "chain", Entry: e.id, Status: "deleted",
					Error: fmt.Sprintf("the chain does not begin with its chain.start entry but with entry %d (%s): its beginning was removed", e.id, e.action)})
			} else {
				checkEarlier(e, earlier, add)
			}
		}
		rows := rowsOf[e.id]
		delete(rowsOf, e.id)
		ce := chainEntry{Prev: e.prev.String, At: e.at, Actor: e.actor, Key: e.key, Session: e.session,
			Action: e.action, Object: e.object, Details: e.details, RowsDigest: e.rowsDigest}
		switch {
		case rowsDigest(rows) != e.rowsDigest:
			add(ChainProblem{Kind: "chain", Entry: e.id, Status: "changed",
				Error: fmt.Sprintf("entry %d (%s %s): the rows it recorded were changed", e.id, e.action, e.object)})
		case ce.hash() != e.hash.String:
			add(ChainProblem{Kind: "chain", Entry: e.id, Status: "changed",
				Error: fmt.Sprintf("entry %d (%s %s) was changed: its content no longer gives its hash", e.id, e.action, e.object)})
		}
		depth, linked := g.add(e)
		if !linked {
			add(ChainProblem{Kind: "chain", Entry: e.id, Status: "out of order",
				Error: fmt.Sprintf("entry %d (%s %s) does not follow the entry before it: an entry was deleted, inserted or moved there", e.id, e.action, e.object)})
		}
		if !e.seq.Valid || e.seq.Int64 != depth {
			add(ChainProblem{Kind: "chain", Entry: e.id, Status: "out of order",
				Error: fmt.Sprintf("entry %d (%s %s) is numbered %d in the chain but stands at %d", e.id, e.action, e.object, e.seq.Int64, depth)})
		}
		if _, ok := keys[e.key]; !ok {
			add(ChainProblem{Kind: "chain", Entry: e.id, Status: "unknown key",
				Error: fmt.Sprintf("entry %d (%s %s) names a key the case does not know (%s)", e.id, e.action, e.object, short(e.key))})
		}
		for _, r := range rows {
			last[r.Ref] = rowRecord{hash: r.Hash, entry: e.id, action: e.action}
		}
	}
	for id := range rowsOf {
		add(ChainProblem{Kind: "chain", Entry: id, Status: "inserted",
			Error: fmt.Sprintf("rows are recorded for entry %d, which is not in the chain", id)})
	}
	for _, n := range g.strays() {
		add(ChainProblem{Kind: "chain", Entry: n.id, Status: "inserted",
			Error: fmt.Sprintf("entry %d (%s) is not an ancestor of the chain's newest entry: it was inserted, or what followed it was removed", n.id, n.action)})
	}
	prev := g.head()
	rep.Entries, rep.Earlier, rep.Head = int64(len(g.order)), earlier.n, prev

	caseID, err := readCaseIDTx(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := verifyCheckpoints(ctx, tx, caseID, keys, g, rep, add); err != nil {
		return nil, err
	}
	if err := verifyRows(ctx, tx, last, rep, add); err != nil {
		return nil, err
	}
	return rep, nil
}

// rowRecord is the last entry that spoke of a row.
type rowRecord struct {
	hash   string
	entry  int64
	action string
}

func readEntries(ctx context.Context, tx *sql.Tx) ([]storedEntry, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, action, object, details, session, actor, key, prev, hash, rows_digest, seq FROM audit ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read the audit trail: %w", err)
	}
	defer rows.Close()
	var out []storedEntry
	for rows.Next() {
		var e storedEntry
		if err := rows.Scan(&e.id, &e.at, &e.action, &e.object, &e.details, &e.session, &e.actor, &e.key, &e.prev, &e.hash, &e.rowsDigest, &e.seq); err != nil {
			return nil, fmt.Errorf("read the audit trail: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func readAuditRows(ctx context.Context, tx *sql.Tx) (map[int64][]rowHash, error) {
	rows, err := tx.QueryContext(ctx, `SELECT entry_id, ref, hash FROM audit_rows`)
	if err != nil {
		return nil, fmt.Errorf("read the audit trail's rows: %w", err)
	}
	defer rows.Close()
	out := map[int64][]rowHash{}
	for rows.Next() {
		var id int64
		var r rowHash
		if err := rows.Scan(&id, &r.Ref, &r.Hash); err != nil {
			return nil, fmt.Errorf("read the audit trail's rows: %w", err)
		}
		out[id] = append(out[id], r)
	}
	return out, rows.Err()
}

// readKeys returns the case's public keys by fingerprint; a key whose
// fingerprint is not its own is left out.
func readKeys(ctx context.Context, tx *sql.Tx) (map[string]ed25519.PublicKey, error) {
	rows, err := tx.QueryContext(ctx, `SELECT fingerprint, public_key FROM keys`)
	if err != nil {
		return nil, fmt.Errorf("read the case's keys: %w", err)
	}
	defer rows.Close()
	out := map[string]ed25519.PublicKey{}
	for rows.Next() {
		var fp, pemText string
		if err := rows.Scan(&fp, &pemText); err != nil {
			return nil, fmt.Errorf("read the case's keys: %w", err)
		}
		pub, err := ParsePublicKeyPEM([]byte(pemText))
		if err != nil || KeyFingerprint(pub) != fp {
			continue
		}
		out[fp] = pub
	}
	return out, rows.Err()
}

func readCaseIDTx(ctx context.Context, tx *sql.Tx) (string, error) {
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM case_info WHERE key = 'case_id'`).Scan(&id); err != nil {
		return "", fmt.Errorf("read the case id: %w", err)
	}
	return id, nil
}

// legacyHasher recomputes legacyDigest over entries as they are read.
type legacyHasher struct {
	h hash.Hash
	n int64
}

func newLegacyHasher() *legacyHasher { return &legacyHasher{h: sha256.New()} }

// sum returns the digest, "" when no entry was added.
func (l *legacyHasher) sum() string {
	if l.n == 0 {
		return ""
	}
	return hex.EncodeToString(l.h.Sum(nil))
}

func (l *legacyHasher) add(e storedEntry) {
	b, _ := json.Marshal([]any{e.id, e.at, e.action, e.object, e.details, e.session, e.actor})
	l.h.Write(b)
	l.h.Write([]byte{'\n'})
	l.n++
}

// checkEarlier compares the entries written before the chain began with
// the digest its chain.start entry recorded of them.
func checkEarlier(start storedEntry, earlier *legacyHasher, add func(ChainProblem)) {
	var d struct {
		N      int64  `json:"earlier_entries"`
		Digest string `json:"earlier_digest"`
	}
	if err := json.Unmarshal([]byte(start.details), &d); err != nil {
		add(ChainProblem{Kind: "chain", Entry: start.id, Status: "changed", Error: "the chain.start entry cannot be read: " + err.Error()})
		return
	}
	got := earlier.sum()
	if d.N != earlier.n || d.Digest != got {
		add(ChainProblem{Kind: "chain", Entry: start.id, Status: "changed",
			Error: fmt.Sprintf("the %d entries written before the chain began are not the %d it recorded, or were changed", earlier.n, d.N)})
	}
}

// verifyCheckpoints checks every checkpoint's signature and head, and
// reports the entries no valid signature covers.
func verifyCheckpoints(ctx context.Context, tx *sql.Tx, caseID string, keys map[string]ed25519.PublicKey, g *chainGraph,
	rep *ChainReport, add func(ChainProblem)) error {
	type cp struct {
		id                                int64
		at, head, key, actor, sig, reason string
		count                             int64
		ok                                bool
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, at, count, head, key, actor, signature FROM checkpoints ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read checkpoints: %w", err)
	}
	var cps []*cp
	for rows.Next() {
		var p cp
		if err := rows.Scan(&p.id, &p.at, &p.count, &p.head, &p.key, &p.actor, &p.sig); err != nil {
			rows.Close()
			return fmt.Errorf("read checkpoints: %w", err)
		}
		cps = append(cps, &p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read checkpoints: %w", err)
	}
	// Signatures checked on every core: a long case has thousands.
	var wg sync.WaitGroup
	next := make(chan *cp)
	for range max(1, runtime.NumCPU()) {
		wg.Go(func() {
			for p := range next {
				pub, ok := keys[p.key]
				if !ok {
					p.reason = "unknown key"
					continue
				}
				sig, err := base64.StdEncoding.DecodeString(p.sig)
				if err != nil || !ed25519.Verify(pub, CheckpointMessage(caseID, p.count, p.head, p.at), sig) {
					p.reason = "bad signature"
					continue
				}
				p.ok = true
			}
		})
	}
	for _, p := range cps {
		next <- p
	}
	close(next)
	wg.Wait()
	signers := map[string]bool{}
	var heads []string
	for _, p := range cps {
		switch {
		case !p.ok && p.reason == "unknown key":
			add(ChainProblem{Kind: "checkpoint", Checkpoint: p.id, Status: p.reason,
				Error: fmt.Sprintf("checkpoint %d (%s) is signed by a key the case does not know (%s)", p.id, p.actor, short(p.key))})
		case !p.ok:
			add(ChainProblem{Kind: "checkpoint", Checkpoint: p.id, Status: p.reason,
				Error: fmt.Sprintf("checkpoint %d (%s): the signature does not hold: it, or the case id, was changed", p.id, p.actor)})
		case g.nodes[p.head] == nil && g.deepest() < p.count:
			add(ChainProblem{Kind: "checkpoint", Checkpoint: p.id, Status: "deleted",
				Error: fmt.Sprintf("checkpoint %d (%s) signed %d entries; the chain now holds %d: entries were removed", p.id, p.actor, p.count, g.deepest())})
		case g.nodes[p.head] == nil || g.nodes[p.head].seq != p.count:
			add(ChainProblem{Kind: "checkpoint", Checkpoint: p.id, Status: "changed",
				Error: fmt.Sprintf("checkpoint %d (%s, %s) signed a chain of %d entries that ended otherwise: the record up to there was rewritten",
					p.id, p.actor, p.at, p.count)})
		default:
			rep.Checkpoints++
			rep.Signed = max(rep.Signed, p.count)
			signers[p.key] = true
			heads = append(heads, p.head)
		}
	}
	for k := range signers {
		rep.Keys = append(rep.Keys, k)
	}
	sort.Strings(rep.Keys)
	if unsigned := g.uncovered(heads); len(unsigned) > 0 {
		from, to := unsigned[0], unsigned[len(unsigned)-1]
		add(ChainProblem{Kind: "chain", Entry: from, Status: "unsigned",
			Error: fmt.Sprintf("entries %d to %d (%d) are covered by no signature: written by a program that did not close the case (a crash or a kill), or behind Exhibit's back",
				from, to, len(unsigned))})
	}
	return nil
}

// verifyRows hashes every row of every tracked table and compares it with
// the last entry that recorded it.
func verifyRows(ctx context.Context, tx *sql.Tx, last map[string]rowRecord, rep *ChainReport, add func(ChainProblem)) error {
	tables, err := trackedTables(ctx, tx)
	if err != nil {
		return err
	}
	seen := make(map[string]bool, len(last))
	var h rowHasher
	for _, t := range tables {
		err := h.hashRows(ctx, tx, t, `SELECT rowid, * FROM `+quoteIdent(t), nil, func(rowid int64, hash string, _ []byte) error {
			ref := rowRef(t, rowid)
			seen[ref] = true
			rep.Rows++
			r, ok := last[ref]
			switch {
			case !ok || r.hash == "":
				add(ChainProblem{Kind: "row", Ref: ref, Status: "inserted",
					Error: fmt.Sprintf("%s is in the case but in no entry of the record: it was added behind Exhibit's back", describeRef(ref))})
			case r.hash != hash:
				add(ChainProblem{Kind: "row", Ref: ref, Entry: r.entry, Status: "changed",
					Error: fmt.Sprintf("%s was changed behind Exhibit's back: it is not what entry %d (%s) recorded", describeRef(ref), r.entry, r.action)})
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var gone []string
	for ref, r := range last {
		if r.hash != "" && !seen[ref] {
			gone = append(gone, ref)
		}
	}
	sort.Strings(gone)
	for _, ref := range gone {
		r := last[ref]
		add(ChainProblem{Kind: "row", Ref: ref, Entry: r.entry, Status: "deleted",
			Error: fmt.Sprintf("%s was deleted behind Exhibit's back: entry %d (%s) recorded it", describeRef(ref), r.entry, r.action)})
	}
	return nil
}

// describeRef names a row for a person: "note 12 (notes/12)".
func describeRef(ref string) string {
	t, id, _ := strings.Cut(ref, "/")
	names := map[string]string{"images": "image", "locations": "location", "notes": "note", "tags": "tag", "links": "link",
		"annotations": "mark", "pairs": "pair", "reports": "report", "excerpts": "excerpt", "exports": "export",
		"report_versions": "report version", "excerpt_history": "excerpt history row", "failures": "failed file", "imports": "import run"}
	if n, ok := names[t]; ok {
		return fmt.Sprintf("%s %s (%s)", n, id, ref)
	}
	return "row " + ref
}

func short(fp string) string {
	if len(fp) > 16 {
		return fp[:16]
	}
	return fp
}
