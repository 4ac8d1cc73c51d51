package viewer

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// clickAt presses and releases the primary button at pos (canvas
// coordinates) on the object Fyne's desktop driver gives the click to,
// and returns it.
func clickAt(t *testing.T, win fyne.Window, pos fyne.Position) fyne.CanvasObject {
	t.Helper()
	o := objectAt(win.Canvas(), pos, func(o fyne.CanvasObject) bool {
		switch o.(type) {
		case fyne.Tappable, fyne.DoubleTappable, desktop.Mouseable:
			return true
		}
		return false
	})
	m, ok := o.(desktop.Mouseable)
	if !ok {
		t.Fatalf("a click at %v goes to %T", pos, o)
	}
	ev := &desktop.MouseEvent{Button: desktop.MouseButtonPrimary}
	ev.AbsolutePosition = pos
	m.MouseDown(ev)
	m.MouseUp(ev)
	return o
}

// TestThumbGridDoubleClickAcrossRefresh double-clicks a thumbnail while a
// filter's result replaces the grid's content between the two clicks (the
// grid scrolled back to the top, its cells showing other items): the
// image clicked is opened, once. Fyne's driver sends DoubleTapped only
// when both clicks land on the same object.
func TestThumbGridDoubleClickAcrossRefresh(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		name   string
		scroll float32 // rows scrolled down before
		item   int     // the item clicked, counted from the first shown
		keep   func(id int64) bool
	}{
		{"scrolled, filtered", 30, 5, func(id int64) bool { return id%3 == 0 }},
		{"at the top, items before it filtered out", 0, 9, func(id int64) bool { return id%2 == 1 || id == 1009 }},
		{"same place, same item", 0, 4, func(id int64) bool { return true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := newFakeSource(3000)
			at := time.Now()
			clicks := func() time.Time { at = at.Add(100 * time.Millisecond); return at } // clicks 100 ms apart, however slow the test
			g, win, q := newTestGrid(t, src, ThumbGridOptions{Now: clicks}, 700, 500)
			g.ScrollToOffset(tc.scroll * (g.cellSize().Height + 4))
			q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
			first := 1 << 30
			for i := range shownCells(g) {
				first = min(first, i)
			}
			c := cellFor(t, g, first+tc.item)
			want := c.id
			if !tc.keep(want) {
				t.Fatalf("the filter drops the image clicked (%d)", want)
			}
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Add(fyne.NewPos(30, 30))
			var got []int64
			g.OnActivated = func(id int64) { got = append(got, id) }

			o1 := clickAt(t, win, pos)
			g.SetSource(src.filtered(tc.keep)) // the filter's result arrives
			g.ScrollToTop()
			o2 := clickAt(t, win, pos)
			if o1 == o2 {
				o2.(fyne.DoubleTappable).DoubleTapped(&fyne.PointEvent{AbsolutePosition: pos})
			}
			if len(got) != 1 || got[0] != want {
				t.Errorf("double click on %d (%s objects): opened %v", want, map[bool]string{true: "same", false: "two"}[o1 == o2], got)
			}
		})
	}
}
