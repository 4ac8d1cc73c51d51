package timeline

import (
	"image"
	"testing"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// The strip writes its rows' names in the label column, at 10 px a unit
// of scale: twice as wide at scale 2.
func TestRenderWritesRowNames(t *testing.T) {
	items := []Item{{ID: 1, At: at(9, 10), Row: RowOverhead, State: "intact"}, {ID: 2, At: at(11, 10), Row: RowGround, State: "destroyed"}}
	l := Arrange(items, Window{}, 600, DefaultSizes)
	var widths []int
	for _, k := range []float64{1, 2} {
		img := Render(l, nil, DefaultSizes, k)
		r := image.Rect(0, int(l.RowTop[0]*k), int(DefaultSizes.Label*k), int((l.RowTop[0]+l.RowHeight[0])*k))
		ink := image.Rectangle{}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if c := img.RGBAAt(x, y); c.R < 0xA0 {
					ink = ink.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if ink.Empty() {
			t.Fatalf("scale %g: no row name in %v", k, r)
		}
		widths = append(widths, ink.Dx())
	}
	f := face{glyphs.Regular(), 10}
	if w := f.width(RowNames[0]); widths[0] < w-4 || widths[0] > w+1 || widths[1] < 2*widths[0]-3 || widths[1] > 2*widths[0]+3 {
		t.Errorf("%q written %v px wide at scales 1 and 2, measured %d px at 1", RowNames[0], widths, w)
	}
}
