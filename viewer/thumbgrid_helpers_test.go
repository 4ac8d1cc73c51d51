package viewer

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakeSource is a ThumbSource over ids whose thumbnails come from memory. It
// counts the calls to Thumb, can hold them until released, and can fail
// some.
type fakeSource struct {
	ids  []int64
	gate chan struct{} // when not nil, Thumb waits for it to close (or ctx)
	fail map[int64]bool

	mu        sync.Mutex
	calls     map[int64]int
	cancelled map[int64]int
	started   chan int64 // when not nil, receives each ID whose load starts
}

func newFakeSource(n int) *fakeSource {
	s := &fakeSource{calls: map[int64]int{}, cancelled: map[int64]int{}}
	for i := range n {
		s.ids = append(s.ids, int64(1000+i))
	}
	return s
}

// filtered returns a source over the IDs of s that keep accepts, sharing
// its counters.
func (s *fakeSource) filtered(keep func(int64) bool) *fakeSource {
	f := &fakeSource{gate: s.gate, fail: s.fail, calls: map[int64]int{}, cancelled: map[int64]int{}}
	for _, id := range s.ids {
		if keep(id) {
			f.ids = append(f.ids, id)
		}
	}
	return f
}

func (s *fakeSource) Len() int             { return len(s.ids) }
func (s *fakeSource) ID(i int) int64       { return s.ids[i] }
func (s *fakeSource) Caption(i int) string { return fmt.Sprintf("IMG_%d.jpg", s.ids[i]) }

func (s *fakeSource) Thumb(ctx context.Context, id int64) (image.Image, error) {
	s.mu.Lock()
	s.calls[id]++
	started := s.started
	s.mu.Unlock()
	if started != nil {
		started <- id
	}
	if s.gate != nil {
		select {
		case <-s.gate:
		case <-ctx.Done():
			s.mu.Lock()
			s.cancelled[id]++
			s.mu.Unlock()
			return nil, ctx.Err()
		}
	}
	if s.fail[id] {
		return nil, errors.New("decode thumbnail: unexpected EOF")
	}
	return thumbFor(id), nil
}

func (s *fakeSource) callCounts() (calls, cancelled map[int64]int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	calls, cancelled = map[int64]int{}, map[int64]int{}
	for k, v := range s.calls {
		calls[k] = v
	}
	for k, v := range s.cancelled {
		cancelled[k] = v
	}
	return calls, cancelled
}

var thumbPalette = sync.OnceValue(func() []*image.RGBA {
	var out []*image.RGBA
	for k := range 8 {
		w, h := 256, 192
		if k%4 == 3 {
			w, h = 144, 192 // portrait
		}
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				img.SetRGBA(x, y, color.RGBA{uint8(40 + 25*k), uint8(255 * y / h), uint8(255 * x / w), 255})
			}
		}
		out = append(out, img)
	}
	return out
})

// thumbFor returns the thumbnail of id, shared between calls.
func thumbFor(id int64) *image.RGBA { return thumbPalette()[id%8] }

// newTestGrid shows a grid over src in an unpadded test window of w×h.
func newTestGrid(t testing.TB, src ThumbSource, opts ThumbGridOptions, w, h float32) (*ThumbGrid, fyne.Window, *uiQueue) {
	t.Helper()
	q := newQueuedApp(t)
	g := NewThumbGrid(src, opts)
	win := test.NewTempWindow(t, g)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return g, win, q
}

// shownCells returns the cells the GridWrap shows, by item index.
func shownCells(g *ThumbGrid) map[int]*thumbCell {
	out := map[int]*thumbCell{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *thumbCell:
			out[o.index] = o
		case *fyne.Container:
			for _, ch := range o.Objects {
				walk(ch)
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(o).Objects() {
				walk(ch)
			}
		}
	}
	walk(g)
	return out
}

// allShown reports whether every cell on screen shows its thumbnail or
// its error.
func allShown(g *ThumbGrid) bool {
	cells := shownCells(g)
	for _, c := range cells {
		if c.state == cellLoading {
			return false
		}
	}
	return len(cells) > 0
}

// cellFor returns the cell showing item i, failing the test if it is not
// on screen.
func cellFor(t *testing.T, g *ThumbGrid, i int) *thumbCell {
	t.Helper()
	c, ok := shownCells(g)[i]
	if !ok {
		t.Fatalf("item %d is not on screen", i)
	}
	return c
}

// objectAt returns the deepest object under pos (canvas coordinates) that
// matches, as Fyne's desktop driver picks the receiver of a click.
func objectAt(c fyne.Canvas, pos fyne.Position, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	var found fyne.CanvasObject
	var walk func(o fyne.CanvasObject, origin fyne.Position)
	walk = func(o fyne.CanvasObject, origin fyne.Position) {
		if !o.Visible() {
			return
		}
		p := origin.Add(o.Position())
		s := o.Size()
		if pos.X < p.X || pos.Y < p.Y || pos.X >= p.X+s.Width || pos.Y >= p.Y+s.Height {
			return
		}
		if match(o) {
			found = o
		}
		var children []fyne.CanvasObject
		switch o := o.(type) {
		case *fyne.Container:
			children = o.Objects
		case fyne.Widget:
			children = test.WidgetRenderer(o).Objects()
		}
		for _, ch := range children {
			walk(ch, p)
		}
	}
	walk(c.Content(), fyne.Position{})
	return found
}
