package viewer

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
)

// detailState is a crop of the original shown over the preview where the
// view magnifies the preview beyond its pixels (see SetDetail).
type detailState struct {
	img    image.Image // as set, for Detail
	region Region      // what img covers
	scale  float64     // its pixels per pixel of the original
	// pyr is the prepared pixels of a detail and pyrRegion what they
	// cover: those of the previous detail while img's are prepared, so
	// that frames drawn meanwhile show it where it belongs.
	pyr       *pyramid
	pyrRegion Region
	gen       uint64 // incremented when pyr changes
	setGen    uint64 // incremented on each SetDetail, to drop stale preparations

	asked      Region // last region asked through OnDetailRegion
	askedScale float64
}

// detailMargin is the share of the visible region added on each side of
// the region asked for, so that a short pan needs no new load.
const detailMargin = 0.25

// SetDetail shows img, the region r (fractions of the upright image) of
// the original at a higher resolution than the image set with SetImage,
// over it: where the view is zoomed in beyond the preview's pixels, the
// crop is sharp, and around it the preview still shows. Use CropRegion to
// cut r out of a decoded original. The pixels are prepared in the
// background. A nil img, or SetImage, removes the detail. Call SetFullSize
// first: the detail's resolution is reckoned in pixels of the original.
func (z *ZoomView) SetDetail(img image.Image, r Region) {
	z.detail.setGen++
	r = r.Intersect(FullRegion)
	if img == nil || r.Empty() || img.Bounds().Empty() || z.img == nil {
		z.dropDetail()
		z.Refresh()
		return
	}
	d := &z.detail
	d.img, d.region = img, r
	d.scale = z.detailScale(img, r)
	gen, setGen := z.imgGen, d.setGen
	go func() {
		p, err := buildPyramid(img)
		fyne.Do(func() {
			if gen != z.imgGen || setGen != z.detail.setGen {
				return
			}
			if err != nil {
				fyne.LogError("zoom view detail", err)
				z.dropDetail()
				z.Refresh() // the previous detail must not stay drawn
				return
			}
			z.detail.pyr, z.detail.pyrRegion = p, r
			z.detail.gen++
			z.Refresh()
		})
	}()
}

// Detail returns the detail crop shown over the image and the region it
// covers; nil when there is none.
func (z *ZoomView) Detail() (image.Image, Region) {
	if z.detail.img == nil {
		return nil, Region{}
	}
	return z.detail.img, z.detail.region
}

// detailScale returns the pixels per pixel of the original of a crop img
// covering r.
func (z *ZoomView) detailScale(img image.Image, r Region) float64 {
	fw := z.fullW
	if fw <= 0 && z.img != nil {
		fw = z.img.Bounds().Dx()
	}
	if fw <= 0 || r.Dx() <= 0 {
		return 0
	}
	return float64(img.Bounds().Dx()) / (r.Dx() * float64(fw))
}

// dropDetail forgets the detail crop and what was asked for.
func (z *ZoomView) dropDetail() {
	d := &z.detail
	if d.pyr != nil {
		d.gen++
	}
	d.img, d.pyr, d.region, d.pyrRegion, d.scale = nil, nil, Region{}, Region{}, 0
	d.asked, d.askedScale = Region{}, 0
}

// VisibleRegion returns the part of the image the view shows, in
// fractions, clipped to the image; empty before the view has a size and
// an image.
func (z *ZoomView) VisibleRegion() Region {
	g := z.geometry()
	if !g.valid() {
		return Region{}
	}
	v := g.clamp(z.view)
	return Region{Min: g.toImage(v, 0, 0), Max: g.toImage(v, g.w, g.h)}.Intersect(FullRegion)
}

// wantedScale returns the pixels of the original per device pixel the
// view needs (at most 1), and whether the image shown has fewer.
func (z *ZoomView) wantedScale() (float64, bool) {
	if !z.NeedsDetail() {
		return 0, false
	}
	return math.Min(1, z.ZoomPercent()/100), true
}

// checkDetailRegion calls OnDetailRegion when the view needs pixels that
// neither the detail shown nor the last request covers.
func (z *ZoomView) checkDetailRegion() {
	if z.OnDetailRegion == nil {
		return
	}
	scale, ok := z.wantedScale()
	if !ok {
		return
	}
	vis := z.VisibleRegion()
	if vis.Empty() {
		return
	}
	d := &z.detail
	const slack = 0.999
	if d.img != nil && d.region.Contains(vis) && d.scale >= scale*slack {
		return
	}
	if !d.asked.Empty() && d.asked.Contains(vis) && d.askedScale >= scale*slack {
		return // asked already
	}
	r := vis.Inset(detailMargin).Intersect(FullRegion)
	d.asked, d.askedScale = r, scale
	z.OnDetailRegion(r, scale)
}

// setContent replaces the image, its full size and its detail at once,
// once their pixels are prepared, keeping the view: the compare view
// changes its composite this way without showing the blurred preview in
// between. A nil detail shows none.
func (z *ZoomView) setContent(img image.Image, fullW, fullH int, detail image.Image, r Region) {
	if img == nil {
		z.SetImage(nil)
		return
	}
	z.contentGen++
	z.contentPending = true
	gen := z.contentGen
	go func() {
		p, err := buildPyramid(img)
		var dp *pyramid
		if err == nil && detail != nil && !r.Empty() {
			var derr error
			if dp, derr = buildPyramid(detail); derr != nil {
				fyne.LogError("zoom view detail", derr) // the preview still shows
			}
		}
		fyne.Do(func() {
			if gen != z.contentGen {
				return
			}
			// Until now the previous content stayed on screen with its
			// generation; frames of the new one get a new generation.
			z.imgGen++
			z.contentPending = false
			sameSize := z.fullW == fullW && z.fullH == fullH
			z.img, z.pyr, z.pyrErr = img, p, err
			z.fullW, z.fullH = fullW, fullH
			if fullW <= 0 || fullH <= 0 {
				z.fullW, z.fullH = 0, 0
			}
			if !sameSize {
				z.detailAsked = false
			}
			z.detail.setGen++
			z.dropDetail()
			if dp != nil {
				d := &z.detail
				d.img, d.region, d.pyr = detail, r.Intersect(FullRegion), dp
				d.pyrRegion = d.region
				d.scale = z.detailScale(detail, d.region)
				d.asked, d.askedScale = d.region, d.scale
				d.gen++
			}
			if err != nil {
				fyne.LogError("zoom view", err)
				z.frameValid = false
				z.frame.Image = nil
			}
			z.Refresh()
			z.checkDetail()
		})
	}()
}
