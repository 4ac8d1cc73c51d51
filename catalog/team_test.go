package catalog

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// memHub stands in for the hub in these tests: an ordered list of
// entries, pushed only by a laptop that has pulled all of them (as the
// real hub enforces).
type memHub struct {
	entries []WireEntry
	keys    []KeyInfo
}

// laptop is one user's copy of a team case.
type laptop struct {
	t      *testing.T
	c      *Case
	config string // the user's config folder: their key
	pulled int
}

// as runs fn as this laptop's user (their key).
func (l *laptop) as(fn func()) {
	l.t.Setenv("EXHIBIT_CONFIG_DIR", l.config)
	fn()
}

// sync pulls what the hub has beyond what this laptop pulled, then pushes
// what it lacks.
func (l *laptop) sync(h *memHub) *MergeResult {
	l.t.Helper()
	ctx := context.Background()
	if err := l.c.AddKeys(ctx, h.keys); err != nil {
		l.t.Fatal(err)
	}
	res, err := l.c.Incoming(ctx, h.entries[l.pulled:])
	if err != nil {
		l.t.Fatalf("incoming: %v", err)
	}
	l.pulled = len(h.entries)
	out, err := l.c.Outgoing(ctx, 0)
	if err != nil {
		l.t.Fatal(err)
	}
	var hashes []string
	for _, e := range out {
		if err := e.Check(); err != nil {
			l.t.Fatalf("outgoing entry fails its own check: %v", err)
		}
		h.entries = append(h.entries, e)
		hashes = append(hashes, e.Hash)
	}
	if err := l.c.MarkSent(ctx, hashes); err != nil {
		l.t.Fatal(err)
	}
	l.pulled = len(h.entries)
	keys, err := l.c.Keys(ctx)
	if err != nil {
		l.t.Fatal(err)
	}
	h.keys = keys
	return res
}

// dump returns every tracked row of the case, and the set of its entries.
func dump(t *testing.T, c *Case) (rows, entries string) {
	t.Helper()
	ctx := context.Background()
	tables, err := trackedTables(ctx, c.rd)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var h rowHasher
	for _, tb := range tables {
		err := h.hashRows(ctx, c.rd, tb, `SELECT rowid, * FROM `+quoteIdent(tb)+` ORDER BY rowid`, nil, func(rowid int64, hash string, _ []byte) error {
			fmt.Fprintf(&b, "%s/%d %s\n", tb, rowid, hash)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	r, err := c.rd.Query(`SELECT hash, seq FROM audit WHERE hash IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var es []string
	for r.Next() {
		var hs string
		var s int64
		r.Scan(&hs, &s)
		es = append(es, fmt.Sprintf("%d %s", s, hs))
	}
	sort.Strings(es)
	return b.String(), strings.Join(es, "\n")
}

func verifyClean(t *testing.T, name string, c *Case) {
	t.Helper()
	rep, err := c.VerifyChain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, p := range rep.Problems {
		if p.Status == "unsigned" {
			continue // the laptops are still open: Close signs
		}
		ps = append(ps, p.Kind+" "+p.Status+": "+p.Error)
	}
	if len(ps) > 0 {
		t.Errorf("%s: the record does not verify:\n%s", name, strings.Join(ps, "\n"))
	}
}

// Two laptops, two users with their own keys, change one team case while
// apart and sync in turn: they end with the same rows and the same entries,
// both records verify, and the note both changed is a conflict both list,
// until one of them chooses; the choice reaches the other.
func TestTeamTwoLaptopsConverge(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	photos := filepath.Join(root, "photos")
	os.MkdirAll(photos, 0o755)
	testkit.WriteJPEGs(t, photos, "a.jpg", "b.jpg")
	hub := &memHub{}

	a := &laptop{t: t, config: filepath.Join(root, "alice")}
	b := &laptop{t: t, config: filepath.Join(root, "bob")}
	var pairID int64
	a.as(func() {
		c, err := Open(ctx, filepath.Join(root, "A.exhibit"))
		if err != nil {
			t.Fatal(err)
		}
		a.c = c
		if _, err := c.Import(ctx, []string{photos}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		p, err := c.AddPair(ctx, 1, 2, PairOptions{Title: "the bridge"})
		if err != nil {
			t.Fatal(err)
		}
		pairID = p.ID
		if err := c.SetHub(ctx, HubInfo{DB: "postgres://alice:secret@hub/case", Store: "http://hub:8333/case", Member: 1}); err != nil {
			t.Fatal(err)
		}
		a.sync(hub)
	})
	t.Cleanup(func() { a.c.Close() })
	b.as(func() {
		c, err := Clone(ctx, filepath.Join(root, "B.exhibit"), a.c.ID())
		if err != nil {
			t.Fatal(err)
		}
		b.c = c
		b.sync(hub)
		if err := c.SetHub(ctx, HubInfo{DB: "postgres://bob@hub/case", Store: "http://hub:8333/case", Member: 2}); err != nil {
			t.Fatal(err)
		}
		b.sync(hub)
	})
	t.Cleanup(func() { b.c.Close() })
	a.as(func() { a.sync(hub) })

	// Apart: both change the pair's notes; each adds a note of their own.
	var noteA, noteB int64
	a.as(func() {
		n := "seen from the north bank"
		if _, err := a.c.UpdatePair(ctx, pairID, PairUpdate{Notes: &n}); err != nil {
			t.Fatal(err)
		}
		var err error
		if noteA, err = a.c.AddNote(ctx, 1, "Alice: smoke at 10:40"); err != nil {
			t.Fatal(err)
		}
	})
	b.as(func() {
		n := "seen from the south bank"
		if _, err := b.c.UpdatePair(ctx, pairID, PairUpdate{Notes: &n}); err != nil {
			t.Fatal(err)
		}
		var err error
		if noteB, err = b.c.AddNote(ctx, 1, "Bob: crater by the gate"); err != nil {
			t.Fatal(err)
		}
		if err := b.c.AddTag(ctx, 2, "strike"); err != nil {
			t.Fatal(err)
		}
	})
	if noteA == noteB {
		t.Fatalf("two laptops gave their new notes the same id %d", noteA)
	}

	a.as(func() { a.sync(hub) })
	var res *MergeResult
	b.as(func() { res = b.sync(hub) })
	if res.Conflicts != 1 || res.Merged == "" {
		t.Errorf("bob's sync: %+v, want one conflict and a merge", res)
	}
	a.as(func() { a.sync(hub) })

	rowsA, entA := dump(t, a.c)
	rowsB, entB := dump(t, b.c)
	if rowsA != rowsB {
		t.Errorf("the laptops hold different rows:\nA:\n%s\nB:\n%s", rowsA, rowsB)
	}
	if entA != entB {
		t.Errorf("the laptops hold different entries:\nA:\n%s\nB:\n%s", entA, entB)
	}
	verifyClean(t, "alice", a.c)
	verifyClean(t, "bob", b.c)
	for _, l := range []*laptop{a, b} {
		ns, err := l.c.Notes(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) != 2 {
			t.Errorf("notes on image 1: %d, want both laptops' 2", len(ns))
		}
		cs, err := l.c.Conflicts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 || !cs[0].Open() || cs[0].Ref != fmt.Sprintf("pairs/%d", pairID) || len(cs[0].Versions) != 2 {
			t.Fatalf("conflicts: %+v, want the pair, open, with two versions", cs)
		}
	}

	// Alice chooses her own version; Bob gets the choice.
	a.as(func() {
		cs, _ := a.c.Conflicts(ctx)
		var mine string
		for _, v := range cs[0].Versions {
			if d, _ := a.c.ConflictData(ctx, cs[0].Ref, v.Entry); d["notes"] == "seen from the north bank" {
				mine = v.Entry
			}
		}
		if mine == "" {
			t.Fatalf("no version of %s holds alice's text", cs[0].Ref)
		}
		if err := a.c.ResolveConflict(ctx, cs[0].Ref, mine); err != nil {
			t.Fatal(err)
		}
		a.sync(hub)
	})
	b.as(func() { b.sync(hub) })
	for name, l := range map[string]*laptop{"alice": a, "bob": b} {
		p, err := l.c.Pair(ctx, pairID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Notes != "seen from the north bank" {
			t.Errorf("%s: pair notes %q after the choice", name, p.Notes)
		}
		cs, _ := l.c.Conflicts(ctx)
		if len(cs) != 1 || cs[0].Open() {
			t.Errorf("%s: conflicts after the choice: %+v", name, cs)
		}
		verifyClean(t, name, l.c)
	}
	rowsA, entA = dump(t, a.c)
	rowsB, entB = dump(t, b.c)
	if rowsA != rowsB || entA != entB {
		t.Errorf("after the choice the laptops differ")
	}
}

// An entry changed on its way (here: a row's content) is refused whole,
// naming the entry, and nothing of the batch is applied.
func TestTeamIncomingRefusesTampered(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "alice"))
	a, err := Open(ctx, filepath.Join(root, "A.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	photos := filepath.Join(root, "photos")
	os.MkdirAll(photos, 0o755)
	testkit.WriteJPEGs(t, photos, "a.jpg")
	if _, err := a.Import(ctx, []string{photos}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetHub(ctx, HubInfo{DB: "postgres://hub/x", Store: "http://hub/x", Member: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddNote(ctx, 1, "original text"); err != nil {
		t.Fatal(err)
	}
	out, err := a.Outgoing(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	last := &out[len(out)-1]
	for i, r := range last.Rows {
		if strings.HasPrefix(r.Ref, "notes/") {
			last.Rows[i].Data = []byte(strings.Replace(string(r.Data), "original text", "forged text", 1))
		}
	}
	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "bob"))
	b, err := Clone(ctx, filepath.Join(root, "B.exhibit"), a.ID())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	_, err = b.Incoming(ctx, out)
	if err == nil || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), short(last.Hash)) {
		t.Fatalf("Incoming of a forged row: %v, want a refusal naming entry %s", err, short(last.Hash))
	}
	var n int
	b.rd.QueryRow(`SELECT count(*) FROM audit`).Scan(&n)
	if n != 0 {
		t.Errorf("%d entries kept from a refused batch", n)
	}
}

// Each note and mark says who made it (in a team case, which investigator).
func TestTeamNoteAuthors(t *testing.T) {
	ctx := context.Background()
	c := openTestCase(t)
	photos := t.TempDir()
	testkit.WriteJPEGs(t, photos, "a.jpg")
	if _, err := c.Import(ctx, []string{photos}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c.SetProgram("exhibit test")
	if _, err := c.AddNote(ctx, 1, "a note"); err != nil {
		t.Fatal(err)
	}
	ns, err := c.Notes(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 1 || !strings.HasSuffix(ns[0].Author, ", exhibit test") {
		t.Errorf("note author: %+v, want the actor of the note.add entry", ns)
	}
	c.SetProgram("exhibit marks")
	if _, err := c.AddAnnotations(ctx, []Annotation{{ImageID: 1, Kind: KindRect, Points: []Point{{0.1, 0.1}, {0.5, 0.5}}}}); err != nil {
		t.Fatal(err)
	}
	as, err := c.Annotations(ctx, AnnotationScope{ImageID: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || !strings.HasSuffix(as[0].Author, ", exhibit marks") {
		t.Errorf("mark author: %+v, want the actor of the entry that drew it", as)
	}
}

// The entries a case pulls from its hub are not "changed elsewhere" for
// the program that pulled them (it shows them itself); another program
// with the case open sees them.
func TestTeamPulledNotElsewhere(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "alice"))
	a, err := Open(ctx, filepath.Join(root, "A.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.SetHub(ctx, HubInfo{DB: "postgres://hub/x", Store: "http://hub/x", Member: 1}); err != nil {
		t.Fatal(err)
	}
	out, err := a.Outgoing(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "bob"))
	dir := filepath.Join(root, "B.exhibit")
	b, err := Clone(ctx, dir, a.ID())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	other, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	mark, err := b.AuditMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Incoming(ctx, out); err != nil {
		t.Fatal(err)
	}
	es, _, err := b.ChangesElsewhere(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 0 {
		t.Errorf("the pulling program sees %d of its pulled entries as changed elsewhere", len(es))
	}
	es, _, err = other.ChangesElsewhere(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != len(out) {
		t.Errorf("another program sees %d entries changed elsewhere, want the %d pulled", len(es), len(out))
	}
}
