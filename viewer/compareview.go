package viewer

import (
	"fmt"
	"image"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// Defaults of a new CompareView.
const (
	DefaultGain            = 4.0
	DefaultFlickerInterval = 500 * time.Millisecond
)

// CompareView shows a before and an after image of a pair, to see what
// changed: side by side with linked zoom and pan (and an annotation layer
// on each), or one over the other, aligned, in swipe, blend, difference
// or flicker mode (see CompareMode).
//
// The images given are upright previews (typically 1600 px); an optional
// alignment (SetTransform) maps after fractions into before fractions and
// every mode follows it: the after image is resampled into the before
// image's frame once per change, in the background, and kept. When the
// view is zoomed in beyond a preview's pixels it asks the app, through
// OnDetailWanted, for a full-resolution crop of the region shown, which
// the app hands back with SetDetail: two 24 MP originals are never held.
//
// The CompareView owns the callbacks OnViewChanged, OnDetailRegion,
// OnTypedRune and OnTypedKey of its ZoomViews and the NumberScope of its
// layers (callout numbers run across the pair): use its own callbacks.
// Side by side, the after side follows the before side's centre through
// the alignment and its scale, but is not rotated.
//
// Keys, when the view (or a layer on it) has the focus: 1 to 5 choose the
// mode (1 side by side, 2 swipe, 3 blend, 4 difference, 5 flicker); Space
// steps the flicker by hand (and pauses it); in swipe mode the left and
// right arrows move the divider; + - 0 zoom and fit, the arrows pan.
// Its methods must be called on the UI goroutine.
type CompareView struct {
	widget.BaseWidget

	// OnModeChanged is called when the mode changes (by a key or SetMode).
	OnModeChanged func(CompareMode)
	// OnViewChanged is called after the user zoomed or panned, with the
	// view in fractions of the before image (for a zoom percentage, see
	// ActiveView().ZoomPercent). Not after SetView.
	OnViewChanged func(View)
	// OnDetailWanted asks the app for the region r (fractions of the
	// side's upright image) of that side's original at scale (pixels
	// wanted per original pixel, at most 1), to be given back, decoded in
	// the background, with SetDetail. A new call supersedes the previous
	// one for the same side.
	OnDetailWanted func(side Side, r Region, scale float64)
	// OnError reports what could not be shown (an image that cannot be
	// read, an alignment that cannot be applied).
	OnError func(err error)
	// OnAlignmentChanged is called while aligning (StartAlignment) with
	// the alignment fitted from the point pairs placed, whenever a change
	// of the points gives a new one; with nil when the points no longer
	// define one (fewer than 3 pairs, on a line) or on ResetAlignment. The
	// app stores it (catalog.Case.SetAlignment); the view applies it
	// itself.
	OnAlignmentChanged func(a *catalog.Alignment)

	sides  [2]*ZoomView
	layers [2]*AnnotationLayer
	ov     *ZoomView // the overlay modes
	ovTop  *ZoomView // flicker: the aligned after image over ov
	swipe  *swipeHandle
	picker *alignPicker

	img    [2]image.Image
	full   [2]image.Point
	t      *annot.Transform
	tInv   annot.Transform
	mode   CompareMode
	params compareParams
	linked bool

	flick flickerState
	crops [2]cropState
	asked [2]struct {
		r     Region
		scale float64
	}
	ovWant    Region
	ovScale   float64
	work      latest
	gen       uint64 // of what the overlay should show
	srcGen    uint64 // of the images and the transform
	cache     composeCache
	destroyed bool
	rend      *compareRenderer
}

// cropState is a full-resolution crop given by SetDetail.
type cropState struct {
	img    image.Image
	region Region
	scale  float64
	seq    uint64
}

// NewCompareView returns an empty compare view in side-by-side mode; give
// it images with SetImages.
func NewCompareView() *CompareView {
	cv := &CompareView{
		params: compareParams{swipe: 0.5, alpha: 0.5, gain: DefaultGain},
		linked: true,
		tInv:   annot.Identity(),
	}
	cv.flick.interval = DefaultFlickerInterval
	cv.ExtendBaseWidget(cv)
	for s := range cv.sides {
		z := NewZoomView()
		cv.sides[s] = z
		cv.layers[s] = NewAnnotationLayer(z)
		side := Side(s)
		z.OnViewChanged = func(v View) { cv.sideViewChanged(side, v); cv.viewChanged() }
		z.OnDetailRegion = func(r Region, scale float64) { cv.wantDetail(side, r, scale) }
		z.OnTypedRune, z.OnTypedKey = cv.typedRune, cv.typedKey
	}
	cv.layers[0].NumberScope = cv.layers[1].Annotations
	cv.layers[1].NumberScope = cv.layers[0].Annotations
	cv.ov, cv.ovTop = NewZoomView(), NewZoomView()
	cv.ov.OnViewChanged = func(v View) { cv.ovTop.SetView(v); cv.viewChanged() }
	cv.ovTop.OnViewChanged = func(v View) { cv.ov.SetView(v); cv.viewChanged() }
	for _, z := range []*ZoomView{cv.ov, cv.ovTop} {
		z.OnDetailRegion = cv.wantOverlayDetail
		z.OnTypedRune, z.OnTypedKey = cv.typedRune, cv.typedKey
	}
	cv.swipe = newSwipeHandle(cv)
	cv.ov.SetOverlay(cv.swipe)
	return cv
}

// Layer returns the annotation layer of a side (shown in side-by-side
// mode): the app wires its callbacks and loads its marks.
func (cv *CompareView) Layer(s Side) *AnnotationLayer { return cv.layers[s] }

// SideView returns the ZoomView of a side in side-by-side mode.
func (cv *CompareView) SideView(s Side) *ZoomView { return cv.sides[s] }

// ActiveView returns the ZoomView the user works in: the before side in
// side-by-side mode, the overlay otherwise (for zoom buttons and a zoom
// percentage).
func (cv *CompareView) ActiveView() *ZoomView {
	if cv.mode == ModeSideBySide {
		return cv.sides[SideBefore]
	}
	return cv.ov
}

// SetImages shows a pair: before and after are upright images (the
// previews), either may be nil. Details and caches of the previous pair
// are dropped, point picking stops; the view, mode and alignment stay
// (set the pair's with SetTransform). Call SetFullSize next when the
// images are previews.
func (cv *CompareView) SetImages(before, after image.Image) {
	cv.StopAlignment() // its points were on the previous images
	cv.img = [2]image.Image{before, after}
	cv.full = [2]image.Point{}
	cv.crops = [2]cropState{}
	cv.asked = [2]struct {
		r     Region
		scale float64
	}{}
	cv.ovWant, cv.ovScale = Region{}, 0
	cv.srcGen++
	cv.cache = composeCache{}
	cv.sides[0].SetImage(before)
	cv.sides[1].SetImage(after)
	cv.recompose()
}

// Images returns the images shown.
func (cv *CompareView) Images() (before, after image.Image) { return cv.img[0], cv.img[1] }

// SetFullSize gives the pixel size of a side's original (upright) when
// the image given is a preview, so that zoom percentages and detail refer
// to the original.
func (cv *CompareView) SetFullSize(s Side, w, h int) {
	cv.full[s] = image.Pt(w, h)
	cv.sides[s].SetFullSize(w, h)
	if s == SideBefore {
		cv.recompose()
	}
}

// fullSize returns a side's original size, or its image's.
func (cv *CompareView) fullSize(s Side) image.Point {
	if f := cv.full[s]; f.X > 0 && f.Y > 0 {
		return f
	}
	if cv.img[s] != nil {
		return cv.img[s].Bounds().Size()
	}
	return image.Point{}
}

// SetTransform aligns the after image onto the before image: t maps
// after fractions to before fractions (annot.TransformOf of the pair's
// alignment); nil shows the images unaligned (fraction on fraction). An
// invalid transform is refused.
func (cv *CompareView) SetTransform(t *annot.Transform) error {
	if t != nil {
		if err := t.Validate(); err != nil {
			return fmt.Errorf("align the pair: %w", err)
		}
		inv, err := t.Invert()
		if err != nil {
			return fmt.Errorf("align the pair: %w", err)
		}
		c := *t
		cv.t, cv.tInv = &c, inv
	} else {
		cv.t, cv.tInv = nil, annot.Identity()
	}
	cv.srcGen++
	cv.cache.warped, cv.cache.dKey = nil, detailKey{}
	cv.ovWant, cv.ovScale = Region{}, 0
	cv.asked[SideAfter].r = Region{}
	cv.recompose()
	cv.sideViewChanged(SideBefore, cv.sides[0].View())
	return nil
}

// Transform returns the alignment applied, or nil.
func (cv *CompareView) Transform() *annot.Transform {
	if cv.t == nil {
		return nil
	}
	c := *cv.t
	return &c
}

// transform returns the alignment, or the identity.
func (cv *CompareView) transform() annot.Transform {
	if cv.t == nil {
		return annot.Identity()
	}
	return *cv.t
}

// SetMode switches the mode, keeping the view.
func (cv *CompareView) SetMode(m CompareMode) {
	if m < ModeSideBySide || m > ModeFlicker {
		return
	}
	if m == cv.mode {
		if m == ModeFlicker && cv.flick.paused {
			cv.flick.paused = false // choosing flicker again resumes it
			cv.updateFlicker()
			cv.Refresh()
		}
		return
	}
	from := cv.ActiveView().View()
	if cv.picker != nil && m != ModeSideBySide {
		cv.StopAlignment()
	}
	cv.mode = m
	cv.ActiveView().SetView(from)
	if m == ModeSideBySide {
		cv.sideViewChanged(SideBefore, from)
	} else {
		cv.ovTop.SetView(from)
	}
	if m == ModeFlicker {
		cv.flick.paused, cv.flick.showAfter = false, false
	}
	cv.recompose()
	cv.updateFlicker()
	cv.Refresh()
	if f := cv.OnModeChanged; f != nil {
		f(m)
	}
}

// Mode returns the mode.
func (cv *CompareView) Mode() CompareMode { return cv.mode }

// SetSwipe puts the swipe divider at x, a fraction of the before image's
// width (clamped to [0,1]).
func (cv *CompareView) SetSwipe(x float64) {
	if math.IsNaN(x) {
		return
	}
	x = math.Max(0, math.Min(1, x))
	if x == cv.params.swipe {
		return
	}
	cv.params.swipe = x
	cv.swipe.Refresh()
	if cv.mode == ModeSwipe {
		cv.recompose()
	}
}

// Swipe returns the divider's position.
func (cv *CompareView) Swipe() float64 { return cv.params.swipe }

// SetBlend sets the opacity of the after image in blend mode: 0 shows the
// before image, 1 the after image.
func (cv *CompareView) SetBlend(alpha float64) {
	if math.IsNaN(alpha) {
		return
	}
	alpha = math.Max(0, math.Min(1, alpha))
	if alpha == cv.params.alpha {
		return
	}
	cv.params.alpha = alpha
	if cv.mode == ModeBlend {
		cv.recompose()
	}
	cv.Refresh()
}

// Blend returns the opacity of the after image in blend mode.
func (cv *CompareView) Blend() float64 { return cv.params.alpha }

// SetGain sets the amplification of the difference (1 to 255; 4 to 8
// shows faint changes).
func (cv *CompareView) SetGain(g float64) {
	if math.IsNaN(g) {
		return
	}
	g = math.Max(1, math.Min(255, g))
	if g == cv.params.gain {
		return
	}
	cv.params.gain = g
	if cv.mode == ModeDifference {
		cv.recompose()
	}
	cv.Refresh()
}

// Gain returns the amplification of the difference.
func (cv *CompareView) Gain() float64 { return cv.params.gain }

// SetLinked links (the default) or unlinks the zoom and pan of the two
// sides in side-by-side mode.
func (cv *CompareView) SetLinked(on bool) {
	cv.linked = on
	if on {
		cv.sideViewChanged(SideBefore, cv.sides[0].View())
	}
}

// Linked reports whether the sides' views are linked.
func (cv *CompareView) Linked() bool { return cv.linked }

// View returns the view, in fractions of the before image.
func (cv *CompareView) View() View { return cv.ActiveView().View() }

// SetView shows v (in fractions of the before image) in every mode.
func (cv *CompareView) SetView(v View) {
	cv.sides[0].SetView(v)
	cv.ov.SetView(v)
	cv.ovTop.SetView(v)
	cv.sideViewChanged(SideBefore, v)
}

func (cv *CompareView) viewChanged() {
	if f := cv.OnViewChanged; f != nil {
		f(cv.View())
	}
}

// sideViewChanged makes the other side follow a side's view.
func (cv *CompareView) sideViewChanged(s Side, v View) {
	if !cv.linked || (cv.picker != nil && cv.t == nil) {
		return
	}
	o := 1 - s
	cv.sides[o].SetView(cv.follow(s, o, v))
}

// follow returns the view of side to that shows what v shows of side
// from: the same point at the centre (through the alignment) and the same
// scale of the scene.
func (cv *CompareView) follow(from, to Side, v View) View {
	gf, gt := cv.sides[from].geometry(), cv.sides[to].geometry()
	if !gf.valid() || !gt.valid() {
		return v
	}
	v = gf.clamp(v)
	tr := cv.tInv // before to after
	if from == SideAfter {
		tr = cv.transform()
	}
	m := tr.M
	det := math.Abs(m[0]*m[4]-m[1]*m[3]) * (gt.iw * gt.ih) / (gf.iw * gf.ih)
	if det <= 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return v
	}
	toPerFrom := math.Sqrt(det) // pixels of side to per pixel of side from
	units := gf.fit() * v.Zoom  // Fyne units per pixel of from
	return View{Zoom: units / toPerFrom / gt.fit(), Center: tr.Apply(v.Center)}
}

// MinSize is small: the view takes the room it is given.
func (cv *CompareView) MinSize() fyne.Size { return fyne.NewSize(64, 32) }

// Hide hides the view and stops the flicker.
func (cv *CompareView) Hide() {
	cv.BaseWidget.Hide()
	cv.updateFlicker()
}

// Show shows the view and resumes the flicker.
func (cv *CompareView) Show() {
	cv.BaseWidget.Show()
	cv.updateFlicker()
}

func (cv *CompareView) fail(err error) {
	if f := cv.OnError; f != nil {
		f(err)
		return
	}
	fyne.LogError("compare view", err)
}
