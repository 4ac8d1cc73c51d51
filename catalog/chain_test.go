package catalog

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// richCase returns a closed case holding two images, a report with a link,
// a note, a tag, a pair with an alignment and a mark, and an export: every
// kind of evidence row, each written through Exhibit.
func richCase(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	c, ids := caseWithImages(t, "DSCN0010.jpg", "DSCN0012.jpg")
	r, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Excerpts(ctx, r.Report.ID, false)
	if err != nil || len(es) == 0 {
		t.Fatalf("excerpts: %d, %v", len(es), err)
	}
	if _, err := c.AddLink(ctx, ids[0], es[0].ID, "the bakery", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(ctx, ids[0], "shadows point to late afternoon"); err != nil {
		t.Fatal(err)
	}
	if err := c.AddTag(ctx, ids[1], "bakery"); err != nil {
		t.Fatal(err)
	}
	p, err := c.AddPair(ctx, ids[0], ids[1], PairOptions{Title: "Al-Nour street"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddAnnotations(ctx, []Annotation{{ImageID: p.BeforeID, PairID: p.ID, Kind: KindRect,
		Points: []Point{{X: 0.1, Y: 0.1}, {X: 0.3, Y: 0.4}}, Color: "#ff0000", Width: 4, Note: "the roof"}}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "images.csv")
	if err := os.WriteFile(out, []byte("id\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RecordExport(ctx, "csv", out, map[string]any{"images": ids}); err != nil {
		t.Fatal(err)
	}
	dir := c.Dir()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// verifyChainOf opens dir and returns what VerifyChain finds.
func verifyChainOf(t *testing.T, dir string) *ChainReport {
	t.Helper()
	c, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rep, err := c.VerifyChain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// tamper changes the catalog with plain SQL, as anyone holding the file
// could: the append-only triggers dropped first.
func tamper(t *testing.T, dir string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", SQLiteURI(filepath.Join(dir, DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range append([]string{
		`DROP TRIGGER IF EXISTS audit_no_update`, `DROP TRIGGER IF EXISTS audit_no_delete`,
		`DROP TRIGGER IF EXISTS audit_rows_no_update`, `DROP TRIGGER IF EXISTS audit_rows_no_delete`,
		`DROP TRIGGER IF EXISTS checkpoints_no_update`, `DROP TRIGGER IF EXISTS checkpoints_no_delete`,
	}, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func problemsText(rep *ChainReport) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.Kind + " " + p.Status + ": " + p.Error + "\n")
	}
	return b.String()
}

func TestChainIntactCase(t *testing.T) {
	dir := richCase(t)
	rep := verifyChainOf(t, dir)
	if !rep.OK() {
		t.Fatalf("an untouched case has problems:\n%s", problemsText(rep))
	}
	if rep.Entries < 8 || rep.Signed != rep.Entries || rep.Checkpoints == 0 || len(rep.Keys) != 1 || rep.Rows < 10 {
		t.Errorf("report %+v: want every entry signed by one key and every row checked", rep)
	}
	// Reopened and written again: still whole.
	c, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(context.Background(), 1, "second note"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if rep := verifyChainOf(t, dir); !rep.OK() {
		t.Fatalf("after a second session:\n%s", problemsText(rep))
	}
}

// Each way of rewriting the record behind Exhibit's back is found and
// named.
func TestChainFindsTampering(t *testing.T) {
	// The entry a test changes: the note's.
	const noteEntry = `(SELECT id FROM audit WHERE action = 'note.add')`
	for _, tc := range []struct {
		name   string
		stmts  []string
		status string // a problem with this status must be reported
		ref    string // ...about this row, when set
	}{
		{"audit entry edited", []string{`UPDATE audit SET details = 'nothing to see' WHERE id = ` + noteEntry}, "changed", ""},
		{"audit entry's actor edited", []string{`UPDATE audit SET actor = 'someone else' WHERE id = ` + noteEntry}, "changed", ""},
		{"audit entry deleted", []string{`DELETE FROM audit WHERE id = ` + noteEntry}, "out of order", ""},
		{"audit entries reordered", []string{
			`UPDATE audit SET id = -1 WHERE id = ` + noteEntry,
			`UPDATE audit SET id = (SELECT max(id) + 1 FROM audit) WHERE id = -1`}, "out of order", ""},
		{"entry inserted without a hash", []string{
			`INSERT INTO audit(at, action, object, details) VALUES('2017-10-17T12:00:00Z', 'note.add', 'image:1', 'planted')`}, "inserted", ""},
		{"last entries deleted", []string{`DELETE FROM audit WHERE id >= (SELECT max(id) - 1 FROM audit)`}, "deleted", ""},
		{"recorded row hash edited", []string{`UPDATE audit_rows SET hash = 'x' WHERE entry_id = ` + noteEntry}, "changed", ""},
		{"image hash rewritten", []string{`UPDATE images SET sha256 = 'aaaa' WHERE id = 1`}, "changed", "images/1"},
		{"location path rewritten", []string{`UPDATE locations SET path = '/elsewhere.jpg' WHERE id = 1`}, "changed", "locations/1"},
		{"note rewritten", []string{`UPDATE notes SET text = 'shadows point to the morning'`}, "changed", "notes/1"},
		{"tag rewritten", []string{`UPDATE tags SET tag = 'school'`}, "changed", ""},
		{"tag deleted", []string{`DELETE FROM tags`}, "deleted", ""},
		{"link note rewritten", []string{`UPDATE links SET note = 'the school'`}, "changed", "links/1"},
		{"link deleted", []string{`DELETE FROM links`}, "deleted", "links/1"},
		{"pair window rewritten", []string{`UPDATE pairs SET not_before = '2017-10-01T00:00:00'`}, "changed", "pairs/1"},
		{"mark moved", []string{`UPDATE annotations SET points = '[[0.5,0.5],[0.6,0.6]]'`}, "changed", "annotations/1"},
		{"mark deleted", []string{`DELETE FROM annotations`}, "deleted", "annotations/1"},
		{"report hash rewritten", []string{`UPDATE reports SET sha256 = 'bbbb'`}, "changed", "reports/1"},
		{"excerpt text rewritten", []string{`UPDATE excerpts SET text = 'no strike was seen' WHERE id = 1`}, "changed", "excerpts/1"},
		{"export hash rewritten", []string{`UPDATE exports SET sha256 = 'cccc'`}, "changed", "exports/1"},
		{"note inserted", []string{`INSERT INTO notes(image_id, text, created_at) VALUES(1, 'planted', '2017-10-17T12:00:00Z')`}, "inserted", "notes/2"},
		{"image deleted, id gap closed", []string{`PRAGMA foreign_keys = OFF`, `DELETE FROM images WHERE id = 2`}, "deleted", "images/2"},
		{"case id changed", []string{`UPDATE case_info SET value = 'other'`}, "bad signature", ""},
		{"checkpoint signature replaced", []string{`UPDATE checkpoints SET signature = (SELECT signature FROM checkpoints ORDER BY id LIMIT 1)`}, "bad signature", ""},
		{"key replaced", []string{`UPDATE keys SET public_key = 'x'`}, "unknown key", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := richCase(t)
			tamper(t, dir, tc.stmts...)
			rep := verifyChainOf(t, dir)
			for _, p := range rep.Problems {
				if p.Status == tc.status && (tc.ref == "" || p.Ref == tc.ref) {
					return
				}
			}
			t.Errorf("no %q problem (row %q) found; found:\n%s", tc.status, tc.ref, problemsText(rep))
		})
	}
}

// Rewriting the whole chain after an edit, every hash recomputed as
// Exhibit would, is caught by the signed checkpoints.
func TestChainRewrittenWholeIsCaught(t *testing.T) {
	dir := richCase(t)
	ctx := context.Background()
	tamper(t, dir, `UPDATE notes SET text = 'shadows point to the morning'`)
	db, err := sql.Open("sqlite", SQLiteURI(filepath.Join(dir, DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	// Recompute the note's row hash, its entry, and every entry after it.
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var h rowHasher
	var noteHash string
	if err := h.hashRows(ctx, tx, "notes", `SELECT rowid, * FROM notes WHERE rowid = 1`, nil, func(_ int64, s string, _ []byte) error { noteHash = s; return nil }); err != nil {
		t.Fatal(err)
	}
	var noteEntry int64
	if err := tx.QueryRow(`SELECT entry_id FROM audit_rows WHERE ref = 'notes/1'`).Scan(&noteEntry); err != nil {
		t.Fatal(err)
	}
	mustExec(t, tx, `UPDATE audit_rows SET hash = ? WHERE ref = 'notes/1'`, noteHash)
	rows, err := tx.Query(`SELECT id, at, action, object, details, session, actor, key, prev, rows_digest FROM audit WHERE hash IS NOT NULL ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type ent struct {
		id int64
		e  chainEntry
	}
	var all []ent
	for rows.Next() {
		var x ent
		rows.Scan(&x.id, &x.e.At, &x.e.Action, &x.e.Object, &x.e.Details, &x.e.Session, &x.e.Actor, &x.e.Key, &x.e.Prev, &x.e.RowsDigest)
		all = append(all, x)
	}
	rows.Close()
	prev := ""
	for _, x := range all {
		if x.id == noteEntry {
			var rs []rowHash
			r2, _ := tx.Query(`SELECT ref, hash FROM audit_rows WHERE entry_id = ?`, x.id)
			for r2.Next() {
				var r rowHash
				r2.Scan(&r.Ref, &r.Hash)
				rs = append(rs, r)
			}
			r2.Close()
			x.e.RowsDigest = rowsDigest(rs)
		}
		x.e.Prev = prev
		prev = x.e.hash()
		mustExec(t, tx, `UPDATE audit SET prev = ?, hash = ?, rows_digest = ? WHERE id = ?`, x.e.Prev, prev, x.e.RowsDigest, x.id)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	rep := verifyChainOf(t, dir)
	for _, p := range rep.Problems {
		if p.Kind == "checkpoint" && p.Status == "changed" {
			return
		}
	}
	t.Errorf("a chain rewritten whole was not caught by its checkpoints:\n%s", problemsText(rep))
}

func mustExec(t *testing.T, tx *sql.Tx, q string, args ...any) {
	t.Helper()
	if _, err := tx.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// A case made before the chain (schema 4) is migrated with a chain.start
// entry that hashes its earlier entries and every row it holds; a later
// edit of an earlier entry is found.
func TestChainMigratesOldCase(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Old.exhibit")
	if err := os.MkdirAll(filepath.Join(dir, "cache"), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", SQLiteURI(filepath.Join(dir, DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:4] {
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, s := range []string{
		`PRAGMA user_version = 4`,
		`INSERT INTO images(id, sha256, size, format, imported_at) VALUES(1, 'abc', 10, 'jpeg', '2017-10-20T00:00:00Z')`,
		`INSERT INTO notes(image_id, text, created_at) VALUES(1, 'an old note', '2017-10-20T00:00:00Z')`,
		`INSERT INTO audit(at, action, object, details, session, actor) VALUES('2017-10-20T00:00:00Z', 'image.add', 'image:1', '', 's', 'ana@laptop, exhibit import')`,
		`INSERT INTO audit(at, action, object, details, session, actor) VALUES('2017-10-20T00:00:01Z', 'note.add', 'image:1', 'an old note', 's', 'ana@laptop, exhibit')`,
	} {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	db.Close()

	rep := verifyChainOf(t, dir)
	if !rep.OK() || rep.Earlier != 2 || rep.Entries != 1 {
		t.Fatalf("migrated case: %+v\n%s", rep, problemsText(rep))
	}
	c, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	es, _ := c.Audit(ctx, "")
	c.Close()
	if len(es) != 3 || es[2].Action != "chain.start" || es[2].Hash == "" || es[0].Hash != "" {
		t.Fatalf("entries after migration: %+v", es)
	}
	tamper(t, dir, `UPDATE audit SET details = 'rewritten' WHERE id = 2`)
	rep = verifyChainOf(t, dir)
	if rep.OK() || !strings.Contains(problemsText(rep), "before the chain began") {
		t.Errorf("an earlier entry edited after the migration was not found:\n%s", problemsText(rep))
	}
	tamper(t, dir, `UPDATE audit SET details = 'an old note' WHERE id = 2`, `UPDATE notes SET text = 'a new note'`)
	rep = verifyChainOf(t, dir)
	if !strings.Contains(problemsText(rep), "note 1 (notes/1) was changed") {
		t.Errorf("an old row edited after the migration was not found:\n%s", problemsText(rep))
	}
}
