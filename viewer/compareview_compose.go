package viewer

import (
	"fmt"
	"image"
	"math"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/internal/annot"
)

// composeCache keeps what the overlay modes compute from the images, the
// alignment and the detail crops, so that a change of mode or of a setting
// recomputes only the composite.
type composeCache struct {
	before *image.RGBA // the before image as RGBA
	warped *image.RGBA // the after image aligned into before's frame
	dKey   detailKey
	dB, dW *image.RGBA // the same for the detail crops
	shown  uint64      // gen of the content last given to the views
}

// detailKey identifies the crops a detail composite was made from.
type detailKey struct{ srcGen, seqB, seqA uint64 }

// composeJob is what a background composition needs; it is made on the
// UI goroutine and read only by the worker.
type composeJob struct {
	gen, srcGen   uint64
	mode          CompareMode
	p             compareParams
	before, after image.Image
	t             annot.Transform
	before0       *image.RGBA // cached, or nil
	warped0       *image.RGBA
	// detail: crops of both originals, or none
	detail       bool
	key          detailKey
	cropB, cropA image.Image
	regB, regA   Region
	dB0, dW0     *image.RGBA
}

type composeResult struct {
	job     composeJob
	before  *image.RGBA
	warped  *image.RGBA
	preview *image.RGBA // the composite, nil in flicker mode
	dB, dW  *image.RGBA // detail crops, before and aligned after
	detail  *image.RGBA // detail composite
	err     error
}

// do composes, off the UI goroutine. A panic (an image whose pixels cannot
// be read) becomes an error.
func (j composeJob) do() (res composeResult) {
	res.job = j
	defer func() {
		if r := recover(); r != nil {
			res.err = fmt.Errorf("compare images: %v", r)
		}
	}()
	var err error
	res.before = j.before0
	if res.before == nil {
		if res.before, err = rgba(j.before); err != nil {
			res.err = fmt.Errorf("compare images: before image: %w", err)
			return res
		}
	}
	res.warped = j.warped0
	if res.warped == nil {
		b := res.before.Rect
		if j.after == nil {
			res.warped = image.NewRGBA(b)
		} else if res.warped, err = annot.Warp(j.after, j.t, b.Dx(), b.Dy()); err != nil {
			res.err = fmt.Errorf("compare images: align the after image: %w", err)
			return res
		}
	}
	if j.mode == ModeSideBySide {
		return res
	}
	res.preview = composite(j.mode, res.before, res.warped, j.p, j.p.swipe)
	if !j.detail {
		return res
	}
	res.dB, res.dW = j.dB0, j.dW0
	if res.dB == nil {
		if res.dB, err = rgba(j.cropB); err != nil {
			res.err = fmt.Errorf("compare images: before detail: %w", err)
			return res
		}
	}
	if res.dW == nil {
		b := res.dB.Rect
		if res.dW, err = warpCrop(j.cropA, j.regA, j.t, j.regB, b.Dx(), b.Dy()); err != nil {
			res.err = fmt.Errorf("compare images: align the after detail: %w", err)
			return res
		}
	}
	res.detail = composite(j.mode, res.dB, res.dW, j.p, (j.p.swipe-j.regB.Min.X)/j.regB.Dx())
	return res
}

// recompose schedules the composition of what the overlay modes show
// (and, in side-by-side mode, the alignment of the after image, so that
// switching mode is quick).
func (cv *CompareView) recompose() {
	cv.gen++
	if cv.img[SideBefore] == nil {
		cv.ov.SetImage(nil)
		cv.ovTop.SetImage(nil)
		return
	}
	if cv.mode == ModeSideBySide && cv.cache.warped != nil {
		return
	}
	j := composeJob{
		gen: cv.gen, srcGen: cv.srcGen, mode: cv.mode, p: cv.params,
		before: cv.img[SideBefore], after: cv.img[SideAfter], t: cv.transform(),
		before0: cv.cache.before, warped0: cv.cache.warped,
	}
	if cv.mode != ModeSideBySide && cv.overlayCropsReady() {
		cb, ca := cv.crops[SideBefore], cv.crops[SideAfter]
		j.detail = true
		j.key = detailKey{cv.srcGen, cb.seq, ca.seq}
		j.cropB, j.regB, j.cropA, j.regA = cb.img, cb.region, ca.img, ca.region
		if cv.cache.dKey == j.key {
			j.dB0, j.dW0 = cv.cache.dB, cv.cache.dW
		}
	}
	cv.work.run(func() {
		res := j.do()
		fyne.Do(func() { cv.composed(res) })
	})
}

// composed keeps what a composition computed and shows it, unless a newer
// one is on its way.
func (cv *CompareView) composed(res composeResult) {
	j := res.job
	if res.err != nil {
		if j.gen == cv.gen {
			cv.fail(res.err)
		}
		return
	}
	if j.srcGen == cv.srcGen {
		cv.cache.before, cv.cache.warped = res.before, res.warped
		if j.detail {
			cv.cache.dKey, cv.cache.dB, cv.cache.dW = j.key, res.dB, res.dW
		}
	}
	if j.gen != cv.gen {
		return
	}
	cv.cache.shown = j.gen
	full := cv.fullSize(SideBefore)
	switch j.mode {
	case ModeSideBySide:
		return
	case ModeFlicker:
		cv.ov.setContent(res.before, full.X, full.Y, res.dB, j.regB)
		cv.ovTop.setContent(res.warped, full.X, full.Y, res.dW, j.regB)
	default:
		cv.ov.setContent(res.preview, full.X, full.Y, res.detail, j.regB)
	}
	cv.Refresh()
}

// Busy reports whether a composition is being computed or waits (for
// tests and a busy indicator).
func (cv *CompareView) Busy() bool {
	return !cv.work.idle() || cv.cache.shown != cv.gen && cv.mode != ModeSideBySide ||
		cv.ov.contentPending || cv.ovTop.contentPending
}

// SetDetail gives a crop of a side's original, img covering r (fractions
// of the upright image; see CropRegion), as asked for by OnDetailWanted.
// It is shown where the view is zoomed in beyond the preview, side by side
// and, aligned, in the overlay modes.
func (cv *CompareView) SetDetail(s Side, img image.Image, r Region) {
	r = r.Intersect(FullRegion)
	c := &cv.crops[s]
	c.seq++
	if img == nil || r.Empty() || img.Bounds().Empty() {
		c.img, c.region, c.scale = nil, Region{}, 0
		cv.sides[s].SetDetail(nil, Region{})
		return
	}
	c.img, c.region = img, r
	c.scale = 0
	if f := cv.fullSize(s); f.X > 0 {
		c.scale = float64(img.Bounds().Dx()) / (r.Dx() * float64(f.X))
	}
	cv.sides[s].SetDetail(img, r)
	if cv.mode != ModeSideBySide {
		cv.requestOverlayCrops()
	}
}

// wantDetail is a side view's OnDetailRegion: it uses the crop given if
// it covers r, and asks the app otherwise.
func (cv *CompareView) wantDetail(s Side, r Region, scale float64) {
	if cv.covers(s, r, scale) {
		c := cv.crops[s]
		cv.sides[s].SetDetail(c.img, c.region)
		return
	}
	cv.ask(s, r, scale)
}

// ask calls OnDetailWanted, unless the same side was asked for a region
// covering r at scale already (the answer is on its way).
func (cv *CompareView) ask(s Side, r Region, scale float64) {
	f := cv.OnDetailWanted
	a := &cv.asked[s]
	if f == nil || (!a.r.Empty() && a.r.Contains(r) && a.scale >= scale*0.999) {
		return
	}
	a.r, a.scale = r, scale
	f(s, r, scale)
}

// wantOverlayDetail is the overlay views' OnDetailRegion.
func (cv *CompareView) wantOverlayDetail(r Region, scale float64) {
	cv.ovWant, cv.ovScale = r, scale
	cv.requestOverlayCrops()
}

// overlayNeeds returns the regions of both originals, and their scales,
// that the overlay view needs.
func (cv *CompareView) overlayNeeds() (rb Region, sb float64, ra Region, sa float64) {
	rb, sb = cv.ovWant, cv.ovScale
	ra = mapRegion(cv.tInv, rb)
	fb, fa := cv.fullSize(SideBefore), cv.fullSize(SideAfter)
	sa = sb
	if fb.X > 0 && fb.Y > 0 && fa.X > 0 && fa.Y > 0 {
		m := cv.tInv.M
		det := math.Abs(m[0]*m[4]-m[1]*m[3]) * float64(fa.X*fa.Y) / float64(fb.X*fb.Y)
		if det > 0 {
			sa = sb / math.Sqrt(det) // after pixels per before pixel: √det
		}
	}
	return rb, sb, ra, math.Min(1, sa)
}

// covers reports whether the crop of side s covers r at scale.
func (cv *CompareView) covers(s Side, r Region, scale float64) bool {
	c := cv.crops[s]
	return c.img != nil && c.region.Contains(r) && c.scale >= scale*0.999
}

// overlayCropsReady reports whether the crops given cover what the
// overlay view needs.
func (cv *CompareView) overlayCropsReady() bool {
	if cv.ovWant.Empty() || cv.img[SideAfter] == nil {
		return false
	}
	rb, sb, ra, sa := cv.overlayNeeds()
	return cv.covers(SideBefore, rb, sb) && cv.covers(SideAfter, ra, sa)
}

// requestOverlayCrops composes with the crops when they cover what the
// overlay view needs, and asks the app for the missing ones otherwise.
func (cv *CompareView) requestOverlayCrops() {
	if cv.mode == ModeSideBySide || cv.ovWant.Empty() {
		return
	}
	if cv.overlayCropsReady() {
		if cv.cache.dKey != (detailKey{cv.srcGen, cv.crops[0].seq, cv.crops[1].seq}) || cv.cache.shown != cv.gen {
			cv.recompose()
		}
		return
	}
	rb, sb, ra, sa := cv.overlayNeeds()
	if !cv.covers(SideBefore, rb, sb) {
		cv.ask(SideBefore, rb, sb)
	}
	if !cv.covers(SideAfter, ra, sa) && !ra.Empty() && cv.img[SideAfter] != nil {
		cv.ask(SideAfter, ra, sa)
	}
}
