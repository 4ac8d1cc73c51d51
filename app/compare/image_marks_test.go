package compare

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"slices"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestImageMarkInItsPair: a mark made on an image itself (in the Review
// screen) is shown in the pairs of the image, the panel saying where it
// belongs.
func TestImageMarkInItsPair(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	p, err := c.Pair(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	made, err := c.AddAnnotations(ctx, []catalog.Annotation{{ImageID: p.BeforeID, Kind: catalog.KindEllipse,
		Points: []catalog.Point{{X: 0.4, Y: 0.4}, {X: 0.6, Y: 0.55}}, Label: "Water tank"}})
	if err != nil {
		t.Fatal(err)
	}
	ell := made[0]
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 2)
	bl := cs.cv.Layer(viewer.SideBefore)
	if !slices.ContainsFunc(bl.Annotations(), func(a catalog.Annotation) bool { return a.ID == ell.ID }) {
		t.Fatal("the image's mark is not shown in its pair")
	}
	if slices.ContainsFunc(cs.cv.Layer(viewer.SideAfter).Annotations(), func(a catalog.Annotation) bool { return a.ID == ell.ID }) {
		t.Error("the before image's mark is shown on the after image")
	}
	bl.Select(ell.ID)
	if !strings.Contains(cs.marks.Scope.Text, "image itself") || cs.marks.Label.Text != "Water tank" {
		t.Errorf("panel: %q, %q", cs.marks.Scope.Text, cs.marks.Label.Text)
	}
}
