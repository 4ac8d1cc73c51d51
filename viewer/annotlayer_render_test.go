package viewer

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// sampleMarks returns one mark of each kind, with labels, on an image.
func sampleMarks() []catalog.Annotation {
	return []catalog.Annotation{
		{ID: 1, Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.1, Y: 0.25}, {X: 0.4, Y: 0.6}}, Color: "#E53935", Width: 4, Label: "crater"},
		{ID: 2, Kind: catalog.KindEllipse, Points: []catalog.Point{{X: 0.5, Y: 0.15}, {X: 0.9, Y: 0.45}}, Color: "#1E88E5", Width: 3},
		{ID: 3, Kind: catalog.KindArrow, Points: []catalog.Point{{X: 0.55, Y: 0.85}, {X: 0.75, Y: 0.6}}, Color: "#FDD835", Width: 5, Label: "entry"},
		{ID: 4, Kind: catalog.KindPolyline, Points: []catalog.Point{{X: 0.05, Y: 0.9}, {X: 0.2, Y: 0.75}, {X: 0.35, Y: 0.9}}, Color: "#43A047", Width: 6},
		{ID: 5, Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.85, Y: 0.8}}, Color: "#8E24AA", Width: 3, Number: 12},
		{ID: 6, Kind: catalog.KindText, Points: []catalog.Point{{X: 0.45, Y: 0.02}}, Color: "#FFFFFF", Width: 3, Label: "north"},
	}
}

func TestAnnotationLayerRendersGolden(t *testing.T) {
	l, _, win, q := newTestLayer(t, plain(300, 200, color.RGBA{90, 90, 90, 255}), 300, 200)
	l.Load(7, 0, sampleMarks())
	waitFrame(t, l.z, q)
	assertImageClose(t, "annotlayer/kinds.png", win.Canvas().Capture(), 3)
}

// TestAnnotationLayerDrawsAsBurntIn checks that the shapes on screen are
// those annot.Render burns into an export: drawn over the same image at the
// same size, few pixels differ (antialiasing, rounding).
func TestAnnotationLayerDrawsAsBurntIn(t *testing.T) {
	bg := color.RGBA{90, 90, 90, 255}
	var marks []catalog.Annotation
	for _, a := range sampleMarks() {
		if a.Kind != catalog.KindText && a.Kind != catalog.KindCallout {
			a.Label = "" // labels are Fyne text on screen, another font
			marks = append(marks, a)
		}
	}
	for _, size := range []struct{ w, h int }{{300, 200}, {160, 240}} {
		l, _, _, q := newTestLayer(t, plain(size.w, size.h, bg), float32(size.w), float32(size.h))
		l.Load(7, 0, marks)
		waitFrame(t, l.z, q)
		shapes := l.rend.paint(size.w, size.h)
		screen := image.NewRGBA(shapes.Bounds())
		draw.Draw(screen, screen.Rect, plain(size.w, size.h, bg), image.Point{}, draw.Src)
		draw.Draw(screen, screen.Rect, shapes, image.Point{}, draw.Over)
		burnt := annot.Render(plain(size.w, size.h, bg), marks)
		differ, inked := 0, 0
		for i := 0; i < len(burnt.Pix); i += 4 {
			d := 0
			for c := range 3 {
				d = max(d, abs(int(burnt.Pix[i+c])-int(screen.Pix[i+c])))
			}
			if d > 64 {
				differ++
			}
			if burnt.Pix[i] != bg.R || burnt.Pix[i+1] != bg.G || burnt.Pix[i+2] != bg.B {
				inked++
			}
		}
		if inked < 500 {
			t.Fatalf("%dx%d: only %d pixels inked by annot.Render", size.w, size.h, inked)
		}
		t.Logf("%dx%d: %d of %d inked pixels differ", size.w, size.h, differ, inked)
		if differ > inked/50 {
			t.Errorf("%dx%d: %d of %d inked pixels differ from the burnt-in rendering", size.w, size.h, differ, inked)
		}
	}
}

// TestAnnotationLayerPanMovesDrawings checks that the marks' drawings,
// moved rather than redrawn when the view pans, land where a fresh drawing
// does (within the snapping onto device pixels).
func TestAnnotationLayerPanMovesDrawings(t *testing.T) {
	l, _, win, q := newTestLayer(t, plain(300, 200, color.RGBA{90, 90, 90, 255}), 300, 200)
	l.Load(7, 0, sampleMarks())
	l.z.SetView(View{Zoom: 2, Center: catalog.Point{X: 0.4, Y: 0.5}})
	waitFrame(t, l.z, q)
	l.z.PanBy(-37.3, 21.6)
	waitFrame(t, l.z, q)
	moved := win.Canvas().Capture()
	for _, m := range l.rend.marks {
		m.valid = false // draw afresh
	}
	l.Refresh()
	fresh := win.Canvas().Capture()
	differ, inked := 0, 0
	b := moved.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c1 := color.NRGBAModel.Convert(moved.At(x, y)).(color.NRGBA)
			c2 := color.NRGBAModel.Convert(fresh.At(x, y)).(color.NRGBA)
			if c2 != (color.NRGBA{90, 90, 90, 255}) {
				inked++
			}
			if absDiff(c1.R, c2.R) > 64 || absDiff(c1.G, c2.G) > 64 || absDiff(c1.B, c2.B) > 64 {
				differ++
			}
		}
	}
	if inked < 1000 || differ > inked/50 {
		t.Errorf("%d of %d marked pixels differ between moved and fresh drawings", differ, inked)
	}
}
