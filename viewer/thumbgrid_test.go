package viewer

import (
	"context"
	"image"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestThumbGridLoadsOnlyVisibleCells(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })

	cells := shownCells(g)
	calls, _ := src.callCounts()
	cols := g.ColumnCount()
	rowH := g.cellSize().Height + g.Theme().Size("padding")
	// the rows partly visible, one more row and one item: what GridWrap
	// lays out
	maxCells := (int(math.Ceil(float64(500/rowH)))+1)*cols + 1
	if len(calls) == 0 || len(calls) > maxCells {
		t.Fatalf("%d thumbnails requested, want 1..%d (%d columns)", len(calls), maxCells, cols)
	}
	for id, n := range calls {
		if n != 1 {
			t.Errorf("thumbnail %d requested %d times", id, n)
		}
	}
	for i, c := range cells {
		if calls[src.ID(i)] != 1 {
			t.Errorf("item %d on screen was not requested", i)
		}
		if c.state != cellShown || c.img.Image == nil {
			t.Errorf("item %d: state %v", i, c.state)
		}
	}
	if len(calls) != len(cells) {
		t.Errorf("%d requested for %d cells on screen", len(calls), len(cells))
	}
	// a thumbnail is scaled to fit the box, one pixel per device pixel
	c := cells[0]
	if b := c.img.Image.Bounds(); b.Dx() != 160 || b.Dy() != 120 {
		t.Errorf("thumbnail scaled to %v, want 160x120", b.Size())
	}
}

func TestThumbGridScrollingCancelsLoads(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	src.gate = make(chan struct{})
	src.started = make(chan int64, 100)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{Workers: 1}, 700, 500)
	first := shownCells(g)
	if len(first) < 8 {
		t.Fatalf("only %d cells on screen", len(first))
	}
	inFlight := <-src.started // the one worker holds one load

	g.ScrollToOffset(300 * g.cellSize().Height) // far away
	later := shownCells(g)
	for i := range later {
		if _, ok := first[i]; ok {
			t.Fatalf("item %d still on screen after scrolling", i)
		}
	}
	close(src.gate)
	q.WaitUntil(t, "thumbnails after scrolling", func() bool { return allShown(g) })

	calls, cancelled := src.callCounts()
	if cancelled[inFlight] != 1 {
		t.Errorf("load of %d, scrolled away while loading, was not cancelled", inFlight)
	}
	started := 0
	for i := range first {
		id := src.ID(i)
		started += calls[id]
		if calls[id] != cancelled[id] {
			t.Errorf("item %d scrolled away before loading was loaded anyway", i)
		}
	}
	if started != 1 {
		t.Errorf("%d loads of the %d items scrolled away started, want 1 (the one in flight)", started, len(first))
	}
	for i := range later {
		if calls[src.ID(i)] != 1 {
			t.Errorf("item %d on screen: %d loads, want 1", i, calls[src.ID(i)])
		}
	}
	if len(g.jobs) != 0 {
		t.Errorf("%d jobs left", len(g.jobs))
	}
}

func TestThumbGridCacheIsBounded(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(20000)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{CacheItems: 40}, 700, 500)
	q.WaitUntil(t, "first screen", func() bool { return allShown(g) })
	firstID := src.ID(0)
	rowH := g.cellSize().Height + g.Theme().Size("padding")
	for screen := 1; screen <= 6; screen++ {
		g.ScrollToOffset(float32(screen) * 4 * rowH)
		q.WaitUntil(t, "screen", func() bool { return allShown(g) })
		if n := g.cache.len(); n > 40 {
			t.Fatalf("cache holds %d thumbnails, bound is 40", n)
		}
	}
	g.ScrollToTop()
	q.WaitUntil(t, "top again", func() bool { return allShown(g) })
	calls, _ := src.callCounts()
	if calls[firstID] != 2 {
		t.Errorf("first thumbnail loaded %d times, want 2 (evicted, then loaded again)", calls[firstID])
	}
	// what is still cached is not loaded again
	g.ScrollToOffset(4 * rowH)
	g.ScrollToTop()
	q.WaitUntil(t, "top once more", func() bool { return allShown(g) })
	if calls, _ := src.callCounts(); calls[firstID] != 2 {
		t.Errorf("cached thumbnail loaded again (%d loads)", calls[firstID])
	}
}

func TestThumbCacheEviction(t *testing.T) {
	img := func(w, h int) image.Image { return image.NewRGBA(image.Rect(0, 0, w, h)) }
	tests := []struct {
		name     string
		items    int
		bytes    int64
		puts     []int64
		get      int64 // touched after the puts, before a last put of 99
		wantKept []int64
	}{
		{"by count", 3, 1 << 30, []int64{1, 2, 3}, 1, []int64{1, 3, 99}},
		{"by bytes", 100, 3 * (400 + 64), []int64{1, 2, 3}, 2, []int64{2, 3, 99}},
		{"one item over the bound is kept", 1, 10, []int64{1}, 1, []int64{99}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newThumbCache(tt.items, tt.bytes)
			for _, id := range tt.puts {
				c.put(id, thumbEntry{img: img(10, 10)})
			}
			if _, ok := c.get(tt.get); !ok {
				t.Fatalf("%d not cached", tt.get)
			}
			c.put(99, thumbEntry{img: img(10, 10)})
			var kept []int64
			for _, id := range append(tt.puts, 99) {
				if _, ok := c.items[id]; ok {
					kept = append(kept, id)
				}
			}
			if !slices.Equal(kept, tt.wantKept) {
				t.Errorf("kept %v, want %v", kept, tt.wantKept)
			}
			var sum int64
			for _, el := range c.items {
				sum += el.Value.(*cacheItem).e.bytes
			}
			if sum != c.bytes {
				t.Errorf("byte count %d, entries hold %d", c.bytes, sum)
			}
		})
	}
}

func TestThumbGridShowsErrors(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(50)
	src.fail = map[int64]bool{src.ID(2): true}
	g, _, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	c := cellFor(t, g, 2)
	var shown []string
	for _, l := range c.errText {
		if l.Visible() {
			shown = append(shown, l.Text)
		}
	}
	if c.state != cellBroken || strings.Join(shown, " ") != "decode thumbnail: unexpected EOF" {
		t.Errorf("failed item: state %v, message %q", c.state, shown)
	}
	if e, ok := g.cache.get(src.ID(2)); !ok || e.err == nil {
		t.Error("the error is not remembered: scrolling back would retry at once")
	}
	if ok := cellFor(t, g, 3); ok.state != cellShown {
		t.Errorf("item beside a failure: state %v", ok.state)
	}
}

func TestThumbGridRecoversFromPanickingSource(t *testing.T) {
	test.NewTempApp(t)
	g, _, q := newTestGrid(t, panicSource{newFakeSource(3)}, ThumbGridOptions{}, 700, 300)
	q.WaitUntil(t, "errors", func() bool { return allShown(g) })
	if c := cellFor(t, g, 0); c.state != cellBroken {
		t.Errorf("state %v, want broken", c.state)
	}
}

type panicSource struct{ *fakeSource }

func (panicSource) Thumb(context.Context, int64) (image.Image, error) {
	panic("index out of range in decoder")
}

func TestThumbGridInvalidate(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(100)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	g.Invalidate(src.ID(1))
	q.WaitUntil(t, "reload", func() bool { return allShown(g) })
	calls, _ := src.callCounts()
	if calls[src.ID(1)] != 2 || calls[src.ID(0)] != 1 {
		t.Errorf("loads after Invalidate: invalidated %d (want 2), other %d (want 1)", calls[src.ID(1)], calls[src.ID(0)])
	}
}

func TestThumbGridSetThumbSize(t *testing.T) {
	test.NewTempApp(t)
	src := newFakeSource(500)
	g, _, q := newTestGrid(t, src, ThumbGridOptions{}, 700, 500)
	q.WaitUntil(t, "thumbnails", func() bool { return allShown(g) })
	cols := g.ColumnCount()
	g.SetThumbSize(fyne.NewSize(80, 60))
	q.WaitUntil(t, "small thumbnails", func() bool { return allShown(g) })
	if g.ColumnCount() <= cols {
		t.Errorf("%d columns after halving the thumbnails, was %d", g.ColumnCount(), cols)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	origin := abs(cellFor(t, g, 0))
	for i, c := range shownCells(g) {
		if b := c.img.Image.Bounds(); b.Dx() > 80 || b.Dy() > 60 {
			t.Errorf("item %d shows a %v thumbnail in an 80x60 box", i, b.Size())
		}
		at := abs(c).Subtract(origin)
		wantX := float32(i%g.ColumnCount()) * (g.cellSize().Width + g.Theme().Size("padding"))
		if c.Size() != g.cellSize() || at.X != wantX {
			t.Errorf("item %d cell at %v size %v, want x %v size %v", i, at, c.Size(), wantX, g.cellSize())
		}
	}
}
