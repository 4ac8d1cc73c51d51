package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"testing"
)

// TestCSVCarriesNotes: the catalog's CSV keeps its columns in place and
// adds "notes" (the investigators' notes on each image, a deleted one
// left out) and "link_notes" (the notes of its links, an unlinked one left
// out), each joined with " | "; "note" stays the metadata's note.
func TestCSVCarriesNotes(t *testing.T) {
	ctx := context.Background()
	c, img := caseWithImage(t)
	r, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Excerpts(ctx, r.Report.ID, false)
	if err != nil || len(es) < 2 {
		t.Fatalf("%d excerpts, %v", len(es), err)
	}
	for _, n := range []string{"shadows point to late afternoon", "gone"} {
		if _, err := c.AddNote(ctx, img, n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.AddNote(ctx, img, "second photo, same roof\nseen from the east"); err != nil {
		t.Fatal(err)
	}
	ns, _ := c.Notes(ctx, img)
	if err := c.DeleteNote(ctx, ns[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddLink(ctx, img, es[0].ID, "the bakery", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddLink(ctx, img, es[1].ID, "", nil); err != nil {
		t.Fatal(err)
	}

	var buf bytes.Buffer
	if _, err := c.WriteCSV(ctx, &buf, Filter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v %v", rows, err)
	}
	head := []string{"id", "sha256", "paths", "format", "width", "height", "orientation", "taken_at", "make", "model", "lens",
		"lat", "lon", "alt", "direction", "gps_time", "size", "links", "tags", "note", "notes", "link_notes"}
	if !slices.Equal(rows[0], head) {
		t.Fatalf("columns %q, want %q", rows[0], head)
	}
	im, err := c.Image(ctx, img)
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string { return rows[1][slices.Index(head, name)] }
	for _, tc := range []struct{ column, want string }{
		{"note", im.MetaNote},
		{"notes", "shadows point to late afternoon | second photo, same roof\nseen from the east"},
		{"link_notes", "the bakery"},
		{"links", "2"},
	} {
		if got := col(tc.column); got != tc.want {
			t.Errorf("column %s: %q, want %q", tc.column, got, tc.want)
		}
	}
}
