package viewer

import (
	"context"
	"errors"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ThumbGrid is a scrolling grid of thumbnails with captions over a
// ThumbSource of any length (tens of thousands): it builds on
// widget.GridWrap, so only the cells on screen exist.
//
// Thumbnails are loaded in the background by a few workers, in the order
// the cells appear; a cell scrolled away before its thumbnail arrives
// cancels the load. Loaded thumbnails, scaled for display, are kept in a
// bounded memory cache (ThumbGridOptions). A cell shows a placeholder while
// loading and a broken-image icon with the error's text when the source
// failed.
//
// Selection is a set of IDs: a click selects one item, Ctrl-click (Cmd on
// macOS) toggles one, Shift-click selects the range from the last item
// clicked; a double click or Enter activates the item under the cursor
// (OnActivated). When focused: the arrow keys, Home, End, Page Up and Page
// Down move the cursor and select its item (with Shift: extend the range;
// with Ctrl: move the cursor only), Space selects the cursor's item
// (Ctrl+Space toggles it), Ctrl+A selects everything and Escape clears the
// selection.
//
// ThumbGrid embeds the GridWrap it is built on for layout only: do not
// set the GridWrap's Length, CreateItem, UpdateItem, OnSelected or
// OnUnselected, nor call its Select methods; use the ThumbGrid's.
type ThumbGrid struct {
	widget.GridWrap

	// OnSelectionChanged is called after the selection changed, with the
	// selected IDs in display order.
	OnSelectionChanged func(selected []int64)
	// OnActivated is called on a double click or Enter with the item's ID.
	OnActivated func(id int64)
	// OnSecondaryTapped is called on a right click on an item (after it was
	// selected if it was not), e.g. to show a context menu at ev.
	OnSecondaryTapped func(id int64, ev *fyne.PointEvent)

	opts   ThumbGridOptions
	src    ThumbSource
	index  map[int64]int // ID to position in src
	loader *thumbLoader
	cache  *thumbCache
	jobs   map[int64]*thumbJob
	cells  map[*thumbCell]struct{} // every cell the GridWrap updated
	scale  float32                 // device pixels per unit, for thumbnail boxes

	sel       map[int64]struct{}
	cursor    int64
	hasCursor bool
	anchor    int64
	hasAnchor bool
	focused   bool
	mods      fyne.KeyModifier // modifier keys held, from KeyDown/KeyUp

	sweptLo, sweptHi int

	// gen counts the changes of source; press is the last primary click,
	// timed by opts.Now.
	gen   int
	press thumbPress
}

// NewThumbGrid returns a grid showing src (nil: empty).
func NewThumbGrid(src ThumbSource, opts ThumbGridOptions) *ThumbGrid {
	opts = opts.withDefaults()
	g := &ThumbGrid{
		opts:  opts,
		cache: newThumbCache(opts.CacheItems, opts.CacheBytes),
		jobs:  map[int64]*thumbJob{},
		cells: map[*thumbCell]struct{}{},
		sel:   map[int64]struct{}{},
		scale: 1,
	}
	g.loader = &thumbLoader{workers: opts.Workers, done: g.loaded}
	g.Length = g.length
	g.CreateItem = func() fyne.CanvasObject { return newThumbCell(g) }
	g.UpdateItem = g.updateItem
	g.ExtendBaseWidget(g)
	g.setSource(src)
	return g
}

// SetSource shows another source (e.g. after a filter was applied) and
// keeps the selection of the items still present.
func (g *ThumbGrid) SetSource(src ThumbSource) {
	g.setSource(src)
	g.afterSourceChange()
}

// Refresh redraws the grid after the source's content changed (items
// added, removed, reordered): the selection of items still present is kept.
func (g *ThumbGrid) Refresh() {
	g.setSource(g.src)
	g.afterSourceChange()
}

func (g *ThumbGrid) setSource(src ThumbSource) {
	g.src = src
	n := g.length()
	g.index = make(map[int64]int, n)
	for i := range n {
		g.index[src.ID(i)] = i
	}
}

func (g *ThumbGrid) afterSourceChange() {
	g.gen++
	changed := false
	for id := range g.sel {
		if _, ok := g.index[id]; !ok {
			delete(g.sel, id)
			changed = true
		}
	}
	if _, ok := g.index[g.anchor]; !ok {
		g.hasAnchor = false
	}
	if _, ok := g.index[g.cursor]; !ok && g.hasCursor {
		g.hasCursor = false
	}
	g.sweptLo, g.sweptHi = 0, -1
	g.GridWrap.Refresh()
	if changed {
		g.selectionChanged()
	}
}

// Invalidate forgets the cached thumbnails of ids, which are loaded again
// if shown (e.g. after they were regenerated).
func (g *ThumbGrid) Invalidate(ids ...int64) {
	for _, id := range ids {
		g.cache.remove(id)
		for c := range g.cells {
			if c.id == id {
				g.detach(c)
				c.bound = false
			}
		}
	}
	g.GridWrap.Refresh()
}

// SetThumbSize changes the size of the thumbnails' box (Fyne units).
func (g *ThumbGrid) SetThumbSize(s fyne.Size) {
	if s.Width <= 0 || s.Height <= 0 || s == g.opts.ThumbSize {
		return
	}
	g.opts.ThumbSize = s
	for c := range g.cells {
		g.detach(c)
		c.bound = false
	}
	g.GridWrap.Refresh()
	g.Resize(g.Size()) // recount the columns
}

// ScrollToID scrolls to show the item with the given ID and reports
// whether it is in the source.
func (g *ThumbGrid) ScrollToID(id int64) bool {
	i, ok := g.index[id]
	if ok {
		g.ScrollTo(i)
	}
	return ok
}

func (g *ThumbGrid) length() int {
	if g.src == nil {
		return 0
	}
	return g.src.Len()
}

// cellSize is the size of every cell: the thumbnail box, the caption and
// padding around.
func (g *ThumbGrid) cellSize() fyne.Size {
	th := g.Theme()
	pad := th.Size(theme.SizeNamePadding)
	capH := fyne.MeasureText("Ag", th.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height + 2*th.Size(theme.SizeNameInnerPadding)
	return fyne.NewSize(g.opts.ThumbSize.Width+2*pad, pad+g.opts.ThumbSize.Height+capH)
}

// box returns the thumbnail box in device pixels.
func (g *ThumbGrid) box() image.Point {
	return image.Pt(int(math.Ceil(float64(g.opts.ThumbSize.Width*g.scale))), int(math.Ceil(float64(g.opts.ThumbSize.Height*g.scale))))
}

// updateItem binds cell o to item i (GridWrap's UpdateItem).
func (g *ThumbGrid) updateItem(i widget.GridWrapItemID, o fyne.CanvasObject) {
	c, ok := o.(*thumbCell)
	if !ok || i >= g.length() {
		return
	}
	g.cells[c] = struct{}{}
	g.scale = canvasScale(g)
	id := g.src.ID(i)
	c.index = i
	if c.id != id || !c.bound {
		g.detach(c)
		c.id, c.bound = id, true
		g.fill(c)
	} else if c.job != nil {
		c.job.index = i
	}
	c.setCaption(g.src.Caption(i))
	c.setMarks(g.IsSelected(id), g.hasCursor && g.cursor == id)
	g.sweep()
}

// fill shows the cached thumbnail of c's item or starts loading it.
func (g *ThumbGrid) fill(c *thumbCell) {
	box := g.box()
	if e, ok := g.cache.get(c.id); ok && e.box == box {
		if e.err != nil {
			c.showError(e.err)
		} else {
			c.showThumb(e.img)
		}
		return
	}
	c.showLoading()
	j := g.jobs[c.id]
	if j == nil || j.box != box {
		ctx, cancel := context.WithCancel(context.Background())
		j = &thumbJob{id: c.id, src: g.src, box: box, ctx: ctx, cancel: cancel}
		g.jobs[c.id] = j
		g.loader.enqueue(j)
	}
	j.cells++
	j.index = c.index
	c.job = j
}

// detach stops c waiting for its job, cancelling the job when no other cell
// waits for it.
func (g *ThumbGrid) detach(c *thumbCell) {
	j := c.job
	if j == nil {
		return
	}
	c.job = nil
	j.cells--
	if j.cells <= 0 {
		j.cancel()
		if g.jobs[j.id] == j {
			delete(g.jobs, j.id)
		}
	}
}

// visibleRange returns the indices of the items the GridWrap shows, with a
// row of margin on each side.
func (g *ThumbGrid) visibleRange() (lo, hi int) {
	pad := g.Theme().Size(theme.SizeNamePadding)
	rowH := float64(g.cellSize().Height + pad)
	cols := g.ColumnCount()
	first := int(float64(g.GetScrollOffset()) / rowH)
	rows := int(math.Ceil(float64(g.Size().Height)/rowH)) + 1
	return (first - 1) * cols, (first+rows+1)*cols - 1
}

// sweep cancels the loads of cells scrolled out of view, once per change of
// the visible range.
func (g *ThumbGrid) sweep() {
	lo, hi := g.visibleRange()
	if lo == g.sweptLo && hi == g.sweptHi {
		return
	}
	g.sweptLo, g.sweptHi = lo, hi
	g.loader.atomically(func() {
		for c := range g.cells {
			if c.job != nil && (c.index < lo || c.index > hi) {
				g.detach(c)
				c.bound = false
			}
		}
	})
}

// loaded receives a finished load on the UI goroutine.
func (g *ThumbGrid) loaded(j *thumbJob, img image.Image, err error) {
	if g.jobs[j.id] == j {
		delete(g.jobs, j.id)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	g.cache.put(j.id, thumbEntry{img: img, err: err, box: j.box})
	for c := range g.cells {
		if c.job != j {
			continue
		}
		c.job = nil
		if err != nil {
			c.showError(err)
		} else {
			c.showThumb(img)
		}
	}
}
