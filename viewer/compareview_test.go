package viewer

import (
	"image"
	"image/color"
	"math"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// afterScene is quadrants(w, h) where something happened: a dark block in
// the green quarter and the blue quarter turned orange.
func afterScene(w, h int) *image.RGBA {
	img := quadrants(w, h)
	for y := range h {
		for x := range w {
			c := img.RGBAAt(x, y)
			switch {
			case x > w*5/8 && x < w*7/8 && y > h/8 && y < h*3/8:
				img.SetRGBA(x, y, color.RGBA{20, 20, 20, 255})
			case c == (color.RGBA{40, 60, 220, 255}):
				img.SetRGBA(x, y, color.RGBA{230, 140, 30, 255})
			}
		}
	}
	return img
}

func TestCompareViewModesRenderGolden(t *testing.T) {
	tests := []struct {
		mode   CompareMode
		w      float32
		golden string
	}{
		{ModeSideBySide, 204, "compare/sidebyside.png"},
		{ModeSwipe, 128, "compare/swipe.png"},
		{ModeBlend, 128, "compare/blend.png"},
		{ModeDifference, 128, "compare/difference.png"},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			cv, win, q := newTestCompare(t, quadrants(64, 48), afterScene(64, 48), tt.w, 96)
			cv.SetSwipe(0.5)
			cv.SetBlend(0.5)
			cv.SetGain(1)
			cv.SetMode(tt.mode)
			waitCompare(t, cv, q)
			assertImageClose(t, tt.golden, win.Canvas().Capture(), 3)
		})
	}
}

// TestCompareViewCompositesWhatTheModeSays checks the images the overlay
// modes show, pixel by pixel, against the definition of each mode.
func TestCompareViewCompositesWhatTheModeSays(t *testing.T) {
	before, after := quadrants(64, 48), afterScene(64, 48)
	cv, _, q := newTestCompare(t, before, after, 128, 96)
	inBlock := image.Pt(48, 12)  // the dark block of the after image
	inBlue := image.Pt(10, 40)   // blue before, orange after
	unchanged := image.Pt(10, 8) // red in both
	check := func(name string, at image.Point, want color.RGBA) {
		t.Helper()
		got := cv.ov.Image().(*image.RGBA).RGBAAt(at.X, at.Y)
		if absDiff(got.R, want.R) > 2 || absDiff(got.G, want.G) > 2 || absDiff(got.B, want.B) > 2 {
			t.Errorf("%s at %v: %v, want %v", name, at, got, want)
		}
	}
	cv.SetMode(ModeDifference)
	cv.SetGain(2)
	waitCompare(t, cv, q)
	check("difference, unchanged", unchanged, color.RGBA{0, 0, 0, 255})
	check("difference, blue to orange", inBlue, color.RGBA{255, 2 * (140 - 60), 255, 255}) // 2×190, 2×190 clamp
	check("difference, dark block", inBlock, color.RGBA{2 * (40 - 20), 255, 2 * (60 - 20), 255})
	cv.SetMode(ModeBlend)
	cv.SetBlend(0.25)
	waitCompare(t, cv, q)
	check("blend 25 %", inBlue, color.RGBA{88, 80, 172, 255}) // 40·¾+230·¼, 60·¾+140·¼, 220·¾+30·¼
	cv.SetMode(ModeSwipe)
	cv.SetSwipe(0.5)
	waitCompare(t, cv, q)
	check("swipe, left of the divider", inBlue, color.RGBA{40, 60, 220, 255})
	check("swipe, right of the divider", inBlock, color.RGBA{20, 20, 20, 255})
	cv.SetSwipe(0.9)
	waitCompare(t, cv, q)
	check("swipe moved right", inBlock, color.RGBA{40, 180, 60, 255})
}

func TestCompareViewAppliesTheTransform(t *testing.T) {
	before := pattern(80, 60)
	after := shifted(before, 8, 4) // the camera moved: the scene is 8 px right, 4 px down
	cv, _, q := newTestCompare(t, before, after, 160, 120)
	cv.SetMode(ModeDifference)
	cv.SetGain(1)
	waitCompare(t, cv, q)
	dark := func() (inside, total int) {
		img := cv.ov.Image().(*image.RGBA)
		for y := 6; y < 58; y++ {
			for x := 10; x < 78; x++ {
				c := img.RGBAAt(x, y)
				if c.R < 4 && c.G < 4 && c.B < 4 {
					inside++
				}
				total++
			}
		}
		return inside, total
	}
	if n, total := dark(); n > total/4 {
		t.Fatalf("unaligned: %d of %d pixels black, the shift should show", n, total)
	}
	// the after point (x, y) shows the before point (x-8, y-4)
	tr := annot.Transform{Kind: annot.KindAffine, M: [6]float64{1, 0, -8.0 / 80, 0, 1, -4.0 / 60}}
	if err := cv.SetTransform(&tr); err != nil {
		t.Fatal(err)
	}
	waitCompare(t, cv, q)
	if n, total := dark(); n != total {
		t.Errorf("aligned: %d of %d pixels black, want all where both images cover", n, total)
	}
	bad := annot.Transform{Kind: annot.KindAffine, M: [6]float64{1, 2, 0, 0.5, 1, 0}}
	if err := cv.SetTransform(&bad); err == nil {
		t.Error("a transform that is not invertible is refused")
	}
	if cv.Transform() == nil || *cv.Transform() != tr {
		t.Error("a refused transform replaced the alignment")
	}
}

func TestCompareViewLinksSides(t *testing.T) {
	// the after image is a 2× view of the middle of the before scene:
	// after (x, y) is before (0.25 + x/2, 0.25 + y/2)
	cv, _, q := newTestCompare(t, quadrants(100, 80), quadrants(100, 80), 204, 80)
	waitCompare(t, cv, q)
	b, a := cv.SideView(SideBefore), cv.SideView(SideAfter)
	b.ZoomAt(2, fyne.NewPos(50, 40))
	if a.View() != b.View() {
		t.Errorf("unaligned, same sizes: after view %v, before %v", a.View(), b.View())
	}
	tr := annot.Transform{Kind: annot.KindAffine, M: [6]float64{0.5, 0, 0.25, 0, 0.5, 0.25}}
	if err := cv.SetTransform(&tr); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		move   func()
		before View
		after  View
	}{
		{"before zoomed", func() { b.ZoomAt(4, fyne.NewPos(50, 40)) },
			View{Zoom: 4, Center: catalog.Point{X: 0.5, Y: 0.5}}, View{Zoom: 2, Center: catalog.Point{X: 0.5, Y: 0.5}}},
		{"before panned", func() { b.PanBy(40, -32) }, // 40 units = 0.1 of 400 shown
			View{Zoom: 4, Center: catalog.Point{X: 0.4, Y: 0.6}}, View{Zoom: 2, Center: catalog.Point{X: 0.3, Y: 0.7}}},
		{"after panned", func() { a.PanBy(-20, 0) }, // 20 of 200 shown: 0.1 of the after image
			View{Zoom: 4, Center: catalog.Point{X: 0.45, Y: 0.6}}, View{Zoom: 2, Center: catalog.Point{X: 0.4, Y: 0.7}}},
	}
	for _, tt := range tests {
		tt.move()
		if !nearView(b.View(), tt.before) || !nearView(a.View(), tt.after) {
			t.Errorf("%s: before %v after %v, want %v %v", tt.name, b.View(), a.View(), tt.before, tt.after)
		}
	}
	cv.SetLinked(false)
	a.PanBy(-20, 0)
	if !nearView(b.View(), tests[2].before) {
		t.Error("unlinked sides move alone")
	}
	// the view carries over to the overlay modes, in before fractions
	cv.SetMode(ModeBlend)
	if !nearView(cv.ActiveView().View(), tests[2].before) {
		t.Errorf("blend view %v, want the before side's %v", cv.ActiveView().View(), tests[2].before)
	}
}

func nearView(a, b View) bool {
	return math.Abs(a.Zoom-b.Zoom) < 1e-6 && nearPt(a.Center, b.Center, 1e-6)
}

func TestCompareViewFlicker(t *testing.T) {
	cv, _, q := newTestCompare(t, quadrants(64, 48), afterScene(64, 48), 128, 96)
	cv.SetFlickerInterval(5 * time.Millisecond)
	if cv.flickerRunning() {
		t.Fatal("flicker runs outside its mode")
	}
	cv.SetMode(ModeFlicker)
	q.WaitUntil(t, "three toggles", func() bool { return cv.flick.toggles >= 3 })
	q.Drain()
	if cv.ovTop.Visible() != cv.FlickerShowsAfter() {
		t.Errorf("after image visible %v while flicker shows after %v", cv.ovTop.Visible(), cv.FlickerShowsAfter())
	}
	cv.Hide()
	if cv.flickerRunning() {
		t.Error("flicker runs while hidden")
	}
	cv.Show()
	if !cv.flickerRunning() {
		t.Error("flicker does not resume when shown")
	}
	shows := cv.FlickerShowsAfter()
	cv.typedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if cv.flickerRunning() || cv.FlickerShowsAfter() == shows {
		t.Error("space steps the flicker by hand and pauses it")
	}
	test.Type(cv.Layer(SideBefore), "5") // choosing flicker again resumes
	if !cv.flickerRunning() {
		t.Error("5 does not resume the flicker")
	}
	cv.SetMode(ModeDifference)
	if cv.flickerRunning() {
		t.Error("flicker runs after leaving its mode")
	}
	cv.SetMode(ModeFlicker)
	if !cv.flickerRunning() {
		t.Fatal("flicker does not run in its mode")
	}
	cv.rend.Destroy()
	if cv.flickerRunning() {
		t.Error("flicker runs after its renderer is destroyed")
	}
}

func TestCompareViewKeys(t *testing.T) {
	cv, _, q := newTestCompare(t, quadrants(64, 48), afterScene(64, 48), 128, 96)
	var modes []CompareMode
	cv.OnModeChanged = func(m CompareMode) { modes = append(modes, m) }
	// keys typed on a layer, and on the overlay view, reach the compare view
	test.Type(cv.Layer(SideAfter), "4")
	test.Type(cv.ActiveView(), "2")
	test.Type(cv.ActiveView(), "3")
	test.Type(cv.ActiveView(), "1")
	if want := []CompareMode{ModeDifference, ModeSwipe, ModeBlend, ModeSideBySide}; !slices.Equal(modes, want) {
		t.Errorf("modes %v, want %v", modes, want)
	}
	cv.SetMode(ModeSwipe)
	waitCompare(t, cv, q)
	cv.SetSwipe(0.5)
	cv.ActiveView().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := cv.Swipe(); math.Abs(got-0.52) > 1e-9 {
		t.Errorf("right arrow moved the divider to %v, want 0.52", got)
	}
	cv.ActiveView().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	cv.ActiveView().TypedKey(&fyne.KeyEvent{Name: fyne.KeyLeft})
	if got := cv.Swipe(); math.Abs(got-0.48) > 1e-9 {
		t.Errorf("left arrow moved the divider to %v, want 0.48", got)
	}
	// the divider is dragged; a drag elsewhere pans
	x := cv.swipe.lineX()
	drag := func(from, to fyne.Position) {
		cv.swipe.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}})
		cv.swipe.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
		cv.swipe.DragEnd()
		cv.swipe.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: to}})
	}
	drag(fyne.NewPos(x+3, 50), fyne.NewPos(96, 50))
	if got := cv.Swipe(); math.Abs(got-cv.ov.WidgetToImage(fyne.NewPos(96, 50)).X) > 1e-6 || got < 0.7 {
		t.Errorf("dragged divider at %v", got)
	}
	cv.ActiveView().ZoomAt(3, fyne.NewPos(64, 48))
	v, sw := cv.View(), cv.Swipe()
	drag(fyne.NewPos(10, 50), fyne.NewPos(30, 50))
	if cv.View() == v || cv.Swipe() != sw {
		t.Errorf("a drag away from the divider pans: view %v → %v, divider %v → %v", v, cv.View(), sw, cv.Swipe())
	}
}

func TestCompareViewAsksForDetail(t *testing.T) {
	// previews of 64×48 of originals of 640×480
	before, after := quadrants(64, 48), afterScene(64, 48)
	origB, origA := quadrants(640, 480), afterScene(640, 480)
	cv, _, q := newTestCompare(t, before, after, 128, 96)
	cv.SetFullSize(SideBefore, 640, 480)
	cv.SetFullSize(SideAfter, 640, 480)
	type ask struct {
		side  Side
		r     Region
		scale float64
	}
	var asks []ask
	cv.OnDetailWanted = func(s Side, r Region, scale float64) { asks = append(asks, ask{s, r, scale}) }
	waitCompare(t, cv, q)
	if len(asks) != 0 {
		t.Fatalf("at fit nothing is asked: %v", asks)
	}
	answer := func() {
		for _, a := range asks {
			o := origB
			if a.side == SideAfter {
				o = origA
			}
			crop, r := CropRegion(o, a.r)
			cv.SetDetail(a.side, crop, r)
		}
		asks = nil
	}
	// side by side: each side asks for its own region
	cv.SideView(SideBefore).ZoomAt(8, fyne.NewPos(30, 24))
	if len(asks) != 2 || asks[0].side == asks[1].side {
		t.Fatalf("zoomed side by side: asked %v", asks)
	}
	for _, a := range asks {
		vis := cv.SideView(a.side).VisibleRegion()
		if !a.r.Contains(vis) || a.scale <= 64.0/640 {
			t.Errorf("%s: asked %v at %v for visible %v", a.side, a.r, a.scale, vis)
		}
	}
	answer()
	waitCompare(t, cv, q)
	for s := range 2 {
		if img, _ := cv.SideView(Side(s)).Detail(); img == nil {
			t.Errorf("%s side shows no detail", Side(s))
		}
	}
	// a short pan within the margin asks nothing more
	cv.SideView(SideBefore).PanBy(3, 2)
	if len(asks) != 0 {
		t.Errorf("a short pan asked %v", asks)
	}
	// difference mode: the crops it has cover the view; the composite
	// detail is the difference of the two originals' crops
	cv.SetMode(ModeDifference)
	cv.SetGain(1)
	waitCompare(t, cv, q)
	answer()
	waitCompare(t, cv, q)
	img, r := cv.ov.Detail()
	if img == nil {
		t.Fatal("difference mode shows no detail")
	}
	d := img.(*image.RGBA)
	px := r.Pixels(640, 480)
	want := annot.Difference(origB.SubImage(px), origA.SubImage(px), 1)
	if !imagesClose(d, want, 1) {
		t.Error("the detail is not the difference of the originals' crops")
	}
}

func TestCompareViewAlignmentPicking(t *testing.T) {
	// the after camera stood elsewhere: after (x, y) shows before
	// (0.8x + 0.1y + 0.05, -0.05x + 0.9y + 0.1)
	known := annot.Transform{Kind: annot.KindAffine, M: [6]float64{0.8, 0.1, 0.05, -0.05, 0.9, 0.1}}
	inv, _ := known.Invert()
	cv, _, q := newTestCompare(t, quadrants(200, 150), quadrants(160, 120), 404, 150)
	cv.SetFullSize(SideBefore, 2000, 1500)
	var got []*catalog.Alignment
	cv.OnAlignmentChanged = func(a *catalog.Alignment) { got = append(got, a) }
	waitCompare(t, cv, q)
	cv.StartAlignment(nil)
	ob, oa := cv.sides[0].overlay.(*alignOverlay), cv.sides[1].overlay.(*alignOverlay)
	tapAt := func(o *alignOverlay, p catalog.Point) {
		test.TapAt(o, o.z().ImageToWidget(p))
	}
	befores := []catalog.Point{{X: 0.2, Y: 0.2}, {X: 0.8, Y: 0.25}, {X: 0.5, Y: 0.8}, {X: 0.3, Y: 0.6}}
	for i, pb := range befores {
		// alternate the side clicked first
		if i%2 == 0 {
			tapAt(ob, pb)
			tapAt(oa, inv.Apply(pb))
		} else {
			tapAt(oa, inv.Apply(pb))
			tapAt(ob, pb)
		}
		if i < 2 && len(got) != 0 {
			t.Fatalf("%d pairs gave an alignment", i+1)
		}
	}
	if len(got) != 2 || got[0] == nil || got[1] == nil {
		t.Fatalf("alignments reported: %v", got)
	}
	al := got[1]
	for i, m := range al.M {
		if math.Abs(m-known.M[i]) > 1e-3 {
			t.Errorf("fitted M %v, want %v", al.M, known.M)
			break
		}
	}
	if annot.RMS(al.Residuals) > 0.5 {
		t.Errorf("residuals %v px for exact points", al.Residuals)
	}
	if cv.Transform() == nil || math.Abs(cv.Transform().M[0]-0.8) > 1e-3 {
		t.Error("the fitted alignment is not applied")
	}
	// drag the 4th before point away: it shows a residual
	from := ob.z().ImageToWidget(befores[3])
	to := from.Add(fyne.NewPos(6, 0))
	ob.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}})
	ob.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(6, 0)})
	ob.DragEnd()
	al = got[len(got)-1]
	if len(al.Residuals) != 4 || annot.RMS(al.Residuals) < 1 {
		t.Errorf("after moving a point: residuals %v", al.Residuals)
	}
	// select it and delete it: the fit is exact again
	test.TapAt(ob, to)
	ob.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	al = got[len(got)-1]
	if al == nil || len(al.Before) != 3 || annot.RMS(al.Residuals) > 0.5 {
		t.Errorf("after deleting the moved point: %+v", al)
	}
	// a pending point is dropped by Escape, and does not change the fit
	n := len(got)
	tapAt(ob, catalog.Point{X: 0.9, Y: 0.9})
	ob.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b, _ := cv.AlignmentPoints(); len(b) != 3 || len(got) != n {
		t.Errorf("pending point: %d pairs, %d reports", len(b), len(got)-n)
	}
	// deleting below 3 pairs reports no alignment; reset clears
	test.TapAt(ob, ob.z().ImageToWidget(befores[0]))
	ob.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if got[len(got)-1] != nil || cv.Transform() != nil {
		t.Error("2 pairs still give an alignment")
	}
	cv.ResetAlignment()
	if b, _ := cv.AlignmentPoints(); len(b) != 0 || got[len(got)-1] != nil {
		t.Error("reset")
	}
	cv.StopAlignment()
	if cv.sides[0].overlay != fyne.CanvasObject(cv.Layer(SideBefore)) {
		t.Error("the annotation layers are back after aligning")
	}
}

func TestCompareViewStartsFromAStoredAlignment(t *testing.T) {
	cv, _, q := newTestCompare(t, quadrants(200, 150), quadrants(200, 150), 404, 150)
	waitCompare(t, cv, q)
	al, err := annot.FitAlignment(
		[]catalog.Point{{X: 0.1, Y: 0.1}, {X: 0.9, Y: 0.2}, {X: 0.5, Y: 0.9}},
		[]catalog.Point{{X: 0.15, Y: 0.1}, {X: 0.95, Y: 0.2}, {X: 0.55, Y: 0.9}}, 200, 150)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	cv.OnAlignmentChanged = func(*catalog.Alignment) { calls++ }
	cv.StartAlignment(al)
	if b, a := cv.AlignmentPoints(); len(b) != 3 || !slices.Equal(a, al.After) || calls != 0 {
		t.Errorf("stored points: %v %v, %d reports", b, a, calls)
	}
	if s := cv.AlignmentStatus(); s == "" {
		t.Error("no status")
	}
}

func TestCompareViewReportsUnreadableImages(t *testing.T) {
	cv, _, q := newTestCompare(t, panicImage{}, quadrants(40, 30), 128, 96)
	var errs []error
	cv.OnError = func(err error) { errs = append(errs, err) }
	cv.SetMode(ModeDifference)
	q.WaitUntil(t, "an error", func() bool { return len(errs) > 0 })
	if cv.ov.Image() != nil {
		t.Error("nothing is shown for an image that cannot be read")
	}
	// a good pair afterwards is shown
	cv.SetImages(quadrants(40, 30), afterScene(40, 30))
	waitCompare(t, cv, q)
	if cv.ov.Image() == nil {
		t.Error("the next pair is not shown")
	}
}
