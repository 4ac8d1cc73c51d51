package catalog

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestExcerptBoxesKeptAtImport: each excerpt of a PDF keeps its words'
// boxes, on its page, inside the page, as many as its words; a paragraph
// that runs over a page keeps boxes on both; a Markdown report's excerpts
// have none.
func TestExcerptBoxesKeptAtImport(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, filepath.Join(t.TempDir(), "Case.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	long := strings.Repeat("The bakery on the market street was struck in the morning and its ovens were destroyed. ", 45)
	path := writePDF(t, t.TempDir(), "r.pdf",
		testPage{text: []string{"A short paragraph of seven words here.", long}},
		testPage{text: []string{"The last paragraph, on page two."}})
	res, err := c.AddReport(ctx, path, ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	across := false
	for _, e := range es {
		bs, err := c.ExcerptBoxes(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(strings.Fields(e.Text)); len(bs) != n {
			t.Errorf("excerpt %d (%q…): %d boxes for %d words", e.ID, e.Text[:min(20, len(e.Text))], len(bs), n)
		}
		pages := map[int]bool{}
		for _, b := range bs {
			pages[b.Page] = true
			if b.Page < e.Page || b.Page > max(e.Page, e.PageEnd) || b.X0 < 0 || b.X1 > 612 || b.Y0 < 0 || b.Y1 > 792 || b.X1 <= b.X0 || b.Y1 <= b.Y0 {
				t.Errorf("excerpt %d on pages %d–%d: box %+v", e.ID, e.Page, e.PageEnd, b)
			}
		}
		across = across || len(pages) == 2
	}
	if !across {
		t.Error("no excerpt runs over a page with boxes on both")
	}
	md, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	mds, err := c.Excerpts(ctx, md.Report.ID, false)
	if err != nil || len(mds) == 0 {
		t.Fatal(err)
	}
	if bs, err := c.ExcerptBoxes(ctx, mds[0].ID); err != nil || len(bs) != 0 {
		t.Errorf("a Markdown excerpt: %d boxes, %v", len(bs), err)
	}
}

// A case made before boxes were kept (schema 11) is migrated: its chain
// still verifies, its excerpts have no boxes (they are found in the
// page's text), and a PDF imported then keeps its boxes in the new table,
// recorded by the chain like any other.
func TestMigrateToExcerptBoxes(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Old.exhibit")
	c, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	md, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	tamper(t, dir, `DROP TABLE excerpt_boxes`, `DROP INDEX excerpts_current`, `PRAGMA user_version = 11`)
	if rep := verifyChainOf(t, dir); !rep.OK() {
		t.Fatalf("migrated case: %s", problemsText(rep))
	}
	c, err = Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	es, err := c.Excerpts(ctx, md.Report.ID, false)
	if err != nil || len(es) == 0 {
		t.Fatalf("excerpts after migration: %v", err)
	}
	if bs, err := c.ExcerptBoxes(ctx, es[0].ID); err != nil || len(bs) != 0 {
		t.Errorf("an excerpt imported before: %d boxes, %v", len(bs), err)
	}
	pdf, err := c.AddReport(ctx, writePDF(t, t.TempDir(), "r.pdf", testPage{text: []string{"A paragraph on the only page."}}), ReportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	es, err = c.Excerpts(ctx, pdf.Report.ID, false)
	if err != nil || len(es) == 0 {
		t.Fatalf("excerpts of the PDF: %v", err)
	}
	if bs, err := c.ExcerptBoxes(ctx, es[0].ID); err != nil || len(bs) != 6 {
		t.Errorf("a PDF imported after the migration: %d boxes, want 6 (%v)", len(bs), err)
	}
	c.Close()
	if rep := verifyChainOf(t, dir); !rep.OK() {
		t.Fatalf("after a PDF kept its boxes: %s", problemsText(rep))
	}
}
