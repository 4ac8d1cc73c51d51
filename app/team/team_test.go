package team

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/hub"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

func TestStateText(t *testing.T) {
	now := time.Date(2026, 12, 7, 16, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		synced  string
		waiting int
		want    string
	}{
		{"", 0, "Never synced · nothing waiting"},
		{"2026-12-07T15:59:40Z", 1, "Synced just now · 1 change waiting"},
		{"2026-12-07T15:35:00Z", 12, "Synced 25 min ago · 12 changes waiting"},
		{"2026-12-06T10:00:00Z", 0, "Synced 30 h ago · nothing waiting"},
		{"2026-12-01T10:00:00Z", 0, "Synced 6 days ago · nothing waiting"},
	} {
		if got := StateText(catalog.HubInfo{Synced: tc.synced}, tc.waiting, now); got != tc.want {
			t.Errorf("StateText(%q, %d) = %q, want %q", tc.synced, tc.waiting, got, tc.want)
		}
	}
}

func TestResultText(t *testing.T) {
	for _, tc := range []struct {
		r    hub.Result
		want []string
	}{
		{hub.Result{Pushed: 1, Pulled: 3}, []string{"Synced: 1 change sent, 3 changes received."}},
		{hub.Result{Conflicts: 2, OriginalsUp: 4}, []string{"4 originals up, 0 down", "2 rows were changed here and by someone else"}},
		{hub.Result{Missing: []hub.MissingObject{{}}, HubBehind: true}, []string{"1 original is missing", "restored from an older backup"}},
	} {
		got := ResultText(&tc.r)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("ResultText(%+v) = %q, lacks %q", tc.r, got, w)
			}
		}
	}
}

func TestRowText(t *testing.T) {
	got := RowText(map[string]any{"id": int64(3), "notes": "seen from the north bank", "title": "the bridge", "updated_at": "x", "not_before": nil})
	if got != "notes: seen from the north bank\ntitle: the bridge" {
		t.Errorf("RowText = %q", got)
	}
	if RowText(nil) != "(removed)" {
		t.Errorf("RowText(nil) = %q", RowText(nil))
	}
}

// conflictedCase makes a team case in which two laptops changed one
// pair's notes while apart, and returns Bob's side, which holds the
// conflict, with the pair's id.
func conflictedCase(t *testing.T) (*catalog.Case, int64) {
	t.Helper()
	ctx := context.Background()
	root := t.TempDir()
	photos := filepath.Join(root, "photos")
	os.MkdirAll(photos, 0o755)
	testkit.WriteJPEGs(t, photos, "a.jpg", "b.jpg")
	info := func(m int64) catalog.HubInfo {
		return catalog.HubInfo{DB: "postgres://hub.invalid/case", Store: "http://hub.invalid:8333/case", Member: m}
	}
	push := func(c *catalog.Case, log *[]catalog.WireEntry) {
		out, err := c.Outgoing(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var hs []string
		for _, e := range out {
			hs = append(hs, e.Hash)
		}
		*log = append(*log, out...)
		if err := c.MarkSent(ctx, hs); err != nil {
			t.Fatal(err)
		}
	}
	var log []catalog.WireEntry
	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "alice"))
	a, err := catalog.Open(ctx, filepath.Join(root, "A.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	a.SetProgram("exhibit")
	if _, err := a.Import(ctx, []string{photos}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := a.AddPair(ctx, 1, 2, catalog.PairOptions{Title: "the bridge"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetHub(ctx, info(1)); err != nil {
		t.Fatal(err)
	}
	push(a, &log)
	keys, _ := a.Keys(ctx)

	t.Setenv("EXHIBIT_CONFIG_DIR", filepath.Join(root, "bob"))
	b, err := catalog.Clone(ctx, filepath.Join(root, "B.exhibit"), a.ID())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if err := b.AddKeys(ctx, keys); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Incoming(ctx, log); err != nil {
		t.Fatal(err)
	}
	if err := b.SetHub(ctx, info(2)); err != nil {
		t.Fatal(err)
	}
	n := "seen from the south bank"
	if _, err := b.UpdatePair(ctx, p.ID, catalog.PairUpdate{Notes: &n}); err != nil {
		t.Fatal(err)
	}
	n2 := "seen from the north bank"
	if _, err := a.UpdatePair(ctx, p.ID, catalog.PairUpdate{Notes: &n2}); err != nil {
		t.Fatal(err)
	}
	from := len(log)
	push(a, &log)
	if res, err := b.Incoming(ctx, log[from:]); err != nil || res.Conflicts != 1 {
		t.Fatalf("bob pulls alice's change: %+v, %v; want one conflict", res, err)
	}
	return b, p.ID
}

// A team case with a conflict: the bar says so; the conflicts dialog shows
// both versions with who made them; taking one settles the conflict, the
// row takes that version and the bar no longer shows a conflict.
func TestBarShowsAndSettlesConflicts(t *testing.T) {
	c, pairID := conflictedCase(t)
	h := apptest.NewHost(t)
	b := New(h)
	s := ui.NewSession(c)
	t.Cleanup(func() { h.Q.Settle(); s.Cancel(); h.Q.Settle() })
	h.Win.SetContent(b.Content)
	b.SetCase(s)
	h.Q.WaitUntil(t, "the team bar", func() bool { return b.Content.Visible() && b.conflicts.Visible() })
	if b.conflicts.Text != "1 conflict" {
		t.Errorf("conflict button %q", b.conflicts.Text)
	}
	if !strings.HasPrefix(b.state.Text, "Never synced · ") || !strings.Contains(b.state.Text, "waiting") {
		t.Errorf("state %q", b.state.Text)
	}

	b.ShowConflicts()
	var take *widget.Button
	h.Q.WaitUntil(t, "the conflicts dialog", func() bool {
		top := h.Win.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		texts := strings.Join(apptest.Texts(top), "\n")
		if !strings.Contains(texts, "notes: seen from the south bank") || !strings.Contains(texts, "notes: seen from the north bank") {
			return false
		}
		// Take Alice's version: Bob found the conflict, his own version
		// comes first.
		var takes []*widget.Button
		apptest.Walk(top, func(o fyne.CanvasObject) {
			if bt, ok := o.(*widget.Button); ok && bt.Text == "Take this version" {
				takes = append(takes, bt)
			}
		})
		if len(takes) == 2 {
			take = takes[1]
		}
		return take != nil
	})
	test.Tap(take)
	h.Q.WaitUntil(t, "the conflict settled", func() bool { return !b.conflicts.Visible() })
	p, err := c.Pair(context.Background(), pairID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Notes != "seen from the north bank" {
		t.Errorf("pair notes %q after taking alice's version", p.Notes)
	}
	if h.Changes == 0 {
		t.Errorf("the window was not told the case changed")
	}
}
