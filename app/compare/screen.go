package compare

import (
	"github.com/exhibit-app/exhibit/app/marks"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// compareScreen shows a before/after pair in a CompareView: side by side
// (with the annotation layers), swipe, blend, difference or flicker, all
// following the pair's alignment; point picking to align it; the list of
// pairs on the left, the pair's details, marks and alignment on the right.
type compareScreen struct {
	host     Host
	settings Settings
	s        *ui.Session

	content fyne.CanvasObject
	cv      *viewer.CompareView
	pairs   *pairsPanel
	modes   *modeBar
	tools   *marks.Toolbar
	marks   *marks.Panel
	info    *pairInfo
	align   *alignPanel
	side    *container.AppTabs
	title   *widget.Label
	window  *widget.Label
	zoomPct *widget.Label
	notice  *widget.Label
	blank   *fyne.Container
	blankTx *widget.Label
	bars    *fyne.Container // the mode and annotation bars, hidden with no pair
	zoomBox fyne.CanvasObject
	view    *fyne.Container

	data    *compareData // the pair shown
	want    int64        // the pair being opened
	load    ui.Latest
	detail  [2]ui.Latest
	store   *marks.Store
	order   marks.UndoOrder
	noticeT *time.Timer
	// zoomTries counts the retries of showZoom since the last change.
	zoomTries int
}

// compareData is what the compare screen reads about a pair.
type compareData struct {
	pair *catalog.Pair
	ims  [2]*catalog.Image
	imgs [2]image.Image // upright previews
	anns [2][]catalog.Annotation
	tr   *annot.Transform
	// trErr says why the stored alignment cannot be applied.
	trErr error
}

func newCompareScreen(host Host, settings Settings, s *ui.Session) *compareScreen {
	cs := &compareScreen{host: host, settings: settings, s: s, cv: viewer.NewCompareView()}
	cs.store = &marks.Store{Session: s, Changed: func() { host.Changed(cs) }, Stored: cs.order.Made}
	layers := cs.layers()
	for _, l := range layers {
		cs.store.Attach(l)
		l.OnSelectionChanged = func(a *catalog.Annotation) { cs.selectionChanged(l, a) }
		l.OnHistoryChanged = cs.historyChanged
		l.OnError = cs.markError
	}
	cs.cv.OnModeChanged = cs.modeChanged
	cs.cv.OnViewChanged = func(viewer.View) { cs.showZoom() }
	cs.cv.OnDetailWanted = cs.loadDetail
	cs.cv.OnError = func(err error) { cs.showNotice(ui.ErrorText(err)) }
	cs.cv.OnAlignmentChanged = func(a *catalog.Alignment) { cs.align.fitted(a) }

	cs.title = widget.NewLabel("")
	cs.title.TextStyle.Bold = true
	cs.title.Truncation = fyne.TextTruncateEllipsis
	cs.window = widget.NewLabel("")
	cs.window.SizeName = theme.SizeNameCaptionText
	cs.window.Truncation = fyne.TextTruncateEllipsis
	cs.zoomPct = widget.NewLabel("")
	cs.zoomPct.Alignment = fyne.TextAlignTrailing
	cs.notice = widget.NewLabel("")
	cs.notice.Wrapping = fyne.TextWrapWord
	cs.notice.Importance = widget.WarningImportance
	cs.notice.Hide()

	cs.modes = newModeBar(cs)
	cs.tools = marks.NewToolbar(settings, layers, marks.Actions{Undo: cs.Undo, Redo: cs.Redo, Delete: cs.DeleteMark})
	cs.marks = marks.NewPanel([]marks.Side{{Name: "Before", Layer: layers[0]}, {Name: "After", Layer: layers[1]}}, cs.markError)
	cs.marks.OnSelect = func(l *viewer.AnnotationLayer, _ int64) {
		if cs.cv.Mode() != viewer.ModeSideBySide {
			cs.cv.SetMode(viewer.ModeSideBySide)
		}
	}
	cs.info = newPairInfo(cs)
	cs.align = newAlignPanel(cs)
	cs.pairs = newPairsPanel(cs)

	cs.zoomBox = cs.zoomBar()
	header := container.NewBorder(nil, nil, nil, cs.zoomBox,
		container.NewVBox(cs.title, cs.window))
	// the bars scroll rather than hold the window wide
	cs.bars = container.NewVBox(container.NewHScroll(cs.modes.content), container.NewHScroll(cs.tools.View))
	top := container.NewVBox(header, cs.bars)
	bg := ui.NewThemedRect(theme.ColorNameInputBackground, 0)
	cs.blankTx = widget.NewLabel("")
	cs.blankTx.Alignment = fyne.TextAlignCenter
	cs.blank = container.NewCenter(cs.blankTx)
	cs.blank.Hide()
	cs.view = container.NewStack(bg, cs.cv)
	stage := container.NewBorder(top, container.NewVBox(cs.notice, cs.tools.Hint), nil, nil, container.NewStack(cs.view, cs.blank))

	cs.side = container.NewAppTabs(
		container.NewTabItemWithIcon("Pair", theme.InfoIcon(), cs.info.content),
		container.NewTabItemWithIcon("Marks", theme.DocumentCreateIcon(), cs.marks.View),
		container.NewTabItemWithIcon("Align", theme.ViewRestoreIcon(), cs.align.content),
	)
	right := container.NewHSplit(container.NewPadded(stage), cs.side)
	right.Offset = 0.75
	split := container.NewHSplit(container.NewHScroll(cs.pairs.content), right)
	split.Offset = 0.18
	cs.content = split

	mode := settings.CompareMode()
	cs.cv.SetMode(mode)
	cs.modes.show(mode)
	cs.enableTools()
	cs.showPair()
	return cs
}

// layers returns the annotation layers of the two sides.
func (cs *compareScreen) layers() []*viewer.AnnotationLayer {
	return []*viewer.AnnotationLayer{cs.cv.Layer(viewer.SideBefore), cs.cv.Layer(viewer.SideAfter)}
}

// zoomBar returns the zoom buttons.
func (cs *compareScreen) zoomBar() fyne.CanvasObject {
	act := func(f func(z *viewer.ZoomView)) func() {
		return func() { f(cs.cv.ActiveView()); cs.showZoom() }
	}
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), act((*viewer.ZoomView).ZoomOut))
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), act((*viewer.ZoomView).ZoomIn))
	fit := widget.NewButton("Fit", act((*viewer.ZoomView).Fit))
	for _, b := range []*widget.Button{out, in, fit} {
		b.Importance = widget.LowImportance
	}
	return container.NewHBox(out, container.New(ui.WidthLayout{Width: 64}, cs.zoomPct), in, fit)
}

// showZoom writes the zoom of the view worked in. The overlay view knows
// it once its first composition is shown: until then it asks again a few
// times.
func (cs *compareScreen) showZoom() {
	if p := cs.cv.ActiveView().ZoomPercent(); p > 0 {
		cs.zoomPct.SetText(fmt.Sprintf("%.0f %%", p))
		cs.zoomTries = 0
		return
	}
	cs.zoomPct.SetText("")
	if cs.zoomTries < 20 && cs.data != nil {
		cs.zoomTries++
		time.AfterFunc(150*time.Millisecond, func() { fyne.Do(cs.retryZoom) })
	}
}

func (cs *compareScreen) retryZoom() {
	if cs.zoomTries > 0 {
		cs.showZoom()
	}
}

// Content returns the screen.
func (cs *compareScreen) Content() fyne.CanvasObject { return cs.content }

// Open shows t's pair; without one, the pair shown last or the first.
func (cs *compareScreen) Open(t ui.Target) {
	cs.cv.Show()
	cs.pairs.loadOnce()
	switch {
	case t.PairID != 0 && (cs.data == nil || cs.data.pair.ID != t.PairID):
		cs.openPair(t.PairID)
	case cs.data == nil && cs.want == 0:
		cs.pairs.openFirst = true
	}
}

// Hidden is called when another screen is shown: what is typed is stored,
// and the flicker stops.
func (cs *compareScreen) Hidden() {
	cs.marks.Flush()
	cs.cv.Hide()
}

// Reload reads the pairs, and the pair shown, again.
func (cs *compareScreen) Reload() {
	cs.pairs.reload()
	if cs.data != nil && cs.want == 0 {
		cs.fetch(cs.data.pair.ID)
	}
}

// Close stops the loads.
func (cs *compareScreen) Close() {
	cs.marks.Flush()
	cs.load.Stop()
	for i := range cs.detail {
		cs.detail[i].Stop()
	}
	cs.pairs.close()
	cs.cv.Hide()
	if cs.noticeT != nil {
		cs.noticeT.Stop()
	}
}

// openPair shows the pair with this id, once what is pending on the pair
// shown (an unsaved alignment) is settled.
func (cs *compareScreen) openPair(id int64) {
	if cs.data != nil && cs.data.pair.ID == id && cs.want == 0 {
		return
	}
	cs.align.settle(func() {
		cs.marks.Flush()
		cs.fetch(id)
	})
}

// fetch reads pair id in the background: its previews when they are not
// those shown, its annotations and alignment always.
func (cs *compareScreen) fetch(id int64) {
	c := cs.s.Case
	prev := cs.data
	cs.want = id
	if prev == nil || prev.pair.ID != id {
		cs.title.SetText("Loading…")
	}
	ui.Load(&cs.load, cs.s.Ctx, func(ctx context.Context) (*compareData, error) {
		return fetchCompare(ctx, c, id, prev)
	}, func(d *compareData) {
		cs.want = 0
		cs.update(d)
	}, func(err error) {
		cs.want = 0
		if cs.data == nil {
			cs.title.SetText("")
		} else {
			cs.showHeader()
		}
		if errors.Is(err, catalog.ErrNotFound) {
			cs.pairs.openFirst = cs.data == nil // show another instead
			cs.pairs.reload()
		}
		ui.ShowError(cs.host.Window(), fmt.Sprintf("Could not open pair %d", id), err)
	})
}

// fetchCompare reads a pair, its images, annotations and alignment, and
// the previews unless prev shows the same images.
func fetchCompare(ctx context.Context, c *catalog.Case, id int64, prev *compareData) (*compareData, error) {
	p, err := c.Pair(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &compareData{pair: p}
	for i, imID := range []int64{p.BeforeID, p.AfterID} {
		if d.ims[i], err = c.Image(ctx, imID); err != nil {
			return nil, err
		}
	}
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{PairID: id, WithImages: true})
	if err != nil {
		return nil, err
	}
	for _, a := range anns {
		for i, im := range d.ims {
			if a.ImageID == im.ID {
				d.anns[i] = append(d.anns[i], *a)
			}
		}
	}
	if p.Alignment != nil {
		t, err := annot.TransformOf(p.Alignment)
		if err != nil {
			d.trErr = err
		} else {
			d.tr = &t
		}
	}
	if prev != nil && prev.ims[0].ID == d.ims[0].ID && prev.ims[1].ID == d.ims[1].ID && prev.imgs[0] != nil && prev.imgs[1] != nil {
		d.imgs = prev.imgs
		return d, nil
	}
	for i, im := range d.ims {
		if !im.Decoded {
			return nil, fmt.Errorf("the %s image, %s, cannot be shown here (%s): %s", viewer.Side(i), im.Name(), im.Format, im.MetaNote)
		}
		path, err := c.Preview(ctx, im)
		if err != nil {
			return nil, fmt.Errorf("the %s image, %s: %s", viewer.Side(i), im.Name(), ui.OriginalProblem(im, err))
		}
		if d.imgs[i], err = ui.DecodeFile(path); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// update shows what fetch read.
func (cs *compareScreen) update(d *compareData) {
	prev := cs.data
	cs.data = d
	newPair := prev == nil || prev.pair.ID != d.pair.ID
	if prev == nil || prev.imgs != d.imgs {
		for i := range cs.detail {
			cs.detail[i].Stop()
		}
		cs.cv.SetImages(d.imgs[0], d.imgs[1])
		for i, im := range d.ims {
			w, h := im.UprightSize()
			cs.cv.SetFullSize(viewer.Side(i), w, h)
		}
		cs.cv.SetView(viewer.FitView)
	}
	if !cs.align.dirty() {
		if err := cs.cv.SetTransform(d.tr); err != nil {
			d.trErr = err
		}
	}
	if d.trErr != nil {
		cs.showNotice("The stored alignment cannot be applied (" + ui.ErrorText(d.trErr) + "); the images are shown unaligned. Align the pair again.")
	}
	cs.marks.Flush() // what is typed for a mark is stored before the marks are replaced
	for i, l := range cs.layers() {
		if newPair || !marks.Same(l.Annotations(), d.anns[i]) {
			l.Load(d.ims[i].ID, d.pair.ID, d.anns[i])
		}
	}
	if newPair {
		cs.order.Reset()
		cs.align.pairChanged()
	}
	cs.historyChanged()
	cs.marks.RefreshList()
	cs.showPair()
	cs.pairs.showSelected(d.pair.ID)
	cs.settings.SetLastPair(d.pair.ID)
}

// showPair shows the pair's title, window, details, or that there is none.
func (cs *compareScreen) showPair() {
	if cs.data == nil {
		cs.title.SetText("")
		cs.window.SetText("")
		cs.view.Hide()
		cs.bars.Hide()
		cs.zoomBox.Hide()
		cs.tools.Hint.Hide()
		cs.zoomPct.SetText("")
		cs.blankTx.SetText("No pair shown.\n\nMake one in the library: select two images\nof the same place " +
			"(Ctrl+click), then Make a pair (Ctrl+P).\nThe pairs are listed on the left.")
		cs.blank.Show()
		cs.info.show(nil)
		cs.align.show()
		return
	}
	cs.view.Show()
	cs.bars.Show()
	cs.zoomBox.Show()
	cs.tools.Hint.Show()
	cs.blank.Hide()
	cs.showHeader()
	cs.info.show(cs.data)
	cs.align.show()
	cs.showZoom()
}

func (cs *compareScreen) showHeader() {
	p := cs.data.pair
	cs.title.SetText(p.Title)
	cs.window.SetText(fmt.Sprintf("Pair %d · %s · %s", p.ID, ui.WindowText(p.NotBefore, p.NotAfter), ui.AlignedText(p)))
}

// modeChanged follows the view's mode (set by a button or a key).
func (cs *compareScreen) modeChanged(m viewer.CompareMode) {
	cs.zoomTries = 0
	cs.modes.show(m)
	cs.settings.SetCompareMode(m)
	cs.enableTools()
	cs.align.show()
	cs.showZoom()
}

// enableTools enables the annotation toolbar in side-by-side mode only.
func (cs *compareScreen) enableTools() {
	switch {
	case cs.cv.Aligning():
		cs.tools.SetEnabled(false, "Aligning: marks are hidden while points are placed.")
	case cs.cv.Mode() != viewer.ModeSideBySide:
		cs.tools.SetEnabled(false, "Marks are drawn and shown side by side only: press 1 or choose Side by side.")
	default:
		cs.tools.SetEnabled(true, "")
	}
	cs.historyChanged()
}

// selectionChanged keeps one mark selected across the two sides and shows
// it in the Marks panel.
func (cs *compareScreen) selectionChanged(l *viewer.AnnotationLayer, a *catalog.Annotation) {
	if a != nil {
		for _, o := range cs.layers() {
			if o != l {
				if _, sel := o.Selected(); sel {
					o.ClearSelection()
				}
			}
		}
		cs.side.SelectIndex(1)
	}
	cs.marks.SelectionChanged(l, a)
	cs.historyChanged()
}

// historyChanged enables Undo, Redo and Delete.
func (cs *compareScreen) historyChanged() {
	undo, redo, sel := false, false, false
	for _, l := range cs.layers() {
		undo = undo || l.CanUndo()
		redo = redo || l.CanRedo()
		_, s := l.Selected()
		sel = sel || s
	}
	cs.tools.SetHistory(undo, redo, sel)
	cs.marks.RefreshList()
}

// markError shows a mark the catalog refused or that cannot be made.
func (cs *compareScreen) markError(err error) {
	if errors.Is(err, annot.ErrInvalid) || errors.Is(err, catalog.ErrNotFound) {
		cs.showNotice(ui.ErrorText(err))
		return
	}
	ui.ShowError(cs.host.Window(), "The mark was not saved", err)
}

// showNotice shows a passing message under the view.
func (cs *compareScreen) showNotice(msg string) {
	cs.notice.SetText(msg)
	cs.notice.Show()
	if cs.noticeT != nil {
		cs.noticeT.Stop()
	}
	cs.noticeT = time.AfterFunc(8*time.Second, func() { fyne.Do(cs.notice.Hide) })
}

// sideBySide reports whether marks can be edited, saying why not.
func (cs *compareScreen) sideBySide() bool {
	if cs.data == nil {
		return false
	}
	if cs.cv.Mode() != viewer.ModeSideBySide || cs.cv.Aligning() {
		cs.showNotice("Marks are edited side by side: press 1 (and finish aligning first).")
		return false
	}
	return true
}

// Undo undoes the latest change of a mark, on either side.
func (cs *compareScreen) Undo() {
	if !cs.sideBySide() {
		return
	}
	cs.marks.Flush()
	cs.store.Replaying = true
	_, _, err := cs.order.Undo(cs.layers())
	cs.store.Replaying = false
	if err != nil {
		cs.markError(err)
	}
	cs.historyChanged()
}

// Redo redoes the latest change undone.
func (cs *compareScreen) Redo() {
	if !cs.sideBySide() {
		return
	}
	cs.store.Replaying = true
	_, _, err := cs.order.Redo(cs.layers())
	cs.store.Replaying = false
	if err != nil {
		cs.markError(err)
	}
	cs.historyChanged()
}

// DeleteMark deletes the selected mark.
func (cs *compareScreen) DeleteMark() {
	if !cs.sideBySide() {
		return
	}
	for _, l := range cs.layers() {
		if _, ok := l.Selected(); ok {
			cs.marks.Flush()
			if err := l.Delete(); err != nil {
				cs.markError(err)
			}
		}
	}
}

// TypedRune chooses the mode (1 to 5), zooms (+ - 0) and starts aligning
// (A) when no widget has the focus.
func (cs *compareScreen) TypedRune(r rune) {
	if cs.data == nil {
		return
	}
	z := cs.cv.ActiveView()
	switch {
	case r >= '1' && r <= '5':
		cs.cv.SetMode(viewer.CompareMode(r - '1'))
	case r == '+' || r == '=':
		z.ZoomIn()
	case r == '-' || r == '_':
		z.ZoomOut()
	case r == '0':
		z.Fit()
	case r == 'a' || r == 'A':
		if !cs.cv.Aligning() {
			cs.align.start()
		}
		return
	default:
		return
	}
	cs.showZoom()
}

// TypedKey steps the flicker (Space), moves the swipe divider (left and
// right), and ends aligning or deselects (Escape) when no widget has the
// focus.
func (cs *compareScreen) TypedKey(ev *fyne.KeyEvent) {
	if cs.data == nil {
		return
	}
	switch ev.Name {
	case fyne.KeySpace:
		cs.cv.FlickerStep()
	case fyne.KeyLeft, fyne.KeyRight:
		if cs.cv.Mode() == viewer.ModeSwipe {
			step := 0.02
			if ev.Name == fyne.KeyLeft {
				step = -step
			}
			cs.cv.SetSwipe(cs.cv.Swipe() + step)
		}
	case fyne.KeyEscape:
		if cs.cv.Aligning() {
			cs.align.cancel()
			return
		}
		for _, l := range cs.layers() {
			l.ClearSelection()
		}
	}
}
