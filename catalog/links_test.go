package catalog

import (
	"context"
	"errors"
	"testing"
)

// TestUnlinkExcerpt removes every link between an image and one excerpt,
// recording each removal, and leaves the links to other excerpts.
func TestUnlinkExcerpt(t *testing.T) {
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
	for _, l := range []struct {
		excerpt int64
		region  *Region
	}{{es[0].ID, nil}, {es[0].ID, &Region{X: 0.1, Y: 0.1, W: 0.2, H: 0.2}}, {es[1].ID, nil}} {
		if _, err := c.AddLink(ctx, img, l.excerpt, "", l.region); err != nil {
			t.Fatal(err)
		}
	}
	n, err := c.UnlinkExcerpt(ctx, img, es[0].ID)
	if err != nil || n != 2 {
		t.Fatalf("UnlinkExcerpt = %d, %v; want 2 links removed", n, err)
	}
	ls, err := c.Links(ctx, img)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].Excerpt.ID != es[1].ID {
		t.Errorf("links left: %+v; want the one to excerpt %d", ls, es[1].ID)
	}
	audit, err := c.Audit(ctx, imageObject(img))
	if err != nil {
		t.Fatal(err)
	}
	removed := 0
	for _, e := range audit {
		if e.Action == "link.remove" {
			removed++
		}
	}
	if removed != 2 {
		t.Errorf("%d link.remove entries in the audit trail, want 2", removed)
	}
	if n, err := c.UnlinkExcerpt(ctx, img, es[0].ID); !errors.Is(err, ErrNotFound) || n != 0 {
		t.Errorf("second UnlinkExcerpt = %d, %v; want ErrNotFound", n, err)
	}
}
