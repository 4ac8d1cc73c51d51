package annot

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// scene draws a deterministic street-like picture: sky, ground, a
// building with windows. Windows are at known places for the tests.
func scene(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var c color.RGBA
			if y < h*45/100 { // sky
				c = color.RGBA{uint8(90 + 80*y/h), uint8(140 + 60*y/h), 210, 255}
			} else { // ground
				c = color.RGBA{uint8(110 + 30*x/w), uint8(100 + 20*x/w), 80, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	fill := func(r image.Rectangle, c color.RGBA) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				m.SetRGBA(x, y, c)
			}
		}
	}
	// A building and its windows.
	fill(image.Rect(w*20/100, h*25/100, w*60/100, h*80/100), color.RGBA{190, 180, 160, 255})
	for i := range 4 {
		for j := range 3 {
			x0 := w*24/100 + i*w*9/100
			y0 := h*32/100 + j*h*15/100
			fill(image.Rect(x0, y0, x0+w*5/100, y0+h*8/100), color.RGBA{40, 45, 60, 255})
		}
	}
	return m
}

// kindsAnnotations has one annotation of each kind, and a few variants
// that exercise label placement (at the top edge, at the right edge).
func kindsAnnotations() []catalog.Annotation {
	return []catalog.Annotation{
		{Kind: catalog.KindRect, Points: pts(0.23, 0.31, 0.30, 0.41), Color: "#FF0000", Label: "Blown-out window"},
		{Kind: catalog.KindRect, Points: pts(0.70, 0.01, 0.95, 0.20), Color: "#FFFFFF", Width: 2, Label: "Top edge: label below"},
		{Kind: catalog.KindEllipse, Points: pts(0.62, 0.55, 0.92, 0.85), Color: "#2060FF", Width: 5, Label: "Crater"},
		{Kind: catalog.KindArrow, Points: pts(0.10, 0.92, 0.33, 0.62), Color: "#FFD400", Width: 4, Label: "Impact direction"},
		{Kind: catalog.KindPolyline, Points: pts(0.62, 0.30, 0.70, 0.42, 0.80, 0.33, 0.90, 0.48), Color: "#00C040", Width: 2, Label: "Debris line"},
		{Kind: catalog.KindCallout, Points: pts(0.45, 0.40), Color: "#FF0000", Number: 1, Label: "Window"},
		{Kind: catalog.KindCallout, Points: pts(0.97, 0.60), Color: "#FFFF00", Number: 12, Label: "Door"},
		{Kind: catalog.KindCallout, Points: pts(0.52, 0.70), Color: "#000000", Number: 137},
		{Kind: catalog.KindText, Points: pts(0.03, 0.03), Color: "#FFFFFF", Label: "Building 14 — east wall"},
		{Kind: catalog.KindText, Points: pts(0.03, 0.70), Color: "#222222", Width: 5, Label: "Two\nlines"},
		{Kind: catalog.KindText, Points: pts(0.40, 0.03), Color: "#FFD400", Width: 4, Label: "الرقة — Raqqa 2017"},
	}
}

func TestRenderGoldenKinds(t *testing.T) {
	img := scene(640, 420)
	checkGolden(t, "kinds", Render(img, kindsAnnotations()))
}

func TestRenderGoldenWidths(t *testing.T) {
	img := scene(480, 320)
	colours := []string{"#FF0000", "#00A0FF", "#FFFFFF", "#000000", "#FFD400", "#9B30FF"}
	widths := []float64{1, 2, 3, 6, 12, 25}
	var anns []catalog.Annotation
	for i, wd := range widths {
		x := 0.06 + float64(i)*0.155
		c := colours[i]
		anns = append(anns,
			catalog.Annotation{Kind: catalog.KindRect, Points: pts(x, 0.08, x+0.1, 0.25), Color: c, Width: wd},
			catalog.Annotation{Kind: catalog.KindEllipse, Points: pts(x, 0.30, x+0.1, 0.45), Color: c, Width: wd},
			catalog.Annotation{Kind: catalog.KindArrow, Points: pts(x, 0.62, x+0.1, 0.50), Color: c, Width: wd},
			catalog.Annotation{Kind: catalog.KindPolyline, Points: pts(x, 0.70, x+0.03, 0.78, x+0.07, 0.68, x+0.1, 0.77), Color: c, Width: wd},
			catalog.Annotation{Kind: catalog.KindCallout, Points: pts(x+0.05, 0.90), Color: c, Width: min(wd, 12), Number: []int{1, 9, 42, 137, 5, 3}[i]},
		)
	}
	checkGolden(t, "widths", Render(img, anns))
}

// TestRenderGoldenOrientation6 renders on a portrait photo stored
// landscape with EXIF orientation 6, marking features found in the stored
// pixels: the marks must sit on them in the upright render.
func TestRenderGoldenOrientation6(t *testing.T) {
	const o = 6
	upright := scene(480, 720)
	stored := storedOf(upright, o) // what the camera wrote: 360×240
	sw, sh := stored.Bounds().Dx(), stored.Bounds().Dy()
	if sw != 720 || sh != 480 {
		t.Fatalf("stored %dx%d", sw, sh)
	}
	// A window found in the stored pixels: the dark block nearest the
	// stored origin.
	win := darkBlock(stored, image.Rect(0, 0, sw, sh))
	p0 := FromStored(float64(win.Min.X), float64(win.Min.Y), o, sw, sh)
	p1 := FromStored(float64(win.Max.X), float64(win.Max.Y), o, sw, sh)
	anns := []catalog.Annotation{
		{Kind: catalog.KindRect, Points: []catalog.Point{p0, p1}, Color: "#FF0000", Label: "Window (stored pixels)"},
		{Kind: catalog.KindArrow, Points: pts(0.5, 0.95, 0.5, 0.82), Color: "#FFD400", Width: 4},
		{Kind: catalog.KindCallout, Points: pts(0.1, 0.1), Color: "#FF0000", Number: 3, Label: "Sky"},
		{Kind: catalog.KindText, Points: pts(0.05, 0.88), Color: "#FFFFFF", Label: "Orientation 6"},
	}
	got := Render(uprightOf(stored, o), anns)
	if got.Bounds().Dx() != 480 || got.Bounds().Dy() != 720 {
		t.Fatalf("render is %v, want the upright 480×720", got.Bounds().Size())
	}
	// The red outline (drawn alone, without its red label) surrounds the
	// window as seen upright.
	uwin := darkBlock(upright, image.Rect(0, 0, 480, 720).Intersect(pixelsOf(p0, p1, 480, 720).Inset(-3)))
	outline := anns[0]
	outline.Label = ""
	alone := Render(uprightOf(stored, o), []catalog.Annotation{outline})
	red := colourBoxWhere(alone, func(c color.RGBA) bool { return c.R > 200 && c.G < 60 && c.B < 60 }, uwin.Inset(-6))
	if d := rectDistance(red, uwin); d > 2 {
		t.Errorf("red outline %v around upright window %v: %d px off", red, uwin, d)
	}
	checkGolden(t, "orient6", got)
}

// darkBlock returns the bounding box of the connected dark block (a
// window) nearest the top-left of within.
func darkBlock(m *image.RGBA, within image.Rectangle) image.Rectangle {
	dark := func(x, y int) bool { c := m.RGBAAt(x, y); return c.R < 70 && c.G < 70 && c.B < 80 }
	for s := 0; s < within.Dx()+within.Dy(); s++ { // scan anti-diagonals
		for x := within.Min.X; x <= within.Min.X+s && x < within.Max.X; x++ {
			y := within.Min.Y + s - (x - within.Min.X)
			if y >= within.Max.Y || !dark(x, y) {
				continue
			}
			r := image.Rect(x, y, x+1, y+1)
			for r.Max.X < within.Max.X && dark(r.Max.X, y) {
				r.Max.X++
			}
			for r.Min.X > within.Min.X && dark(r.Min.X-1, y) {
				r.Min.X--
			}
			for r.Max.Y < within.Max.Y && dark(x, r.Max.Y) {
				r.Max.Y++
			}
			for r.Min.Y > within.Min.Y && dark(x, r.Min.Y-1) {
				r.Min.Y--
			}
			return r
		}
	}
	return image.Rectangle{}
}

func pixelsOf(p0, p1 catalog.Point, w, h int) image.Rectangle {
	return image.Rect(int(math.Round(p0.X*float64(w))), int(math.Round(p0.Y*float64(h))),
		int(math.Round(p1.X*float64(w))), int(math.Round(p1.Y*float64(h)))).Canon()
}

// colourBoxWhere returns the bounding box of the pixels within r that
// satisfy is.
func colourBoxWhere(m *image.RGBA, is func(color.RGBA) bool, r image.Rectangle) image.Rectangle {
	var out image.Rectangle
	r = r.Intersect(m.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if is(m.RGBAAt(x, y)) {
				out = out.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return out
}

// rectDistance is the largest distance between corresponding edges.
func rectDistance(a, b image.Rectangle) int {
	abs := func(v int) int { return max(v, -v) }
	return max(abs(a.Min.X-b.Min.X), abs(a.Min.Y-b.Min.Y), abs(a.Max.X-b.Max.X), abs(a.Max.Y-b.Max.Y))
}

// downscale averages k×k blocks, as a preview decoder does.
func downscale(m *image.RGBA, k int) *image.RGBA {
	w, h := m.Bounds().Dx()/k, m.Bounds().Dy()/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var s [4]int
			for j := range k {
				for i := range k {
					p := m.Pix[m.PixOffset(x*k+i, y*k+j):]
					for c := range 4 {
						s[c] += int(p[c])
					}
				}
			}
			o := out.Pix[out.PixOffset(x, y):]
			for c := range 4 {
				o[c] = uint8((s[c] + k*k/2) / (k * k))
			}
		}
	}
	return out
}

// TestRenderLandsOnFeatureEveryOrientationAndScale marks a feature found
// in the stored pixels, for every orientation, and renders the upright
// image at full size and at a quarter-size preview: the outline must
// surround the feature in both.
func TestRenderLandsOnFeatureEveryOrientationAndScale(t *testing.T) {
	const W, H = 800, 600
	up := image.NewRGBA(image.Rect(0, 0, W, H))
	for i := range up.Pix {
		up.Pix[i] = 128
		if i%4 == 3 {
			up.Pix[i] = 255
		}
	}
	marker := image.Rect(300, 200, 360, 240)
	for y := marker.Min.Y; y < marker.Max.Y; y++ {
		for x := marker.Min.X; x < marker.Max.X; x++ {
			up.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	green := func(c color.RGBA) bool { return c.G > 150 && c.R < 120 && c.B < 120 }
	for o := 1; o <= 8; o++ {
		stored := storedOf(up, o)
		sw, sh := stored.Bounds().Dx(), stored.Bounds().Dy()
		sm := colourBox(stored, color.RGBA{255, 0, 0, 255})
		ann := catalog.Annotation{Kind: catalog.KindRect, Color: "#00FF00", Width: 2, Points: []catalog.Point{
			FromStored(float64(sm.Min.X), float64(sm.Min.Y), o, sw, sh),
			FromStored(float64(sm.Max.X), float64(sm.Max.Y), o, sw, sh),
		}}
		full := uprightOf(stored, o)
		for _, k := range []int{1, 4} {
			img := full
			if k > 1 {
				img = downscale(full, k)
			}
			got := Render(img, []catalog.Annotation{ann})
			want := image.Rect(marker.Min.X/k, marker.Min.Y/k, marker.Max.X/k, marker.Max.Y/k)
			box := colourBoxWhere(got, green, got.Bounds())
			// The outline is centred on the marker's edge: its box is the
			// marker's grown by half the stroke, rounded out.
			if d := rectDistance(box, want); d > 2 || box.Empty() {
				t.Errorf("orientation %d, scale 1/%d: outline box %v, marker %v", o, k, box, want)
			}
			// The marker's inside is not painted over.
			if c := got.RGBAAt((want.Min.X+want.Max.X)/2, (want.Min.Y+want.Max.Y)/2); c.R < 200 || c.G > 60 {
				t.Errorf("orientation %d, scale 1/%d: marker centre is %v", o, k, c)
			}
		}
	}
}

// TestRenderScalesWithImage renders the same annotations on a preview and
// on the full image: downscaled, the full render marks the same pixels as
// the preview render (same stroke widths, label sizes, positions, in
// proportion).
func TestRenderScalesWithImage(t *testing.T) {
	full := scene(1600, 1200)
	preview := downscale(full, 4)
	anns := kindsAnnotations()
	a := downscale(Render(full, anns), 4)
	b := Render(preview, anns)
	// Thin antialiased lines and small text differ in detail, so compare
	// which pixels the marks cover (intersection over union).
	iou := func(x, y *image.RGBA) float64 {
		marked := func(m *image.RGBA, i int) bool {
			for c := range 3 {
				if d := int(m.Pix[i+c]) - int(preview.Pix[i+c]); d > 40 || d < -40 {
					return true
				}
			}
			return false
		}
		inter, union := 0, 0
		for i := 0; i < len(x.Pix); i += 4 {
			mx, my := marked(x, i), marked(y, i)
			if mx && my {
				inter++
			}
			if mx || my {
				union++
			}
		}
		return float64(inter) / float64(union)
	}
	same := iou(a, b)
	// A mark moved by 1% of the image is caught by that measure.
	moved := append([]catalog.Annotation(nil), anns...)
	for i := range moved {
		moved[i] = Translate(moved[i], 0.01, 0.01)
	}
	shifted := iou(a, Render(preview, moved))
	t.Logf("marked pixels IoU: same annotations %.3f, moved by 1%%: %.3f", same, shifted)
	if same < 0.9 {
		t.Errorf("full render downscaled and preview render mark different pixels: IoU %.3f", same)
	}
	if shifted >= 0.75 {
		t.Errorf("the measure does not see marks moved by 1%% (IoU %.3f)", shifted)
	}
}

func TestRenderKeepsOriginal(t *testing.T) {
	img := scene(200, 150)
	before := append([]uint8(nil), img.Pix...)
	out := Render(img, kindsAnnotations())
	for i := range before {
		if img.Pix[i] != before[i] {
			t.Fatal("Render modified the original image")
		}
	}
	if samePix(out, img) {
		t.Fatal("Render drew nothing")
	}
	// A sub-image with an offset origin renders like the same pixels at 0,0.
	big := scene(300, 200)
	sub := big.SubImage(image.Rect(50, 30, 250, 180)).(*image.RGBA)
	flat := cloneRGBA(sub)
	a, b := Render(sub, kindsAnnotations()), Render(flat, kindsAnnotations())
	if a.Bounds().Min != (image.Point{}) || !samePix(a, b) {
		t.Error("rendering a sub-image differs from rendering its copy")
	}
}

func TestRenderRobust(t *testing.T) {
	img := scene(120, 90)
	bad := []catalog.Annotation{
		{Kind: "circle", Points: pts(0.5, 0.5), Color: "#FF0000"},
		{Kind: catalog.KindRect, Points: pts(0.5, 0.5), Color: "#FF0000"},
		{Kind: catalog.KindRect, Points: pts(math.NaN(), 0.5, 0.7, math.Inf(1)), Color: "#FF0000"},
		{Kind: catalog.KindArrow, Points: pts(0.5, 0.5, 0.5, 0.5), Color: "#FF0000"},
		{Kind: catalog.KindPolyline, Points: pts(-3, -3, 4, 4), Color: "nope", Width: 1e9},
		{Kind: catalog.KindCallout, Points: pts(0.5, 0.5), Color: "#FF0000", Number: -1234567},
		{Kind: catalog.KindText, Points: pts(2, 2), Color: "#FF0000", Label: strings.Repeat("long label ", 300)},
		{Kind: catalog.KindEllipse, Points: pts(0.5, 0.1, 0.5, 0.9), Color: "#FF0000", Width: 3, Label: "\x00\xff"},
	}
	out := Render(img, bad) // must not panic
	if out.Bounds().Size() != img.Bounds().Size() {
		t.Fatal("wrong size")
	}
	// The off-image polyline is clamped and drawn, in FallbackColor.
	fb := colourBoxWhere(out, func(c color.RGBA) bool { return c == color.RGBA(FallbackColor) }, out.Bounds())
	if fb.Empty() {
		t.Error("a bad colour is not drawn in FallbackColor")
	}
	if _, err := RenderChecked(img, bad); err == nil || !strings.Contains(err.Error(), "annotation 1") {
		t.Errorf("RenderChecked = %v, want an error naming annotation 1", err)
	}
	if _, err := RenderChecked(img, kindsAnnotations()); err != nil {
		t.Errorf("RenderChecked of valid annotations: %v", err)
	}
	if m := Render(image.NewRGBA(image.Rectangle{}), kindsAnnotations()); !m.Bounds().Empty() {
		t.Error("render of an empty image is not empty")
	}
}

func TestPixelBounds(t *testing.T) {
	img := scene(400, 300)
	for i, a := range kindsAnnotations() {
		r := PixelBounds(a, 400, 300)
		got := Render(img, []catalog.Annotation{a})
		// Every changed pixel is within the bounds.
		for y := range 300 {
			for x := range 400 {
				if got.RGBAAt(x, y) != img.RGBAAt(x, y) && !image.Pt(x, y).In(r) {
					t.Fatalf("annotation %d (%s): pixel (%d,%d) changed outside PixelBounds %v", i, a.Kind, x, y, r)
				}
			}
		}
	}
}

func TestRenderConcurrent(t *testing.T) {
	img := scene(320, 210)
	want := Render(img, kindsAnnotations())
	done := make(chan *image.RGBA)
	for range 4 {
		go func() { done <- Render(img, kindsAnnotations()) }()
	}
	for range 4 {
		if got := <-done; !samePix(got, want) {
			t.Error("concurrent renders differ")
		}
	}
}
