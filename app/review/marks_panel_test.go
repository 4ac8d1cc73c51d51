package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/viewer"
)

// TestMarkNoteIsStoredAsTyped types a mark's note key by key in the marks
// panel, the pause's save running between keys, at many widths of the
// field (so that spaces fall where its lines wrap): what is stored, and
// what the field shows, is what was typed.
func TestMarkNoteIsStoredAsTyped(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	tw.q.WaitUntil(t, "the image", func() bool { return r.image.Stage >= ui.StagePreview })
	l := r.image.Layer
	test.Tap(r.tools.Tools[viewer.ToolRect])
	apptest.DragLayer(l, 0.3, 0.3, 0.6, 0.6)
	a, ok := l.Selected()
	if !ok {
		t.Fatal("the mark drawn is not selected")
	}
	const typed = "Roof gone on the east side, consistent with April photo. Seen twice."
	stored := func() string {
		got, err := c.Annotation(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Note
	}
	for w := float32(110); w <= 360; w += 10 {
		p := r.marks
		p.Note.SetText("")
		p.Flush()
		p.Note.Resize(fyne.NewSize(w, p.Note.MinSize().Height))
		tw.win.Canvas().Focus(p.Note)
		for i, ch := range typed {
			p.Note.TypedRune(ch)
			if i%3 == 0 {
				p.Flush() // the pause's timer fires between two keys
			}
		}
		p.Flush()
		if got := stored(); got != typed {
			t.Errorf("width %v: typed %q, stored %q", w, typed, got)
		}
		if p.Note.Text != typed {
			t.Errorf("width %v: typed %q, the field shows %q", w, typed, p.Note.Text)
		}
	}
}
