package pdfengine

import (
	"fmt"
	"image"
	"image/draw"
	"math"

	"github.com/klippa-app/go-pdfium/enums"
	"github.com/klippa-app/go-pdfium/requests"
)

// Rendered is a page rendered to pixels.
type Rendered struct {
	// Image is the page on white, Width × Height pixels.
	Image *image.RGBA
	// DPI is the resolution rendered at.
	DPI int
	// ToPixels maps page coordinates (points, PDF user space: y up) to
	// the image's pixels (y down), the page's rotation and crop box
	// included.
	ToPixels Affine
}

// Affine maps page coordinates to pixels: x' = A·x + B·y + C,
// y' = D·x + E·y + F.
type Affine struct{ A, B, C, D, E, F float64 }

// Apply maps a point.
func (m Affine) Apply(x, y float64) (float64, float64) {
	return m.A*x + m.B*y + m.C, m.D*x + m.E*y + m.F
}

// Rect maps a box of the page to the pixel rectangle that covers it.
func (m Affine) Rect(r Rect) image.Rectangle {
	x0, y0 := m.Apply(r.Left, r.Bottom)
	x1, y1 := m.Apply(r.Right, r.Top)
	x2, y2 := m.Apply(r.Left, r.Top)
	x3, y3 := m.Apply(r.Right, r.Bottom)
	minX, maxX := min(x0, x1, x2, x3), max(x0, x1, x2, x3)
	minY, maxY := min(y0, y1, y2, y3), max(y0, y1, y2, y3)
	return image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
}

// PixelSize is the size in pixels page is rendered at dpi: its size in
// points times dpi/72, rounded up (as pdftoppm does).
func (d *Doc) PixelSize(page, dpi int) (w, h int, err error) {
	pw, ph, err := d.PageSize(page)
	if err != nil {
		return 0, 0, err
	}
	// Multiplied first, and a rounding error forgiven: 792 pt at 150 DPI
	// is 1650 pixels, not 1651.
	px := func(pt float64) int { return int(math.Ceil(pt*float64(dpi)/72 - 1e-6)) }
	return px(pw), px(ph), nil
}

// MaxDPI is the highest resolution page can be rendered at within the
// engine's largest side.
func (d *Doc) MaxDPI(page int) (int, error) {
	pw, ph, err := d.PageSize(page)
	if err != nil {
		return 0, err
	}
	return int(float64(d.e.opt.MaxSide) * 72 / max(pw, ph, 1)), nil
}

// Render renders page (from 1) at dpi, on white, with its annotations.
// An image over the engine's largest side (6000 pixels by default) is
// refused with ErrTooLarge, naming the highest DPI allowed.
func (d *Doc) Render(page, dpi int) (*Rendered, error) {
	if dpi < 1 {
		return nil, fmt.Errorf("render page %d: the resolution must be at least 1 DPI, not %d", page, dpi)
	}
	w, h, err := d.PixelSize(page, dpi)
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	if w > d.e.opt.MaxSide || h > d.e.opt.MaxSide {
		most, _ := d.MaxDPI(page)
		return nil, fmt.Errorf("render page %d at %d DPI: %w: %d × %d pixels, over %d a side (at most %d DPI for this page)",
			page, dpi, ErrTooLarge, w, h, d.e.opt.MaxSide, most)
	}
	out := &Rendered{DPI: dpi}
	err = d.do(page, func() error {
		p := requests.Page{ByIndex: &requests.PageByIndex{Document: d.doc, Index: page - 1}}
		r, err := d.inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: p, DPI: dpi,
			RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT})
		if err != nil {
			return err
		}
		defer r.Cleanup()
		src := r.Result.RenderedImage
		if src == nil {
			return fmt.Errorf("PDFium gave no image")
		}
		// The pixels live in PDFium's memory until Cleanup: copy them,
		// cut to PixelSize (PDFium may round a pixel more).
		img := image.NewRGBA(image.Rect(0, 0, min(w, src.Bounds().Dx()), min(h, src.Bounds().Dy())))
		draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
		out.Image = img
		out.ToPixels, err = d.toPixels(p, src.Bounds().Dx(), src.Bounds().Dy())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	return out, nil
}

// toPixelsScale is how finely toPixels measures: PDFium converts page
// coordinates to whole pixels, so it is asked for an image this many
// times larger.
const toPixelsScale = 64

// toPixels finds the map from page coordinates to the pixels of a w × h
// rendering of p, as PDFium draws it (rotation and crop box included),
// from three points.
func (d *Doc) toPixels(p requests.Page, w, h int) (Affine, error) {
	at := func(x, y float64) (float64, float64, error) {
		r, err := d.inst.FPDF_PageToDevice(&requests.FPDF_PageToDevice{Page: p,
			SizeX: w * toPixelsScale, SizeY: h * toPixelsScale, Rotate: enums.FPDF_PAGE_ROTATION_NONE, PageX: x, PageY: y})
		if err != nil {
			return 0, 0, fmt.Errorf("map page to pixels: %w", err)
		}
		return float64(r.DeviceX) / toPixelsScale, float64(r.DeviceY) / toPixelsScale, nil
	}
	const unit = 1000
	ox, oy, err := at(0, 0)
	if err != nil {
		return Affine{}, err
	}
	xx, xy, err := at(unit, 0)
	if err != nil {
		return Affine{}, err
	}
	yx, yy, err := at(0, unit)
	if err != nil {
		return Affine{}, err
	}
	return Affine{A: (xx - ox) / unit, B: (yx - ox) / unit, C: ox, D: (xy - oy) / unit, E: (yy - oy) / unit, F: oy}, nil
}
