package compare

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"image"
	"image/draw"
	"math"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// detailCrop is a region of an original, decoded for the compare view.
type detailCrop struct {
	img    image.Image
	region viewer.Region
}

// loadDetail decodes, in the background, region r of a side's original at
// a reduced scale of at least scale (JPEG's DCT scaling: far less work
// than the full image when zoomed in a little) and gives the crop to the
// compare view. A new request for the same side supersedes the previous.
// Only the crop is kept: never two whole originals.
func (cs *compareScreen) loadDetail(side viewer.Side, r viewer.Region, scale float64) {
	d := cs.data
	if d == nil || side < viewer.SideBefore || side > viewer.SideAfter {
		return
	}
	im := d.ims[side]
	c := cs.s.Case
	ui.Load(&cs.detail[side], cs.s.Ctx, func(ctx context.Context) (detailCrop, error) {
		return decodeCrop(ctx, c, im, r, scale)
	}, func(dc detailCrop) {
		if cs.data == d {
			cs.cv.SetDetail(side, dc.img, dc.region)
		}
	}, func(err error) {
		if cs.data == d {
			cs.showNotice("The " + side.String() + " image cannot be shown at full resolution: " + ui.OriginalProblem(im, err))
		}
	})
}

// decodeCrop decodes the original of im with a long side of at least
// scale times its own, and copies the part covering r.
func decodeCrop(ctx context.Context, c *catalog.Case, im *catalog.Image, r viewer.Region, scale float64) (detailCrop, error) {
	w, h := im.UprightSize()
	long := max(w, h)
	minLong := int(math.Ceil(scale * float64(long)))
	if scale >= 1 || minLong >= long || minLong <= 0 {
		minLong = 0 // full size
	}
	img, err := c.DecodeOriginal(ctx, im, minLong)
	if err != nil {
		return detailCrop{}, err
	}
	if err := ctx.Err(); err != nil {
		return detailCrop{}, err
	}
	crop, exact := viewer.CropRegion(img, r)
	if crop == nil {
		return detailCrop{}, nil
	}
	// A copy, so that the whole decoded original can be freed.
	b := crop.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), crop, b.Min, draw.Src)
	return detailCrop{img: out, region: exact}, nil
}
