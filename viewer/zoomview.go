package viewer

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// Declare conformity with the interfaces ZoomView handles.
var (
	_ fyne.Widget         = (*ZoomView)(nil)
	_ fyne.Scrollable     = (*ZoomView)(nil)
	_ fyne.Draggable      = (*ZoomView)(nil)
	_ fyne.Focusable      = (*ZoomView)(nil)
	_ desktop.Mouseable   = (*ZoomView)(nil)
	_ fyne.DoubleTappable = (*ZoomView)(nil)
)

// ZoomView shows one upright image, zoomable and pannable.
//
// Scale: Zoom is relative to Fit (see View). "100 %" (Actual) means one
// pixel of the original image per device pixel, that is per Fyne unit
// multiplied by the canvas scale (fyne.Canvas.Scale, e.g. 2 on a HiDPI
// screen): the view is then as sharp as the screen allows, whatever the
// user's Fyne scale setting.
//
// Input: the mouse wheel zooms around the cursor, dragging pans, a double
// click toggles between Fit and 100 % around the click. When focused (a
// mouse press on the view, or Tab): + or = zooms in, - out, 0 fits, 1
// shows 100 %, the arrow keys pan.
// The image can never be panned out of view: where it is larger than the
// widget it always covers it, where it is smaller it is centred.
//
// Rendering: only the visible region is drawn, at device resolution, by a
// background goroutine from a pyramid of halvings of the image prepared
// when the image is set; between two frames the previous one is moved and
// scaled on the GPU, so panning a 6000×4000 image stays smooth.
type ZoomView struct {
	widget.BaseWidget

	// OnViewChanged is called after the user, or one of the methods ZoomIn,
	// ZoomOut, Fit, Actual, ZoomAt and PanBy, changed the view; not after
	// SetView, SetImage or a resize. Link two views with
	// a.OnViewChanged = b.SetView and b.OnViewChanged = a.SetView.
	OnViewChanged func(View)

	// OnDetailWanted is called once per image set, when the view starts
	// magnifying the pixels shown (more than one device pixel per pixel)
	// while the original is larger (see SetFullSize): it is the time to
	// load the original in the background and SetImage it. It is also
	// called when the view changed through SetView.
	OnDetailWanted func()

	// OnDetailRegion, when set, is called when the view magnifies the
	// image shown beyond its pixels (see NeedsDetail) over a part that the
	// detail set with SetDetail does not cover at the resolution needed:
	// the app then loads r, a region of the original (the visible part and
	// a margin, in fractions), at scale (pixels wanted per pixel of the
	// original, at most 1; more is fine) in the background, and calls
	// SetDetail. It is called again only when the view leaves the region
	// asked for or needs more resolution, so a drag does not flood the
	// app; a new call supersedes the previous one.
	OnDetailRegion func(r Region, scale float64)

	// OnTypedRune and OnTypedKey, when set, see the keys typed while the
	// view (or an overlay that hands its keys on) has the focus before
	// the view does: returning true means the key was handled.
	OnTypedRune func(r rune) bool
	OnTypedKey  func(ev *fyne.KeyEvent) bool

	img            image.Image
	fullW, fullH   int  // original size; 0 = size of img
	detailAsked    bool // OnDetailWanted was called for this image
	view           View // as requested; effective = geometry().clamp(view)
	overlay        fyne.CanvasObject
	focused        bool
	render         *frameRenderer
	imgGen         uint64 // incremented on each SetImage
	contentGen     uint64 // incremented on each SetImage and setContent
	contentPending bool   // a setContent is being prepared
	pyr            *pyramid
	pyrErr         error
	frame          *canvas.Image
	frameGeom      frameGeom // what frame shows
	frameValid     bool
	border         *canvas.Rectangle
	message        *widget.Label
	requestedFrame frameGeom
	rend           *zoomRenderer

	detail detailState
}

// frameGeom records the view a frame was rendered for, in Fyne units: the
// widget size and the displayed image rectangle.
type frameGeom struct {
	w, h           float64
	ox, oy, dw, dh float64
	scale          float64
	gen            uint64
	dgen           uint64 // detail generation
}

// NewZoomView returns an empty ZoomView; show an image with SetImage.
func NewZoomView() *ZoomView {
	z := &ZoomView{view: FitView}
	z.ExtendBaseWidget(z)
	z.frame = &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleFastest}
	z.render = newFrameRenderer()
	return z
}

// SetImage shows img (already upright), keeping the current View, so that a
// preview can be replaced by the full resolution image without a jump. The
// pixels are prepared in the background; the previous image stays on screen
// until they are ready. A nil img clears the view.
func (z *ZoomView) SetImage(img image.Image) {
	z.img = img
	z.imgGen++
	z.contentGen++
	z.contentPending = false
	z.pyrErr = nil
	z.dropDetail()
	if img == nil {
		z.pyr = nil
		z.frameValid = false
		z.frame.Image = nil
		z.fullW, z.fullH = 0, 0
		z.Refresh()
		return
	}
	z.pyr = nil // the last frame stays on screen until the new pixels are ready
	z.fullW, z.fullH = 0, 0
	z.detailAsked = false
	gen := z.imgGen
	go func() {
		p, err := buildPyramid(img)
		fyne.Do(func() {
			if gen != z.imgGen {
				return
			}
			z.pyr, z.pyrErr = p, err
			if err != nil {
				fyne.LogError("zoom view", err)
				z.frameValid = false
				z.frame.Image = nil
			}
			z.Refresh()
		})
	}()
	z.Refresh()
}

// SetFullSize tells the view the pixel size of the original when the image
// set is a reduced preview: 100 % and ZoomPercent then refer to the
// original's pixels, and OnDetailWanted is called when zooming in beyond
// what the preview can show. Call it after SetImage(preview): SetImage
// resets it to the size of the image set.
func (z *ZoomView) SetFullSize(w, h int) {
	z.fullW, z.fullH = w, h
	z.detailAsked = false
	z.detail.asked = Region{}
	z.Refresh()
	z.checkDetail()
}

// Image returns the image shown, or nil.
func (z *ZoomView) Image() image.Image { return z.img }

// View returns the current view, within the limits.
func (z *ZoomView) View() View { return z.geometry().clamp(z.view) }

// SetView shows v, within the limits (see the ZoomView doc). It does not
// call OnViewChanged, so that linked views do not echo each other.
func (z *ZoomView) SetView(v View) {
	v = v.normal()
	if v == z.view {
		return
	}
	z.view = v
	z.viewUpdated()
	z.checkDetail()
}

// ZoomIn magnifies by a step around the centre.
func (z *ZoomView) ZoomIn() { z.zoomBy(zoomStep) }

// ZoomOut reduces by a step around the centre.
func (z *ZoomView) ZoomOut() { z.zoomBy(1 / zoomStep) }

// Fit shows the whole image.
func (z *ZoomView) Fit() { z.change(FitView) }

// Actual shows the image at 100 %, one original pixel per device pixel,
// around the current centre.
func (z *ZoomView) Actual() {
	g := z.geometry()
	if !g.valid() {
		return
	}
	v := g.clamp(z.view)
	v.Zoom = g.actualZoom()
	z.change(v)
}

// ZoomAt sets the zoom (relative to Fit), keeping the image point under
// the widget position at where it is, as far as the limits allow.
func (z *ZoomView) ZoomAt(zoom float64, at fyne.Position) {
	g := z.geometry()
	if !g.valid() {
		return
	}
	z.change(g.zoomAt(z.view, zoom, float64(at.X), float64(at.Y)))
}

// PanBy moves the image by (dx, dy) Fyne units on screen, as far as the
// limits allow.
func (z *ZoomView) PanBy(dx, dy float32) {
	g := z.geometry()
	if !g.valid() {
		return
	}
	z.change(g.pan(z.view, float64(dx), float64(dy)))
}

// ZoomPercent returns the magnification in percent of the original's
// pixels: 100 when one original pixel covers one device pixel; 0 before the
// view has a size and an image.
func (z *ZoomView) ZoomPercent() float64 {
	g := z.geometry()
	if !g.valid() {
		return 0
	}
	return 100 * g.clamp(z.view).Zoom / g.actualZoom()
}

// NeedsDetail reports whether the view magnifies the pixels shown (more than
// one device pixel each) while the original has more (see SetFullSize).
func (z *ZoomView) NeedsDetail() bool {
	if z.img == nil || z.fullW <= z.img.Bounds().Dx() {
		return false
	}
	g := z.geometry()
	if !g.valid() {
		return false
	}
	shownPerOriginal := float64(z.img.Bounds().Dx()) / float64(z.fullW)
	return z.ZoomPercent()/100 > shownPerOriginal*1.001
}

// SetOverlay places o above the image, covering the whole widget (it is
// resized with it and refreshed after every change of the view). An
// annotation layer draws with ImageToWidget and reads pointer positions with
// WidgetToImage. An overlay that handles drags or scrolls takes them from
// the view; it can hand them back by calling Dragged, DragEnd or Scrolled.
// Nil removes the overlay.
func (z *ZoomView) SetOverlay(o fyne.CanvasObject) {
	z.overlay = o
	z.Refresh()
}

// ImageToWidget returns where the image point p (in fractions of the
// image) is shown, in the widget's coordinates (Fyne units; possibly outside
// the widget).
func (z *ZoomView) ImageToWidget(p catalog.Point) fyne.Position {
	g := z.geometry()
	if !g.valid() {
		return fyne.Position{}
	}
	x, y := g.toWidget(g.clamp(z.view), p)
	return fyne.NewPos(float32(x), float32(y))
}

// WidgetToImage returns the image point, in fractions of the image, shown
// at pos (widget coordinates); outside [0,1] when pos is beside the image.
func (z *ZoomView) WidgetToImage(pos fyne.Position) catalog.Point {
	g := z.geometry()
	if !g.valid() {
		return catalog.Point{}
	}
	return g.toImage(g.clamp(z.view), float64(pos.X), float64(pos.Y))
}

// ImageRect returns the rectangle the whole image covers in the widget's
// coordinates (Fyne units), which may extend beyond the widget: the affine
// map of ImageToWidget in one call. It is empty when there is no image.
func (z *ZoomView) ImageRect() (fyne.Position, fyne.Size) {
	g := z.geometry()
	if !g.valid() {
		return fyne.Position{}, fyne.Size{}
	}
	ox, oy, dw, dh := g.rect(g.clamp(z.view))
	return fyne.NewPos(float32(ox), float32(oy)), fyne.NewSize(float32(dw), float32(dh))
}

// MinSize returns a small size: the view takes the room its container
// gives it.
func (z *ZoomView) MinSize() fyne.Size { return fyne.NewSize(32, 32) }

const zoomStep = 1.25

func (z *ZoomView) zoomBy(f float64) {
	g := z.geometry()
	if !g.valid() {
		return
	}
	v := g.clamp(z.view)
	z.change(g.zoomAt(v, v.Zoom*f, g.w/2, g.h/2))
}

// change applies a view chosen by the user or the app and reports it.
func (z *ZoomView) change(v View) {
	g := z.geometry()
	old := g.clamp(z.view)
	z.view = g.clamp(v)
	if z.view == old {
		return
	}
	z.viewUpdated()
	if f := z.OnViewChanged; f != nil {
		f(z.view)
	}
	z.checkDetail()
}

func (z *ZoomView) checkDetail() {
	z.checkDetailRegion()
	if z.detailAsked || z.OnDetailWanted == nil || !z.NeedsDetail() {
		return
	}
	z.detailAsked = true
	z.OnDetailWanted()
}

// geometry returns the current geometry; invalid before the widget has a
// size and an image.
func (z *ZoomView) geometry() geom {
	g := geom{w: float64(z.Size().Width), h: float64(z.Size().Height), scale: float64(canvasScale(z))}
	if z.img != nil {
		b := z.img.Bounds()
		g.iw, g.ih = float64(b.Dx()), float64(b.Dy())
		if z.fullW > 0 && z.fullH > 0 {
			g.iw, g.ih = float64(z.fullW), float64(z.fullH)
		}
	}
	return g
}

// viewUpdated moves the current frame to the new view at once and asks for
// a new one.
func (z *ZoomView) viewUpdated() {
	if r, ok := z.renderer(); ok {
		r.Layout(z.Size())
	}
}

func (z *ZoomView) renderer() (*zoomRenderer, bool) {
	return z.rend, z.rend != nil
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (z *ZoomView) CreateRenderer() fyne.WidgetRenderer {
	z.border = canvas.NewRectangle(nil)
	z.border.StrokeWidth = 1
	z.border.Hide()
	z.message = widget.NewLabel("")
	z.message.Alignment = fyne.TextAlignCenter
	z.message.Wrapping = fyne.TextWrapWord
	z.message.Importance = widget.DangerImportance
	z.message.Hide()
	z.rend = &zoomRenderer{z: z}
	return z.rend
}

// zoomRenderer lays out the frame, the overlay and the focus border.
type zoomRenderer struct {
	z *ZoomView
}

func (r *zoomRenderer) Destroy() {}

func (r *zoomRenderer) MinSize() fyne.Size { return r.z.MinSize() }

func (r *zoomRenderer) Objects() []fyne.CanvasObject {
	z := r.z
	objs := []fyne.CanvasObject{z.frame}
	if z.overlay != nil {
		objs = append(objs, z.overlay)
	}
	return append(objs, z.message, z.border)
}

func (r *zoomRenderer) Refresh() {
	z := r.z
	th := z.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	z.border.StrokeColor = th.Color(theme.ColorNameFocus, v)
	if z.focused {
		z.border.Show()
	} else {
		z.border.Hide()
	}
	if z.pyrErr != nil {
		z.message.SetText("This image cannot be shown: " + z.pyrErr.Error())
		z.message.Show()
	} else {
		z.message.Hide()
	}
	r.Layout(z.Size())
	z.border.Refresh()
	canvas.Refresh(z)
}

func (r *zoomRenderer) Layout(size fyne.Size) {
	z := r.z
	z.border.Resize(size)
	z.message.Resize(size)
	if z.overlay != nil {
		z.overlay.Move(fyne.Position{})
		z.overlay.Resize(size)
		z.overlay.Refresh()
	}
	g := z.geometry()
	if !g.valid() || z.img == nil {
		z.frame.Hide()
		return
	}
	v := g.clamp(z.view)
	ox, oy, dw, dh := g.rect(v)
	want := frameGeom{w: g.w, h: g.h, ox: ox, oy: oy, dw: dw, dh: dh, scale: g.scale, gen: z.imgGen, dgen: z.detail.gen}
	if z.frameValid {
		// show the last frame moved and scaled to the current view
		f := z.frameGeom
		k := dw / f.dw
		z.frame.Move(fyne.NewPos(float32(ox-f.ox*k), float32(oy-f.oy*k)))
		z.frame.Resize(fyne.NewSize(float32(f.w*k), float32(f.h*k)))
		z.frame.Show()
	}
	if z.pyr == nil || (z.frameValid && z.frameGeom == want) || z.requestedFrame == want {
		return
	}
	z.requestedFrame = want
	spec := frameSpec{
		w: int(math.Ceil(g.w * g.scale)), h: int(math.Ceil(g.h * g.scale)),
		ox: ox * g.scale, oy: oy * g.scale, dw: dw * g.scale, dh: dh * g.scale,
	}
	gen := z.imgGen
	job := frameJob{pyr: z.pyr, spec: spec, done: func(img *image.RGBA) {
		fyne.Do(func() { z.frameReady(gen, want, img) })
	}}
	if d := &z.detail; d.pyr != nil {
		r := d.pyrRegion
		job.detail = d.pyr
		job.dspec = frameSpec{
			w: spec.w, h: spec.h,
			ox: (ox + r.Min.X*dw) * g.scale, oy: (oy + r.Min.Y*dh) * g.scale,
			dw: r.Dx() * dw * g.scale, dh: r.Dy() * dh * g.scale,
		}
	}
	z.render.request(job)
	z.checkDetailRegion()
}

// frameReady shows a rendered frame, unless the image changed meanwhile.
func (z *ZoomView) frameReady(gen uint64, fg frameGeom, img *image.RGBA) {
	if gen != z.imgGen {
		z.render.recycle(img)
		return
	}
	if old, ok := z.frame.Image.(*image.RGBA); ok && old != img {
		z.render.recycle(old)
	}
	z.frame.Image = img
	z.frameGeom = fg
	z.frameValid = true
	if z.requestedFrame == fg {
		z.requestedFrame = frameGeom{}
	}
	hidden := !z.frame.Visible()
	z.frame.Refresh()
	if r, ok := z.renderer(); ok {
		r.Layout(z.Size())
	}
	if hidden && z.frame.Visible() {
		// The frame was hidden until now (a new image): the driver, which
		// meets visible objects only, did not know it, so its Refresh
		// above was lost and nothing would repaint the window. Refreshing
		// the view does.
		canvas.Refresh(z)
	}
}
