package viewer

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Drawing of the layer: the shapes are rasterised at the screen's
// resolution (see layerRenderer), labels and callout numbers are Fyne
// text, selection handles Fyne rectangles.
const (
	handleSize = 10.0
	// maxTextSize caps the size labels are drawn at, in Fyne units: at a
	// huge zoom a label keeps its tag but its text stops growing, instead
	// of making a texture of hundreds of megabytes.
	maxTextSize = 160.0
)

// caret is shown after a text being typed.
const caret = "|"

// shown returns the marks as they are to be drawn: the stored ones with a
// mark being moved or resized replaced by its draft, then the mark being
// drawn, clicked or typed.
func (l *AnnotationLayer) shown() []catalog.Annotation {
	out := make([]catalog.Annotation, 0, len(l.anns)+1)
	editing := l.drag.kind == dragMove || l.drag.kind == dragResize
	for _, a := range l.anns {
		if editing && a.ID == l.drag.orig.ID {
			a = l.drag.draft
		}
		out = append(out, a)
	}
	if l.drag.kind == dragDraw {
		out = append(out, l.drag.draft)
	}
	switch l.edit.kind {
	case editPolyline:
		d := cloneAnn(l.edit.draft)
		if p := l.toImage(l.hover); l.hovering && onImage(p) && len(d.Points) > 0 {
			d.Points = append(d.Points, clampPt(p))
		}
		if len(d.Points) == 1 {
			d.Points = append(d.Points, d.Points[0]) // a dot
		}
		if len(d.Points) >= 2 {
			out = append(out, d)
		}
	case editText:
		d := cloneAnn(l.edit.draft)
		d.Label += caret
		out = append(out, d)
	}
	return out
}

// selectedShown returns the selected mark as drawn (its draft while it is
// moved or resized).
func (l *AnnotationLayer) selectedShown() (catalog.Annotation, bool) {
	a, ok := l.Selected()
	if ok && (l.drag.kind == dragMove || l.drag.kind == dragResize) && l.drag.orig.ID == a.ID {
		a = l.drag.draft
	}
	return a, ok
}

// CreateRenderer is a private method to Fyne which links this widget to
// its renderer.
func (l *AnnotationLayer) CreateRenderer() fyne.WidgetRenderer {
	r := &layerRenderer{l: l}
	l.rend = r
	r.Refresh()
	return r
}

// layerRenderer draws each mark's shape in a raster of its own, made at
// the screen's resolution when the mark or the zoom changes and only moved
// when the view pans (Fyne keeps its texture); a mark much larger than the
// view (zoomed in) is drawn clipped to the view, each time.
type layerRenderer struct {
	l       *AnnotationLayer
	marks   []*markRaster
	tags    []*canvas.Rectangle
	texts   []*canvas.Text
	handles []*canvas.Rectangle
	objs    []fyne.CanvasObject
	nMarks  int
	nTags   int
	nTexts  int
	nHandle int
	z       vector.Rasterizer
}

// markRaster is the raster of one mark's shape.
type markRaster struct {
	r *canvas.Raster
	// what it was drawn for: the mark, the size the image is shown at,
	// where the image's origin is relative to the raster (Fyne units),
	// and whether it was clipped to the view
	a       catalog.Annotation
	iw, ih  float64
	org     vec
	clipped bool
	valid   bool
	buf     *image.RGBA
	z       *vector.Rasterizer
}

// paint draws the mark's shape at w×h device pixels.
func (m *markRaster) paint(w, h int) image.Image {
	if m.buf == nil || m.buf.Rect.Dx() != w || m.buf.Rect.Dy() != h {
		m.buf = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(m.buf.Pix)
	}
	s := m.r.Size()
	if s.Width <= 0 || s.Height <= 0 {
		return m.buf
	}
	kx, ky := float64(w)/float64(s.Width), float64(h)/float64(s.Height)
	f := shapeFrame{m.org.X * kx, m.org.Y * ky, m.iw * kx, m.ih * ky}
	for _, fl := range shapeFills(f, m.a) {
		fl.paint(m.buf, m.z)
	}
	return m.buf
}

func (r *layerRenderer) Destroy() {}

func (r *layerRenderer) MinSize() fyne.Size { return r.l.MinSize() }

func (r *layerRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *layerRenderer) Layout(fyne.Size) {}

// frame returns where the image is shown, in Fyne units.
func (r *layerRenderer) frame() shapeFrame {
	pos, size := r.l.z.ImageRect()
	return shapeFrame{float64(pos.X), float64(pos.Y), float64(size.Width), float64(size.Height)}
}

// paint draws the shapes of every mark shown at w×h device pixels over
// the whole layer (for tests).
func (r *layerRenderer) paint(w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	s := r.l.Size()
	f := r.frame()
	kx, ky := float64(w)/float64(s.Width), float64(h)/float64(s.Height)
	paintShapes(dst, shapeFrame{f.ox * kx, f.oy * ky, f.w * kx, f.h * ky}, r.l.shown(), &r.z)
	return dst
}

// placeMark puts the raster of mark a, shown in f, over the layer of the
// given size, unless it is off the view.
func (r *layerRenderer) placeMark(a catalog.Annotation, f shapeFrame, size fyne.Size) {
	fills := shapeFills(f, a)
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range fills {
		if x0, y0, x1, y1, ok := fills[i].bounds(); ok {
			bx0, by0 = math.Min(bx0, x0), math.Min(by0, y0)
			bx1, by1 = math.Max(bx1, x1), math.Max(by1, y1)
		}
	}
	W, H := float64(size.Width), float64(size.Height)
	bx0, by0, bx1, by1 = bx0-2, by0-2, bx1+2, by1+2
	if !(bx1 > 0 && by1 > 0 && bx0 < W && by0 < H) {
		return
	}
	clipped := (bx1-bx0)*(by1-by0) > 2*W*H
	if clipped {
		bx0, by0, bx1, by1 = math.Max(bx0, -1), math.Max(by0, -1), math.Min(bx1, W+1), math.Min(by1, H+1)
	}
	if r.nMarks == len(r.marks) {
		m := &markRaster{z: &r.z}
		m.r = canvas.NewRaster(m.paint)
		r.marks = append(r.marks, m)
	}
	m := r.marks[r.nMarks]
	r.nMarks++
	// snap the raster onto device pixels, so that it is not resampled
	sc := float64(canvasScale(r.l))
	snap := func(v float64) float64 { return math.Floor(v*sc) / sc }
	pos := fyne.NewPos(float32(snap(bx0)), float32(snap(by0)))
	sz := fyne.NewSize(float32(math.Ceil((bx1-float64(pos.X))*sc)/sc), float32(math.Ceil((by1-float64(pos.Y))*sc)/sc))
	same := m.valid && !clipped && !m.clipped && m.iw == f.w && m.ih == f.h && sameAnn(m.a, a) && m.r.Size() == sz
	if same {
		// only the view moved: move the drawing with the image
		m.r.Move(fyne.NewPos(float32(snap(f.ox-m.org.X+1e-9)), float32(snap(f.oy-m.org.Y+1e-9))))
		return
	}
	m.a, m.iw, m.ih, m.clipped, m.valid = cloneAnn(a), f.w, f.h, clipped, true
	m.org = vec{X: f.ox - float64(pos.X), Y: f.oy - float64(pos.Y)}
	m.r.Move(pos)
	m.r.Resize(sz)
	m.r.Refresh()
}

func (r *layerRenderer) Refresh() {
	l := r.l
	r.nMarks, r.nTags, r.nTexts, r.nHandle = 0, 0, 0, 0
	f := r.frame()
	size := l.Size()
	shown := l.shown()
	visible := func(x0, y0, x1, y1 float64) bool {
		return x1 >= 0 && y1 >= 0 && x0 <= float64(size.Width) && y0 <= float64(size.Height)
	}
	if f.w > 0 && f.h > 0 {
		for _, a := range shown {
			if !drawable(a) {
				continue
			}
			if a.Kind != catalog.KindText {
				r.placeMark(a, f, size)
			}
			if a.Kind == catalog.KindCallout {
				s, ts, c, rad := calloutText(f, a)
				if visible(c.X-rad, c.Y-rad, c.X+rad, c.Y+rad) {
					t := r.text(s, math.Min(ts, maxTextSize), annot.Contrast(annot.ColorOf(a)), true)
					t.Alignment = fyne.TextAlignCenter
					t.Move(fyne.NewPos(float32(c.X-rad), float32(c.Y-rad)))
					t.Resize(fyne.NewSize(float32(2*rad), float32(2*rad)))
				}
			}
		}
		// labels over every shape, as when burnt in
		for _, a := range shown {
			lb, ok := layoutLabel(f, a)
			if !ok || !visible(lb.x0, lb.y0, lb.x1, lb.y1) {
				continue
			}
			c := annot.ColorOf(a)
			tag := r.tag(c, 0.2*lb.size)
			tag.Move(fyne.NewPos(float32(lb.x0), float32(lb.y0)))
			tag.Resize(fyne.NewSize(float32(lb.x1-lb.x0), float32(lb.y1-lb.y0)))
			for i, line := range lb.lines {
				t := r.text(line, math.Min(lb.size, maxTextSize), annot.Contrast(c), false)
				t.Alignment = fyne.TextAlignLeading
				if lb.size > maxTextSize {
					t.Alignment = fyne.TextAlignCenter
				}
				t.Move(fyne.NewPos(float32(lb.x0+lb.padX), float32(lb.y0+lb.padY+float64(i)*lb.lineH)))
				t.Resize(fyne.NewSize(float32(lb.x1-lb.x0-2*lb.padX), float32(lb.lineH)))
			}
		}
		if a, ok := l.selectedShown(); ok && l.drag.kind != dragDraw {
			for _, p := range annot.Handles(a) {
				q := l.z.ImageToWidget(p)
				h := r.handle()
				h.Move(fyne.NewPos(q.X-handleSize/2, q.Y-handleSize/2))
			}
		}
	}
	for _, m := range r.marks[r.nMarks:] {
		m.valid = false
		m.buf = nil // unused: let its memory go
	}
	r.objs = r.objs[:0]
	for _, m := range r.marks[:r.nMarks] {
		r.objs = append(r.objs, m.r)
	}
	for _, t := range r.tags[:r.nTags] {
		r.objs = append(r.objs, t)
	}
	for _, t := range r.texts[:r.nTexts] {
		r.objs = append(r.objs, t)
	}
	for _, h := range r.handles[:r.nHandle] {
		r.objs = append(r.objs, h)
	}
	for _, o := range r.objs[r.nMarks:] {
		o.Refresh()
	}
}

// tag returns the next label tag of the pool.
func (r *layerRenderer) tag(c color.Color, radius float64) *canvas.Rectangle {
	if r.nTags == len(r.tags) {
		r.tags = append(r.tags, canvas.NewRectangle(nil))
	}
	t := r.tags[r.nTags]
	r.nTags++
	t.FillColor, t.CornerRadius = c, float32(radius)
	return t
}

// text returns the next text of the pool.
func (r *layerRenderer) text(s string, size float64, c color.Color, bold bool) *canvas.Text {
	if r.nTexts == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	t := r.texts[r.nTexts]
	r.nTexts++
	t.Text, t.Color, t.TextSize, t.TextStyle = s, c, float32(size), fyne.TextStyle{Bold: bold}
	return t
}

// handle returns the next selection handle of the pool.
func (r *layerRenderer) handle() *canvas.Rectangle {
	if r.nHandle == len(r.handles) {
		h := canvas.NewRectangle(color.White)
		h.StrokeColor = color.NRGBA{0x20, 0x20, 0x20, 0xff}
		h.StrokeWidth = 1.5
		h.Resize(fyne.NewSize(handleSize, handleSize))
		r.handles = append(r.handles, h)
	}
	h := r.handles[r.nHandle]
	r.nHandle++
	return h
}
