package viewer

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Alignment picking: in side-by-side mode the user clicks a point on one
// image, then the same place on the other, and so on. The pairs are shown
// numbered on both sides; from 3 pairs on, an affine alignment is fitted
// (annot.FitAlignment) and each point shows its residual, in pixels of the
// before image. A point is dragged to correct it, selected by a click and
// deleted with Delete; Escape drops a pair still waiting for its second
// point. A drag off the points pans.

// alignPair is a before point and an after point; one may be missing
// while the user is placing the pair.
type alignPair struct{ pt [2]*catalog.Point }

func (p alignPair) complete() bool { return p.pt[0] != nil && p.pt[1] != nil }

type alignPicker struct {
	cv       *CompareView
	pairs    []alignPair
	sel      int // selected pair, or -1
	overlays [2]*alignOverlay
	fit      *catalog.Alignment
	status   string
}

// StartAlignment shows side by side the points of al (nil to start
// afresh) over the two images, for the user to place, move and delete
// point pairs; each change that gives a new alignment is reported to
// OnAlignmentChanged and applied. While no alignment is fitted the two
// sides pan and zoom independently.
func (cv *CompareView) StartAlignment(al *catalog.Alignment) {
	if cv.picker != nil {
		cv.StopAlignment()
	}
	cv.SetMode(ModeSideBySide)
	p := &alignPicker{cv: cv, sel: -1}
	if al != nil && len(al.Before) == len(al.After) {
		for i := range al.Before {
			b, a := al.Before[i], al.After[i]
			p.pairs = append(p.pairs, alignPair{pt: [2]*catalog.Point{&b, &a}})
		}
		c := cloneAlignment(al)
		p.fit = c
	}
	for s := range p.overlays {
		p.overlays[s] = newAlignOverlay(p, Side(s))
		cv.sides[s].SetOverlay(p.overlays[s])
	}
	cv.picker = p
	p.updateStatus()
	p.refresh()
}

// StopAlignment ends the point picking and shows the annotation layers
// again; the alignment stays.
func (cv *CompareView) StopAlignment() {
	if cv.picker == nil {
		return
	}
	cv.picker = nil
	for s := range cv.sides {
		cv.sides[s].SetOverlay(cv.layers[s])
	}
	cv.SetLinked(cv.linked)
	cv.Refresh()
}

// Aligning reports whether point picking is on.
func (cv *CompareView) Aligning() bool { return cv.picker != nil }

// ResetAlignment forgets every point pair and the alignment:
// OnAlignmentChanged gets nil and the images are shown unaligned.
func (cv *CompareView) ResetAlignment() {
	if p := cv.picker; p != nil {
		p.pairs, p.sel, p.fit = nil, -1, nil
		p.updateStatus()
		p.refresh()
	}
	if err := cv.SetTransform(nil); err != nil {
		cv.fail(err)
	}
	if f := cv.OnAlignmentChanged; f != nil {
		f(nil)
	}
}

// AlignmentStatus describes the point pairs and the fit, for a status
// line ("" when not aligning).
func (cv *CompareView) AlignmentStatus() string {
	if cv.picker == nil {
		return ""
	}
	return cv.picker.status
}

// AlignmentPoints returns the complete point pairs placed, before and
// after.
func (cv *CompareView) AlignmentPoints() (before, after []catalog.Point) {
	if cv.picker == nil {
		return nil, nil
	}
	return cv.picker.points()
}

// points returns the complete pairs' points, before and after.
func (p *alignPicker) points() (before, after []catalog.Point) {
	for _, pr := range p.pairs {
		if pr.complete() {
			before = append(before, *pr.pt[0])
			after = append(after, *pr.pt[1])
		}
	}
	return before, after
}

func cloneAlignment(a *catalog.Alignment) *catalog.Alignment {
	c := *a
	c.M = slices.Clone(a.M)
	c.After, c.Before, c.Residuals = slices.Clone(a.After), slices.Clone(a.Before), slices.Clone(a.Residuals)
	return &c
}

// place puts a point on side s: it completes or corrects the pair waiting
// for a point, or starts a new pair.
func (p *alignPicker) place(s Side, pt catalog.Point) {
	pt = clampPt(pt)
	if n := len(p.pairs); n > 0 && !p.pairs[n-1].complete() {
		p.pairs[n-1].pt[s] = &pt
		p.sel = n - 1
	} else {
		var pr alignPair
		pr.pt[s] = &pt
		p.pairs = append(p.pairs, pr)
		p.sel = len(p.pairs) - 1
	}
	p.changed()
}

// remove deletes pair i.
func (p *alignPicker) remove(i int) {
	if i < 0 || i >= len(p.pairs) {
		return
	}
	p.pairs = slices.Delete(p.pairs, i, i+1)
	p.sel = -1
	p.changed()
}

// changed fits the alignment again and reports it when it differs.
func (p *alignPicker) changed() {
	cv := p.cv
	before, after := p.points()
	var fit *catalog.Alignment
	var fitErr error
	if len(before) >= 3 {
		f := cv.fullSize(SideBefore)
		fit, fitErr = annot.FitAlignment(after, before, f.X, f.Y)
	}
	same := (fit == nil && p.fit == nil) || (fit != nil && p.fit != nil &&
		slices.Equal(fit.M, p.fit.M) && slices.Equal(fit.Before, p.fit.Before) && slices.Equal(fit.After, p.fit.After))
	p.fit = fit
	p.updateStatus()
	if fitErr != nil {
		p.status = fmt.Sprintf("%d point pairs: %v", len(before), fitErr)
	}
	if !same {
		var t *annot.Transform
		if fit != nil {
			tr, err := annot.TransformOf(fit)
			if err != nil {
				cv.fail(err)
			} else {
				t = &tr
			}
		}
		if err := cv.SetTransform(t); err != nil {
			cv.fail(err)
		}
		if f := cv.OnAlignmentChanged; f != nil {
			if fit != nil {
				fit = cloneAlignment(fit)
			}
			f(fit)
		}
	}
	p.refresh()
}

func (p *alignPicker) updateStatus() {
	n := 0
	for _, pr := range p.pairs {
		if pr.complete() {
			n++
		}
	}
	switch {
	case p.fit != nil:
		p.status = fmt.Sprintf("%d point pairs, RMS residual %.1f px", n, annot.RMS(p.fit.Residuals))
	case n < 3:
		p.status = fmt.Sprintf("%d of at least 3 point pairs: click a point on one image, then the same place on the other", n)
	default:
		p.status = fmt.Sprintf("%d point pairs", n)
	}
}

// residual returns pair i's residual in pixels of the before image, when
// a fit exists.
func (p *alignPicker) residual(i int) (float64, bool) {
	if p.fit == nil || !p.pairs[i].complete() {
		return 0, false
	}
	j := 0
	for k := range i {
		if p.pairs[k].complete() {
			j++
		}
	}
	if j >= len(p.fit.Residuals) {
		return 0, false
	}
	return p.fit.Residuals[j], true
}

func (p *alignPicker) refresh() {
	for _, o := range p.overlays {
		if o != nil {
			o.Refresh()
		}
	}
	p.cv.Refresh() // the status caption
}

// alignOverlay shows and edits the points of one side.
type alignOverlay struct {
	widget.BaseWidget
	p        *alignPicker
	side     Side
	pressed  bool
	pressPos fyne.Position
	grabbed  int // pair being dragged, -1 none, -2 panning
	started  bool
}

var (
	_ fyne.Tappable     = (*alignOverlay)(nil)
	_ fyne.Draggable    = (*alignOverlay)(nil)
	_ fyne.Focusable    = (*alignOverlay)(nil)
	_ desktop.Mouseable = (*alignOverlay)(nil)
)

// pointReach is how close to a point a click or a drag takes it.
const pointReach = 10

func newAlignOverlay(p *alignPicker, s Side) *alignOverlay {
	o := &alignOverlay{p: p, side: s, grabbed: -1}
	o.ExtendBaseWidget(o)
	return o
}

func (o *alignOverlay) z() *ZoomView { return o.p.cv.sides[o.side] }

// pointAt returns the pair whose point on this side is at pos, or -1.
func (o *alignOverlay) pointAt(pos fyne.Position) int {
	best, bestD := -1, float32(pointReach)
	for i, pr := range o.p.pairs {
		if pt := pr.pt[o.side]; pt != nil {
			q := o.z().ImageToWidget(*pt)
			if d := float32(math.Hypot(float64(q.X-pos.X), float64(q.Y-pos.Y))); d <= bestD {
				best, bestD = i, d
			}
		}
	}
	return best
}

// MouseDown takes the focus.
func (o *alignOverlay) MouseDown(ev *desktop.MouseEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		c.Focus(o)
	}
	o.pressed, o.pressPos = true, ev.Position
}

// MouseUp ends a press.
func (o *alignOverlay) MouseUp(*desktop.MouseEvent) { o.pressed = false }

// Tapped selects the point clicked, or places one.
func (o *alignOverlay) Tapped(ev *fyne.PointEvent) {
	if i := o.pointAt(ev.Position); i >= 0 {
		o.p.sel = i
		o.p.refresh()
		return
	}
	if pt := o.z().WidgetToImage(ev.Position); onImage(pt) {
		o.p.place(o.side, pt)
	}
}

// Dragged moves a point, or pans.
func (o *alignOverlay) Dragged(ev *fyne.DragEvent) {
	if !o.started {
		o.started = true
		start := ev.Position.Subtract(ev.Dragged)
		if o.pressed {
			start = o.pressPos
		}
		o.grabbed = o.pointAt(start)
		if o.grabbed < 0 {
			o.grabbed = -2
		} else {
			o.p.sel = o.grabbed
		}
	}
	if o.grabbed == -2 {
		o.z().Dragged(ev)
		return
	}
	if o.grabbed >= 0 && o.grabbed < len(o.p.pairs) {
		pt := clampPt(o.z().WidgetToImage(ev.Position))
		o.p.pairs[o.grabbed].pt[o.side] = &pt
		o.p.refresh()
	}
}

// DragEnd fits again after a point moved.
func (o *alignOverlay) DragEnd() {
	switch {
	case o.grabbed == -2:
		o.z().DragEnd()
	case o.grabbed >= 0:
		o.p.changed()
	}
	o.grabbed, o.started = -1, false
}

// FocusGained is needed by fyne.Focusable.
func (o *alignOverlay) FocusGained() {}

// FocusLost is needed by fyne.Focusable.
func (o *alignOverlay) FocusLost() {}

// TypedRune goes to the view.
func (o *alignOverlay) TypedRune(r rune) { o.z().TypedRune(r) }

// TypedKey deletes the selected pair (Delete, Backspace) or drops a
// waiting pair (Escape); other keys go to the view.
func (o *alignOverlay) TypedKey(ev *fyne.KeyEvent) {
	p := o.p
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		p.remove(p.sel)
	case fyne.KeyEscape:
		if n := len(p.pairs); n > 0 && !p.pairs[n-1].complete() {
			p.remove(n - 1)
			return
		}
		p.sel = -1
		p.refresh()
	default:
		o.z().TypedKey(ev)
	}
}

// Colours of the points.
var (
	pointColor    = color.NRGBA{0xff, 0xeb, 0x3b, 0xff} // a complete pair
	pendingColor  = color.NRGBA{0xff, 0x98, 0x00, 0xff} // waiting for its other point
	selectedColor = color.NRGBA{0x00, 0xe5, 0xff, 0xff}
)

func (o *alignOverlay) CreateRenderer() fyne.WidgetRenderer {
	r := &alignRenderer{o: o}
	r.Refresh()
	return r
}

type alignRenderer struct {
	o    *alignOverlay
	objs []fyne.CanvasObject
}

func (r *alignRenderer) Destroy()                     {}
func (r *alignRenderer) MinSize() fyne.Size           { return fyne.NewSize(1, 1) }
func (r *alignRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *alignRenderer) Layout(fyne.Size)             {}

// Refresh draws each point as a ring with a cross, its number and, once
// fitted, its residual.
func (r *alignRenderer) Refresh() {
	o := r.o
	r.objs = r.objs[:0]
	for i, pr := range o.p.pairs {
		pt := pr.pt[o.side]
		if pt == nil {
			continue
		}
		c := pointColor
		if !pr.complete() {
			c = pendingColor
		}
		if i == o.p.sel {
			c = selectedColor
		}
		q := o.z().ImageToWidget(*pt)
		const rad = 7
		shadow := canvas.NewCircle(color.Transparent)
		shadow.StrokeColor, shadow.StrokeWidth = color.NRGBA{0, 0, 0, 0xa0}, 4
		ring := canvas.NewCircle(color.Transparent)
		ring.StrokeColor, ring.StrokeWidth = c, 2
		for _, ci := range []*canvas.Circle{shadow, ring} {
			ci.Move(fyne.NewPos(q.X-rad, q.Y-rad))
			ci.Resize(fyne.NewSize(2*rad, 2*rad))
		}
		h := canvas.NewLine(c)
		h.StrokeWidth = 1
		h.Position1, h.Position2 = fyne.NewPos(q.X-rad-4, q.Y), fyne.NewPos(q.X+rad+4, q.Y)
		v := canvas.NewLine(c)
		v.StrokeWidth = 1
		v.Position1, v.Position2 = fyne.NewPos(q.X, q.Y-rad-4), fyne.NewPos(q.X, q.Y+rad+4)
		label := fmt.Sprint(i + 1)
		if res, ok := o.p.residual(i); ok {
			label += fmt.Sprintf(" · %.1f px", res)
		}
		txt := canvas.NewText(label, c)
		txt.TextSize = 13
		txt.TextStyle.Bold = true
		ts := txt.MinSize()
		bg := canvas.NewRectangle(color.NRGBA{0, 0, 0, 0xa0})
		bg.CornerRadius = 3
		at := fyne.NewPos(q.X+rad+4, q.Y-rad-4-ts.Height)
		bg.Move(at)
		bg.Resize(fyne.NewSize(ts.Width+8, ts.Height))
		txt.Move(at.Add(fyne.NewPos(4, 0)))
		txt.Resize(ts)
		r.objs = append(r.objs, shadow, ring, h, v, bg, txt)
	}
	for _, obj := range r.objs {
		obj.Refresh()
	}
}
