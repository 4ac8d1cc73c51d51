package timeline

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// Colours of the printed strip.
var (
	paper   = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	rowTint = color.RGBA{0xF3, 0xF3, 0xF1, 0xFF}
	ink     = color.RGBA{0x30, 0x30, 0x30, 0xFF}
	faint   = color.RGBA{0x80, 0x80, 0x80, 0xFF}
)

// legendHeight is the height, at scale 1, of the legend under the strip.
const legendHeight = 22

// Legend lists the states in the order the legend shows them.
var Legend = []string{"intact", "damaged", "destroyed", "unclear", ""}

// Render draws the layout as a picture k pixels per unit: the rows with
// their names, the window's band, the axis with its ticks, each image's
// thumbnail (thumbs[id], a grey square when missing) framed in its state's
// colour, and a legend of the colours under it.
func Render(l Layout, thumbs map[int64]image.Image, sz Sizes, k float64) *image.RGBA {
	W, H := int(l.Width*k), int((l.Height+legendHeight)*k)
	dst := image.NewRGBA(image.Rect(0, 0, max(W, 1), max(H, 1)))
	fill(dst, 0, 0, float64(W), float64(H), paper)
	f := face{glyphs.Regular(), 10 * k}
	for r := range 2 {
		fill(dst, 0, l.RowTop[r]*k, float64(W), (l.RowHeight[r]-1)*k, rowTint)
		f.text(dst, RowNames[r], int(sz.Margin*k), int((l.RowTop[r]+l.RowHeight[r]/2+4)*k), ink)
	}
	if l.HasBand {
		band := image.NewUniform(BandColor)
		r := rect(l.BandX0*k, l.RowTop[0]*k, (l.BandX1-l.BandX0)*k, (l.AxisY-l.RowTop[0])*k)
		draw.Draw(dst, r, band, image.Point{}, draw.Over)
		edge := color.RGBA{0x19, 0x76, 0xD2, 0xFF}
		fill(dst, l.BandX0*k-k, l.RowTop[0]*k, 2*k, (l.AxisY-l.RowTop[0])*k, edge)
		fill(dst, l.BandX1*k-k, l.RowTop[0]*k, 2*k, (l.AxisY-l.RowTop[0])*k, edge)
	}
	fill(dst, l.AxisX0*k-sz.Thumb/2*k, l.AxisY*k, (l.AxisX1-l.AxisX0+sz.Thumb)*k, max(1, k), ink)
	for _, t := range l.Ticks {
		fill(dst, t.X*k, l.AxisY*k, max(1, k), 5*k, ink)
		w := f.width(t.Label)
		f.text(dst, t.Label, int(t.X*k)-w/2, int((l.AxisY+17)*k), faint)
	}
	for _, p := range l.Items {
		c := StateColor(p.State)
		if p.Disputed {
			c = DisputedColor
		}
		if !p.Undated {
			fill(dst, p.T*k, (p.Y+sz.Thumb)*k, max(1, k), (l.AxisY-p.Y-sz.Thumb)*k, c)
		}
		fill(dst, (p.X-3)*k, (p.Y-3)*k, (sz.Thumb+6)*k, (sz.Thumb+6)*k, c)
		inner := rect(p.X*k, p.Y*k, sz.Thumb*k, sz.Thumb*k)
		if img := thumbs[p.ID]; img != nil {
			draw.Draw(dst, inner, image.NewUniform(color.RGBA{0x20, 0x20, 0x20, 0xFF}), image.Point{}, draw.Src)
			xdraw.ApproxBiLinear.Scale(dst, contain(inner, img.Bounds()), img, img.Bounds(), draw.Over, nil)
		} else {
			draw.Draw(dst, inner, image.NewUniform(color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}), image.Point{}, draw.Src)
		}
	}
	if l.UndatedX > 0 {
		f.text(dst, "no date", int(l.UndatedX*k), int((l.AxisY+17)*k), faint)
	}
	// The legend.
	x, y := sz.Margin*k, (l.Height+4)*k
	for _, s := range Legend {
		fill(dst, x, y, 12*k, 12*k, StateColor(s))
		name := s
		if s == "" {
			name = "not coded"
		}
		f.text(dst, name, int(x+16*k), int(y+11*k), ink)
		x += float64(f.width(name)) + 34*k
	}
	if l.HasBand {
		fill(dst, x, y, 24*k, 12*k, color.RGBA{0xC6, 0xDD, 0xF4, 0xFF})
		f.text(dst, "the window", int(x+28*k), int(y+11*k), ink)
	}
	return dst
}

// contain returns the part of r that src fills, kept in proportion.
func contain(r, src image.Rectangle) image.Rectangle {
	sw, sh := float64(src.Dx()), float64(src.Dy())
	rw, rh := float64(r.Dx()), float64(r.Dy())
	if sw <= 0 || sh <= 0 {
		return r
	}
	s := min(rw/sw, rh/sh)
	w, h := int(sw*s), int(sh*s)
	x, y := r.Min.X+(r.Dx()-w)/2, r.Min.Y+(r.Dy()-h)/2
	return image.Rect(x, y, x+w, y+h)
}

func rect(x, y, w, h float64) image.Rectangle {
	return image.Rect(int(x), int(y), int(x+w+0.5), int(y+h+0.5))
}

func fill(dst *image.RGBA, x, y, w, h float64, c color.RGBA) {
	draw.Draw(dst, rect(x, y, w, h).Intersect(dst.Bounds()), image.NewUniform(c), image.Point{}, draw.Src)
}

// face is the strip's text: DejaVu Sans (with its fallbacks) at 10 points
// at 72 dpi times the scale, in pixels.
type face struct {
	f    *glyphs.Face
	size float64
}

// width returns the width of s, in whole pixels.
func (f face) width(s string) int { return int(math.Ceil(f.f.Measure(s, f.size))) }

// text writes s with its baseline at (x, y) in colour c.
func (f face) text(dst *image.RGBA, s string, x, y int, c color.RGBA) {
	f.f.Draw(dst, s, float64(x), float64(y), f.size, c)
}
