package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestReviewReloadWhileOpening: the case changes (another screen, an
// import) while the next image is being opened: that image is shown, not
// the one before.
func TestReviewReloadWhileOpening(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	ids := r.order
	if len(ids) < 2 {
		t.Fatalf("%d images in the order", len(ids))
	}
	r.forward() // reads the next image in the background
	r.Reload()  // before it is shown
	tw.q.WaitUntil(t, "the loads to end", func() bool { return r.load.CancelFunc == nil })
	var pixels int64
	if r.image.Image != nil {
		pixels = r.image.Image.ID
	}
	if r.im.ID != ids[1] || r.pos != 1 || pixels != ids[1] {
		t.Errorf("showing image %d (pixels of image %d) at position %d, want image %d", r.im.ID, pixels, r.pos, ids[1])
	}
}

// TestReviewKeepsLabelTypedWhileOpening: a label typed for a mark while
// the next image is being opened is stored, not dropped with the marks.
func TestReviewKeepsLabelTypedWhileOpening(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	first := r.im.ID
	tw.q.WaitUntil(t, "the image", func() bool { return r.image.Stage >= ui.StagePreview })
	test.Tap(r.tools.Tools[viewer.ToolRect])
	apptest.DragLayer(r.image.Layer, 0.2, 0.2, 0.4, 0.4)
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: first})
	if err != nil || len(anns) == 0 {
		t.Fatalf("no mark drawn: %v", err)
	}
	mark := anns[len(anns)-1].ID
	if r.marks.CurID != mark {
		t.Fatalf("the mark panel edits mark %d, not the one drawn (%d)", r.marks.CurID, mark)
	}
	r.forward()
	test.Type(r.marks.Label, "Typed late")
	tw.q.WaitUntil(t, "the next image", func() bool { return r.im.ID != first && r.load.CancelFunc == nil })
	a, err := c.Annotation(ctx, mark)
	if err != nil || a.Label != "Typed late" {
		t.Errorf("label stored %q (%v), want %q", a.Label, err, "Typed late")
	}
}
