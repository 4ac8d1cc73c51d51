package ui_test

import (
	"context"
	"fmt"
	"image"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
)

// fakePages renders pages of a made-up document: Letter pages, 100 DPI by
// default; it records what it was asked.
type fakePages struct {
	mu    sync.Mutex
	asked []string // "page@dpi" or "page@dpi+hl"
}

func (f *fakePages) render(_ context.Context, page, dpi int, highlight bool) (*ui.RenderedPage, error) {
	if dpi == 0 {
		dpi = 100
	}
	f.mu.Lock()
	a := fmt.Sprintf("%d@%d", page, dpi)
	if highlight {
		a += "+hl"
	}
	f.asked = append(f.asked, a)
	f.mu.Unlock()
	img := image.NewRGBA(image.Rect(0, 0, dpi*17/2, dpi*11))
	return &ui.RenderedPage{Image: img, Pages: 20, DPI: dpi, Highlighted: highlight, Label: fmt.Sprint("p", page)}, nil
}

func (f *fakePages) renders() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.asked...)
}

// TestPagePane drives the page pane on a made-up document: a page shown
// rendered in the background, the highlight only on its pages, previous
// and next, pages shown again from the cache, which stays at PagesKept;
// zoomed in, the page rendered again finer.
func TestPagePane(t *testing.T) {
	a, q := apptest.NewQueuedApp(t)
	f := &fakePages{}
	p := ui.NewPagePane(context.Background())
	w := a.NewWindow("pane")
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(900, 700))
	defer p.Close()
	doc := ui.PageDoc{Key: "doc", Pages: 20, Highlight: "excerpt 7", From: 3, To: 4, Render: f.render}
	shown := func(page int) *ui.RenderedPage {
		t.Helper()
		q.WaitUntil(t, fmt.Sprint("page ", page), func() bool { return p.Current() != nil && p.Page() == page })
		return p.Current()
	}
	p.Show(doc, 3)
	if rp := shown(3); !rp.Highlighted || p.View.Image() != image.Image(rp.Image) {
		t.Fatalf("page 3: highlighted %v, shown %v", rp.Highlighted, p.View.Image() == image.Image(rp.Image))
	}
	if !strings.Contains(p.Where.Text, "Page 3 of 20 (printed p3)") {
		t.Errorf("the bar says %q", p.Where.Text)
	}
	test.Tap(p.Next)
	shown(4)
	test.Tap(p.Next)
	if rp := shown(5); rp.Highlighted {
		t.Error("page 5 highlighted: the excerpt is on pages 3 and 4")
	}
	test.Tap(p.Prev)
	if p.Page() != 4 || p.Current() == nil {
		t.Error("page 4 not shown again at once, from the cache")
	}
	if got := strings.Join(f.renders(), " "); got != "3@100+hl 4@100+hl 5@100" {
		t.Errorf("rendered %s", got)
	}
	// zoomed in: rendered again finer, at the same size on screen
	base := p.Current()
	for p.View.Scale() < 2 {
		p.View.ZoomIn()
	}
	q.WaitUntil(t, "the page rendered again", func() bool { return p.Shown() != base })
	fine := p.Shown()
	if fine.DPI <= base.DPI || fine.Image.Bounds().Dx() <= base.Image.Bounds().Dx() || !fine.Highlighted {
		t.Errorf("rendered again at %d DPI, %d px wide, highlighted %v; the page was %d DPI, %d px", fine.DPI,
			fine.Image.Bounds().Dx(), fine.Highlighted, base.DPI, base.Image.Bounds().Dx())
	}
	if p.View.Density() <= 1 || p.View.Image() != image.Image(fine.Image) {
		t.Errorf("the finer page is not shown (density %.2f)", p.View.Density())
	}
	// many pages: the cache keeps PagesKept
	p.View.FitWidth()
	for page := 6; page <= 15; page++ {
		p.ShowPage(page)
		shown(page)
	}
	if n := p.Cached(); n != ui.PagesKept {
		t.Errorf("%d pages kept, want %d", n, ui.PagesKept)
	}
	// outside the document: nothing
	p.ShowPage(21)
	if p.Page() != 15 {
		t.Errorf("page 21 of 20 shown (%d)", p.Page())
	}
}
