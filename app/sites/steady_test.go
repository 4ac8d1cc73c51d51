package sites

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
)

// Coding image after image rewrites the window's sentence (no window,
// then a line, then two or three) and its problems; the timeline and the
// coding controls stay where they are, under the coder's pointer; and
// the next image not yet coded is selected.
func TestCodingKeepsTheTimelineInPlace(t *testing.T) {
	c := apptest.SampleCase(t)
	ss, h := openSites(t, c)
	ready := func() bool { return ss.data != nil && ss.loading.CancelFunc == nil && ss.showing.CancelFunc == nil }
	h.Q.WaitUntil(t, "the site", ready)
	ss.blind.SetChecked(true)
	h.Q.WaitUntil(t, "the site read blind", func() bool { return ready() && ss.data.report.Blind })
	d := fyne.CurrentApp().Driver()
	// where lays the screen out again (as a window does when what it
	// shows changes size), then tells where the timeline and Code are.
	where := func() (fyne.Position, fyne.Position) {
		for _, w := range []float32{1399, 1400} {
			ss.content.Resize(fyne.NewSize(w, 860))
		}
		return d.AbsolutePositionForObject(ss.tl), d.AbsolutePositionForObject(ss.code)
	}
	tl0, code0 := where()
	states := map[int64]string{3: "intact", 4: "destroyed", 8: "destroyed", 6: "intact"}
	for _, id := range []int64{3, 4, 8, 6} {
		tapItem(t, ss, id)
		ss.states.SetSelected(states[id])
		before := ss.data
		test.Tap(ss.code)
		h.Q.WaitUntil(t, "the site coded", func() bool { return ready() && !ss.working && ss.data != before })
		if tl, code := where(); tl != tl0 || code != code0 {
			t.Errorf("after coding image %d (%q): timeline at %v, Code at %v; were at %v and %v", id, ss.sentence.Text, tl, code, tl0, code0)
		}
		// The next image not yet coded is selected, ready to code.
		if next := ss.selectedImage(); next == nil || next.Image.ID == id || codedBy(next, c.Who()) || ss.states.Selected != "" {
			t.Errorf("after coding image %d: selected %+v, state %q chosen; want the next image not coded, none chosen", id, next, ss.states.Selected)
		}
	}
	// The last code contradicts an earlier one: the sentence and its
	// problems grew, and nothing above moved.
	if ss.problems.Hidden || ss.problems.Text == "" {
		t.Errorf("image 6 intact after image 8 destroyed: no contradiction shown")
	}
}
