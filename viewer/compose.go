package viewer

import (
	"fmt"
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/exhibit-app/exhibit/internal/annot"
)

// CompareMode is how a CompareView shows a before and an after image.
type CompareMode int

// The compare modes; the number in brackets is the key that selects it.
const (
	// ModeSideBySide shows the two images side by side [1], with linked
	// zoom and pan, and an annotation layer on each.
	ModeSideBySide CompareMode = iota
	// ModeSwipe shows the aligned after image right of a draggable
	// vertical divider over the before image [2].
	ModeSwipe
	// ModeBlend shows the aligned after image over the before image with
	// an opacity (SetBlend) [3].
	ModeBlend
	// ModeDifference shows the per-pixel absolute difference, amplified by
	// a gain (SetGain): what did not change is black [4].
	ModeDifference
	// ModeFlicker alternates the before and the aligned after image at a
	// steady rate (SetFlickerInterval); Space steps by hand [5].
	ModeFlicker
)

var modeNames = [...]string{"side by side", "swipe", "blend", "difference", "flicker"}

// String returns the mode's name, in English.
func (m CompareMode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("mode %d", int(m))
}

// Side is one image of a compared pair.
type Side int

// The sides of a pair.
const (
	SideBefore Side = iota
	SideAfter
)

// String returns "before" or "after".
func (s Side) String() string {
	if s == SideAfter {
		return "after"
	}
	return "before"
}

// compareParams are the settings of the overlay modes.
type compareParams struct {
	swipe float64 // divider, fraction of the before image's width
	alpha float64 // opacity of the after image in blend
	gain  float64 // difference amplification
}

// composite returns what mode shows of before and aligned (the after
// image resampled into before's frame, same size): nil for side by side
// and flicker, which show the images themselves. swipeX is the divider in
// fractions of before's width.
func composite(mode CompareMode, before, aligned *image.RGBA, p compareParams, swipeX float64) *image.RGBA {
	switch mode {
	case ModeSwipe:
		return annot.Swipe(before, aligned, swipeX)
	case ModeBlend:
		return annot.Blend(before, aligned, p.alpha)
	case ModeDifference:
		return annot.Difference(before, aligned, p.gain)
	}
	return nil
}

// rgba returns img as an *image.RGBA with its origin at (0,0), converting
// (in parallel) when needed. It recovers from a panic of img's pixels (a
// lazily decoded image) and returns it as an error.
func rgba(img image.Image) (out *image.RGBA, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("read image pixels: %v", r)
		}
	}()
	if img == nil {
		return nil, fmt.Errorf("no image")
	}
	b := img.Bounds()
	if m, ok := img.(*image.RGBA); ok && b.Min == (image.Point{}) {
		return m, nil
	}
	out = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	parallelRows(b.Dy(), func(y0, y1 int) {
		draw.Draw(out, image.Rect(0, y0, b.Dx(), y1), img, image.Pt(b.Min.X, b.Min.Y+y0), draw.Src)
	})
	return out, nil
}

// then returns the transform applying t, then u.
func then(t, u annot.Transform) annot.Transform {
	a, b := t.M, u.M
	return annot.Transform{Kind: annot.KindAffine, M: [6]float64{
		b[0]*a[0] + b[1]*a[3], b[0]*a[1] + b[1]*a[4], b[0]*a[2] + b[1]*a[5] + b[2],
		b[3]*a[0] + b[4]*a[3], b[3]*a[1] + b[4]*a[4], b[3]*a[2] + b[4]*a[5] + b[5],
	}}
}

// fromRegion maps fractions of a crop covering r to fractions of the
// whole image.
func fromRegion(r Region) annot.Transform {
	return annot.Transform{Kind: annot.KindAffine, M: [6]float64{r.Dx(), 0, r.Min.X, 0, r.Dy(), r.Min.Y}}
}

// toRegion maps fractions of the whole image to fractions of a crop
// covering r.
func toRegion(r Region) annot.Transform {
	return annot.Transform{Kind: annot.KindAffine, M: [6]float64{1 / r.Dx(), 0, -r.Min.X / r.Dx(), 0, 1 / r.Dy(), -r.Min.Y / r.Dy()}}
}

// mapRegion returns the box of r's corners mapped by t, clipped to the
// image.
func mapRegion(t annot.Transform, r Region) Region {
	lo := [2]float64{math.Inf(1), math.Inf(1)}
	hi := [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, c := range [4][2]float64{{r.Min.X, r.Min.Y}, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, {r.Max.X, r.Max.Y}} {
		q := t.Apply(pointOf(c[0], c[1]))
		lo[0], lo[1] = math.Min(lo[0], q.X), math.Min(lo[1], q.Y)
		hi[0], hi[1] = math.Max(hi[0], q.X), math.Max(hi[1], q.Y)
	}
	return Region{Min: pointOf(lo[0], lo[1]), Max: pointOf(hi[0], hi[1])}.Intersect(FullRegion)
}

// warpCrop resamples afterCrop, covering the region ra of the after image,
// into the pixel grid of a crop of w×h pixels covering rb of the before
// image, through t (after fractions to before fractions).
func warpCrop(afterCrop image.Image, ra Region, t annot.Transform, rb Region, w, h int) (*image.RGBA, error) {
	tc := then(then(fromRegion(ra), t), toRegion(rb))
	return annot.Warp(afterCrop, tc, w, h)
}

// latest runs functions one at a time in a background goroutine, keeping
// only the latest waiting: a burst of requests (a slider dragged) costs
// one run at a time and ends with the latest state.
type latest struct {
	mu      sync.Mutex
	pending func()
	running bool
}

func (l *latest) run(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending = f
	if !l.running {
		l.running = true
		go l.loop()
	}
}

func (l *latest) loop() {
	for {
		l.mu.Lock()
		f := l.pending
		l.pending = nil
		if f == nil {
			l.running = false
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		f()
	}
}

// idle reports whether nothing runs or waits.
func (l *latest) idle() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return !l.running && l.pending == nil
}
