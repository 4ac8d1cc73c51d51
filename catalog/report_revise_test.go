package catalog

import (
	"context"
	"testing"
)

// TestRevisedMatchInParagraphOrder gives a new version one paragraph that
// is alike to two paragraphs of the old version: the first of them, in
// paragraph order, takes it as its corrected text (keeping its id) and the
// second is flagged gone, every time.
func TestRevisedMatchInParagraphOrder(t *testing.T) {
	const v1 = "Alpha beta gamma delta epsilon zeta eta theta iota kappa one.\n\n" +
		"Alpha beta gamma delta epsilon zeta eta theta iota kappa two.\n\n" +
		"Unrelated closing words stay the same.\n"
	const v2 = "Alpha beta gamma delta epsilon zeta eta theta iota kappa three.\n\n" +
		"Unrelated closing words stay the same.\n"
	ctx := context.Background()
	for range 8 { // map order would differ between runs
		c := openTestCase(t)
		dir := t.TempDir()
		p := writeReport(t, dir, "r.txt", v1)
		first, err := c.AddReport(ctx, p, ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		old, err := c.Excerpts(ctx, first.Report.ID, false)
		if err != nil || len(old) != 3 {
			t.Fatalf("version 1: %d excerpts, %v", len(old), err)
		}
		writeReport(t, dir, "r.txt", v2)
		second, err := c.AddReport(ctx, p, ReportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if second.Revised != 1 || second.Gone != 1 || second.Kept != 1 || second.Added != 0 {
			t.Fatalf("version 2: kept %d, revised %d, added %d, gone %d; want 1, 1, 0, 1",
				second.Kept, second.Revised, second.Added, second.Gone)
		}
		revised, err := c.Excerpt(ctx, old[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !revised.Revised || revised.Gone || revised.Text != "Alpha beta gamma delta epsilon zeta eta theta iota kappa three." {
			t.Errorf("first paragraph's excerpt %d: revised %v, gone %v, text %q", revised.ID, revised.Revised, revised.Gone, revised.Text)
		}
		gone, err := c.Excerpt(ctx, old[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !gone.Gone || gone.Revised {
			t.Errorf("second paragraph's excerpt %d: gone %v, revised %v; want gone", gone.ID, gone.Gone, gone.Revised)
		}
	}
}
