package compare

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestCompareModes switches every mode by its button and by its key (with
// nothing focused, and with a side focused), checks the mode's control,
// that the annotation toolbar works side by side only, and that the mode
// is remembered.
func TestCompareModes(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 1)
	if cs.cv.Transform() == nil {
		t.Fatal("pair 1 is aligned, the view is not")
	}
	if !strings.Contains(cs.window.Text, "aligned on 4 points") {
		t.Errorf("header %q", cs.window.Text)
	}
	check := func(how string, m viewer.CompareMode) {
		t.Helper()
		if cs.cv.Mode() != m {
			t.Fatalf("%s: mode %v, want %v", how, cs.cv.Mode(), m)
		}
		for i, b := range cs.modes.buttons {
			if want := map[bool]widget.Importance{true: widget.HighImportance, false: widget.MediumImportance}[i == int(m)]; b.Importance != want {
				t.Errorf("%s: button %q importance %v", how, b.Text, b.Importance)
			}
		}
		if tw.settings.CompareMode() != m {
			t.Errorf("%s: mode remembered %v", how, tw.settings.CompareMode())
		}
		if on := m == viewer.ModeSideBySide; cs.tools.Enabled != on || cs.tools.Tools[viewer.ToolRect].Disabled() == on {
			t.Errorf("%s: annotation toolbar enabled %v in %v", how, cs.tools.Enabled, m)
		}
		waitComposed(t, tw, cs)
	}
	for i := len(modeNames) - 1; i >= 0; i-- {
		test.Tap(cs.modes.buttons[i])
		check("button "+modeNames[i], viewer.CompareMode(i))
	}
	typed := tw.win.Canvas().OnTypedRune()
	for i := range modeNames {
		typed(rune('1' + i))
		check("key "+string(rune('1'+i)), viewer.CompareMode(i))
	}
	// with a side focused, the view's own keys
	l := cs.cv.Layer(viewer.SideBefore)
	tw.win.Canvas().Focus(l)
	l.TypedRune('3')
	check("3 on the focused side", viewer.ModeBlend)
	tw.win.Canvas().Unfocus()

	// the mode's control
	if !slices.ContainsFunc(apptest.Texts(cs.modes.params), func(s string) bool { return strings.HasPrefix(s, "After at") }) {
		t.Error("blend mode shows no opacity")
	}
	cs.modes.blend.SetValue(80)
	if cs.cv.Blend() != 0.8 {
		t.Errorf("opacity slider at 80 gives %v", cs.cv.Blend())
	}
	typed('4')
	cs.modes.gain.SetValue(12)
	if cs.cv.Gain() != 12 || !slices.Contains(apptest.Texts(cs.modes.params), "Gain × 12") {
		t.Errorf("gain %v, shown %v", cs.cv.Gain(), apptest.Texts(cs.modes.params))
	}
	typed('2')
	keys := tw.win.Canvas().OnTypedKey()
	x := cs.cv.Swipe()
	keys(&fyne.KeyEvent{Name: fyne.KeyRight})
	if got := cs.cv.Swipe(); math.Abs(got-x-0.02) > 1e-9 {
		t.Errorf("Right moves the divider from %v to %v", x, got)
	}
	typed('5')
	shows := cs.cv.FlickerShowsAfter()
	keys(&fyne.KeyEvent{Name: fyne.KeySpace})
	if cs.cv.FlickerShowsAfter() == shows {
		t.Error("Space does not step the flicker")
	}
	test.Tap(cs.modes.step)
	if cs.cv.FlickerShowsAfter() != shows {
		t.Error("the step button does not step the flicker")
	}
	waitComposed(t, tw, cs)
	typed('4')
	waitComposed(t, tw, cs)

	// A compare screen made next (the next run) starts in the mode used
	// last.
	next := newCompareScreen(tw.Host, tw.settings, tw.sess)
	defer next.Close()
	if m := next.cv.Mode(); m != viewer.ModeDifference || next.modes.buttons[3].Importance != widget.HighImportance {
		t.Errorf("a new compare screen starts in %v, want difference", m)
	}
}

// TestCompareAnnotations draws each kind of mark through the layers of
// both sides, moves one, gives one a label and a note in the side panel,
// undoes and redoes (in the order made, across the sides) and deletes,
// checking the store after each step.
func TestCompareAnnotations(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 2) // the satellite pair: no marks yet
	cs.cv.SetMode(viewer.ModeSideBySide)
	before, after := cs.cv.Layer(viewer.SideBefore), cs.cv.Layer(viewer.SideAfter)
	p := cs.data.pair
	if n := len(apptest.StoredMarks(t, c, p.ID)); n != 0 {
		t.Fatalf("pair 2 has %d marks", n)
	}
	// newest returns the mark added last, checking it is stored on the
	// right side of the pair.
	newest := func(kind catalog.AnnotationKind, side viewer.Side, n int) *catalog.Annotation {
		t.Helper()
		marks := apptest.StoredMarks(t, c, p.ID)
		if len(marks) != n {
			t.Fatalf("%d marks stored after the %s, want %d", len(marks), kind, n)
		}
		var last *catalog.Annotation
		for _, a := range marks {
			if last == nil || a.ID > last.ID {
				last = a
			}
		}
		imageID := []int64{p.BeforeID, p.AfterID}[side]
		if last.Kind != kind || last.ImageID != imageID || last.PairID != p.ID {
			t.Fatalf("stored %s on image %d pair %d, want %s on image %d pair %d", last.Kind, last.ImageID, last.PairID, kind, imageID, p.ID)
		}
		return last
	}
	tool := func(tl viewer.Tool) { test.Tap(cs.tools.Tools[tl]) }

	tool(viewer.ToolRect)
	apptest.DragLayer(before, 0.2, 0.2, 0.4, 0.35)
	rect := newest(catalog.KindRect, viewer.SideBefore, 1)
	if math.Abs(rect.Points[0].X-0.2) > 0.01 || math.Abs(rect.Points[1].Y-0.35) > 0.01 {
		t.Errorf("rect at %v", rect.Points)
	}
	test.Tap(cs.tools.Swatches[3]) // green
	cs.tools.Width.SetSelected("Thick")
	tool(viewer.ToolEllipse)
	apptest.DragLayer(after, 0.5, 0.5, 0.7, 0.6)
	ell := newest(catalog.KindEllipse, viewer.SideAfter, 2)
	if ell.Color != "#43A047" || ell.Width != 5 {
		t.Errorf("ellipse drawn %s width %v, want the style chosen", ell.Color, ell.Width)
	}
	if col, w := tw.settings.MarkStyle(); col != "#43A047" || w != 5 {
		t.Errorf("style remembered %s %v", col, w)
	}
	tool(viewer.ToolArrow)
	apptest.DragLayer(after, 0.1, 0.9, 0.3, 0.7)
	newest(catalog.KindArrow, viewer.SideAfter, 3)
	tool(viewer.ToolPolyline)
	apptest.ClickLayer(before, 0.6, 0.1)
	apptest.ClickLayer(before, 0.7, 0.2)
	apptest.ClickLayer(before, 0.8, 0.1)
	before.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if line := newest(catalog.KindPolyline, viewer.SideBefore, 4); len(line.Points) != 3 {
		t.Errorf("line of %d points", len(line.Points))
	}
	tool(viewer.ToolCallout)
	apptest.ClickLayer(after, 0.45, 0.3)
	c1 := newest(catalog.KindCallout, viewer.SideAfter, 5)
	apptest.ClickLayer(before, 0.3, 0.6)
	c2 := newest(catalog.KindCallout, viewer.SideBefore, 6)
	// numbered across the pair, after those of its images
	top := 0
	for _, l := range []*viewer.AnnotationLayer{before, after} {
		for _, a := range l.Annotations() {
			if a.ID != c1.ID && a.ID != c2.ID {
				top = max(top, a.Number)
			}
		}
	}
	if c1.Number != top+1 || c2.Number != top+2 {
		t.Errorf("callouts numbered %d, %d: want %d, %d across the pair", c1.Number, c2.Number, top+1, top+2)
	}
	tool(viewer.ToolText)
	apptest.ClickLayer(after, 0.2, 0.15)
	for _, r := range "Crater" {
		after.TypedRune(r)
	}
	after.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if txt := newest(catalog.KindText, viewer.SideAfter, 7); txt.Label != "Crater" {
		t.Errorf("text %q", txt.Label)
	}
	if nb, na := len(before.Annotations())-len(cs.data.anns[0]), len(after.Annotations())-len(cs.data.anns[1]); nb != 3 || na != 4 {
		t.Errorf("layers show %d and %d new marks", nb, na)
	}

	// Select and move the rect.
	tool(viewer.ToolSelect)
	apptest.ClickLayer(before, 0.3, 0.2) // on its top edge
	if a, ok := before.Selected(); !ok || a.ID != rect.ID {
		t.Fatalf("clicking the rect selects %v %v", a.ID, ok)
	}
	if cs.side.SelectedIndex() != 1 || !cs.marks.Editor.Visible() {
		t.Error("the Marks panel does not show the selected mark")
	}
	apptest.DragLayer(before, 0.3, 0.2, 0.35, 0.3)
	moved := apptest.StoredMarks(t, c, p.ID)[rect.ID]
	if math.Abs(moved.Points[0].X-0.25) > 0.01 || math.Abs(moved.Points[0].Y-0.3) > 0.01 {
		t.Errorf("moved rect at %v, want its corner at (0.25, 0.3)", moved.Points)
	}

	// A label and a note, typed in the panel: stored after a pause, or at
	// once when another mark is selected.
	test.Type(cs.marks.Label, "Roof hole")
	test.Type(cs.marks.Note, "Seen on both dates")
	tw.q.WaitUntil(t, "the label stored", func() bool {
		return apptest.StoredMarks(t, c, p.ID)[rect.ID].Label == "Roof hole"
	})
	if got := apptest.StoredMarks(t, c, p.ID)[rect.ID].Note; got != "Seen on both dates" {
		t.Errorf("note stored %q", got)
	}
	test.Type(cs.marks.Label, " (east)")
	after.Select(ell.ID) // before the pause
	if got := apptest.StoredMarks(t, c, p.ID)[rect.ID].Label; got != "Roof hole (east)" {
		t.Errorf("label typed before selecting another mark: %q", got)
	}
	if _, sel := before.Selected(); sel {
		t.Error("two marks selected, one per side")
	}
	if cs.marks.Label.Text != "" || !strings.Contains(cs.marks.Head.Text, "after") {
		t.Errorf("panel shows %q, label %q for the ellipse", cs.marks.Head.Text, cs.marks.Label.Text)
	}

	// Undo (Ctrl+Z, through the menu's Undo shortcut) goes back across
	// the sides in the order made: the label, then the move of the rect.
	cs.Undo() // Ctrl+Z, through the window's Undo shortcut
	if got := apptest.StoredMarks(t, c, p.ID)[rect.ID].Label; got != "Roof hole" {
		t.Errorf("undo: label %q", got)
	}
	cs.Undo() // Edit ▸ Undo
	cs.Undo()
	if got := apptest.StoredMarks(t, c, p.ID)[rect.ID]; got.Label != "" || math.Abs(got.Points[0].Y-0.2) > 0.01 {
		t.Errorf("undo thrice: %q at %v", got.Label, got.Points)
	}
	cs.Undo() // the text, on the after side
	if _, ok := apptest.StoredMarks(t, c, p.ID)[newest(catalog.KindCallout, viewer.SideBefore, 6).ID]; !ok {
		t.Error("undo went to the wrong side")
	}
	cs.Redo() // Ctrl+Shift+Z: redo the text
	txt := newest(catalog.KindText, viewer.SideAfter, 7)
	for range 3 {
		cs.Redo()
	}
	if got := apptest.StoredMarks(t, c, p.ID)[rect.ID]; got.Label != "Roof hole (east)" || math.Abs(got.Points[0].Y-0.3) > 0.01 {
		t.Errorf("redo: %q at %v", got.Label, got.Points)
	}

	// Delete the text (restored with its ID by the redo) with the toolbar.
	after.Select(txt.ID)
	test.Tap(cs.tools.Delete)
	if _, ok := apptest.StoredMarks(t, c, p.ID)[txt.ID]; ok {
		t.Error("the text is still stored after Delete")
	}
	cs.Undo()
	if _, ok := apptest.StoredMarks(t, c, p.ID)[txt.ID]; !ok {
		t.Error("undo does not restore the deleted text")
	}
	a := apptest.AuditActions(t, c)
	for _, want := range []string{"annotation.add", "annotation.update", "annotation.delete", "annotation.restore"} {
		if !slices.Contains(a, want) {
			t.Errorf("the audit trail lacks %s", want)
		}
	}

	// In an overlay mode the marks are not edited.
	cs.cv.SetMode(viewer.ModeBlend)
	n := len(apptest.StoredMarks(t, c, p.ID))
	cs.Undo()
	if len(apptest.StoredMarks(t, c, p.ID)) != n || !cs.notice.Visible() {
		t.Error("undo in blend mode changed the marks, or said nothing")
	}
	cs.cv.SetMode(viewer.ModeSideBySide)

	// The review screen shows none of them: they belong to the pair.
	anns, _ := c.Annotations(context.Background(), catalog.AnnotationScope{ImageID: p.BeforeID})
	if len(anns) != 0 {
		t.Errorf("%d marks on the image itself", len(anns))
	}
}

// TestCompareAlign aligns the satellite pair with four point pairs
// (residuals shown), saves, then resets the alignment; a cancelled
// alignment stores nothing.
func TestCompareAlign(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 2)
	zb, za := cs.cv.SideView(viewer.SideBefore), cs.cv.SideView(viewer.SideAfter)

	// Cancel: nothing stored.
	test.Tap(cs.modes.alignB)
	if !cs.cv.Aligning() || cs.side.SelectedIndex() != 2 || cs.tools.Enabled {
		t.Fatal("Align… does not start point picking")
	}
	place := func(xb, yb, xa, ya float64) {
		t.Helper()
		for _, s := range []struct {
			z    *viewer.ZoomView
			x, y float64
		}{{zb, xb, yb}, {za, xa, ya}} {
			o := alignOverlay(t, s.z)
			pos := s.z.ImageToWidget(catalog.Point{X: s.x, Y: s.y})
			apptest.PressAt(o, pos)
			apptest.ReleaseAt(o, pos)
			test.TapAt(o, pos)
		}
	}
	// the after image is the before one shifted and scaled; the fourth
	// point is off by a little
	after := func(x, y float64) (float64, float64) { return 0.9*x + 0.04, 0.92*y + 0.03 }
	pts := [][2]float64{{0.2, 0.2}, {0.8, 0.25}, {0.5, 0.8}, {0.3, 0.7}}
	for i, pt := range pts[:2] {
		xa, ya := after(pt[0], pt[1])
		place(pt[0], pt[1], xa, ya)
		if !strings.Contains(cs.align.status.Text, "at least 3") {
			t.Errorf("after %d pairs: %q", i+1, cs.align.status.Text)
		}
	}
	test.Tap(cs.align.cancelB)
	if cs.cv.Aligning() || cs.cv.Transform() != nil || !cs.tools.Enabled {
		t.Error("Cancel leaves point picking on, or a transform")
	}
	if p, _ := c.Pair(ctx, 2); p.Alignment != nil {
		t.Fatal("a cancelled alignment was stored")
	}

	// Align and save.
	cs.Align() // Pair ▸ Align…
	if !cs.cv.Aligning() {
		t.Fatal("Pair ▸ Align… does not start point picking")
	}
	for i, pt := range pts {
		xa, ya := after(pt[0], pt[1])
		if i == 3 {
			ya += 0.01
		}
		place(pt[0], pt[1], xa, ya)
	}
	if cs.align.pending == nil || len(cs.align.pending.Residuals) != 4 {
		t.Fatalf("fitted %+v", cs.align.pending)
	}
	if cs.cv.Transform() == nil {
		t.Error("the fit is not shown")
	}
	shown := strings.Join(apptest.Texts(cs.align.residuals), "\n")
	for i, r := range cs.align.pending.Residuals {
		if !strings.Contains(shown, fmt.Sprintf("Point %d\n%.1f px", i+1, r)) {
			t.Errorf("residual %d (%.1f px) not shown in %q", i+1, r, shown)
		}
	}
	if r := cs.align.pending.Residuals; !(r[3] > r[0]) {
		t.Errorf("residuals %v: the point moved off should stand out", r)
	}
	if !strings.Contains(shown, "RMS") || !strings.Contains(cs.align.status.Text, "4 point pairs") {
		t.Errorf("status %q, residuals %q", cs.align.status.Text, shown)
	}
	if cs.align.saveB.Disabled() {
		t.Fatal("Save disabled with a fit")
	}
	test.Tap(cs.align.saveB)
	tw.q.WaitUntil(t, "the alignment stored", func() bool { p, _ := c.Pair(ctx, 2); return p.Alignment != nil })
	p, _ := c.Pair(ctx, 2)
	if len(p.Alignment.Before) != 4 || p.Alignment.Kind != "affine" || math.Abs(p.Alignment.M[0]-1/0.9) > 0.02 {
		t.Errorf("stored %+v", p.Alignment)
	}
	tw.q.WaitUntil(t, "point picking to end", func() bool { return !cs.cv.Aligning() && cs.load.CancelFunc == nil })
	if !strings.Contains(cs.window.Text, "aligned on 4 points") {
		t.Errorf("header %q", cs.window.Text)
	}

	// Reset: asked first.
	test.Tap(cs.align.resetB)
	if !strings.Contains(tw.overlayText(), "unaligned") {
		t.Fatalf("reset asks %q", tw.overlayText())
	}
	tw.tapOverlayButton(t, "Reset")
	tw.q.WaitUntil(t, "the reset", func() bool { p, _ := c.Pair(ctx, 2); return p.Alignment == nil })
	tw.q.WaitUntil(t, "the view unaligned", func() bool { return cs.cv.Transform() == nil && cs.data.pair.Alignment == nil })
	a := apptest.AuditActions(t, c)
	if !slices.Contains(a, "pair.align") || a[len(a)-1] != "pair.align.reset" {
		t.Errorf("audit ends %v", a[max(0, len(a)-3):])
	}
}

// TestCompareDetail zooms in past the previews: each side is given a
// crop of its original at the resolution shown, decoded in the
// background.
func TestCompareDetail(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	cs := openCompare(t, tw, 1)
	cs.cv.SetMode(viewer.ModeSideBySide)
	for i, im := range cs.data.ims {
		if w, _ := im.UprightSize(); w <= cs.data.imgs[i].Bounds().Dx() {
			t.Skipf("the %s original (%d px) is no larger than its preview", viewer.Side(i), w)
		}
	}
	z := cs.cv.SideView(viewer.SideBefore)
	z.Actual()
	for i := range cs.data.ims {
		side := cs.cv.SideView(viewer.Side(i))
		tw.q.WaitUntil(t, "the detail of the "+viewer.Side(i).String()+" side", func() bool {
			img, _ := side.Detail()
			return img != nil && cs.detail[i].CancelFunc == nil
		})
		img, r := side.Detail()
		w, _ := cs.data.ims[i].UprightSize()
		if !r.Contains(side.VisibleRegion()) {
			t.Errorf("%s: detail of %v does not cover the view %v", viewer.Side(i), r, side.VisibleRegion())
		}
		// at 100 % the crop has the original's pixels
		if got, want := float64(img.Bounds().Dx()), r.Dx()*float64(w); got < want*0.95 {
			t.Errorf("%s: detail %d px wide over %.3f of a %d px original", viewer.Side(i), img.Bounds().Dx(), r.Dx(), w)
		}
	}
	if p := cs.zoomPct.Text; p != "100 %" {
		t.Errorf("zoom shown %q", p)
	}
}
