package viewer

import (
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// layerSetup is an image shown in a view, and where a widget position
// falls on the image, worked out by hand from the view's geometry.
type layerSetup struct {
	name   string
	iw, ih int
	ww, wh float32
	view   View
	frac   func(x, y float32) catalog.Point
}

var layerSetups = []layerSetup{
	{"landscape fit", 200, 100, 200, 100, FitView, func(x, y float32) catalog.Point {
		return catalog.Point{X: float64(x) / 200, Y: float64(y) / 100}
	}},
	{"portrait fit", 100, 200, 200, 200, FitView, func(x, y float32) catalog.Point {
		// shown 100×200, centred: from x = 50 to 150
		return catalog.Point{X: float64(x-50) / 100, Y: float64(y) / 200}
	}},
	{"landscape zoom 2", 200, 100, 200, 100, View{Zoom: 2, Center: catalog.Point{X: 0.5, Y: 0.5}}, func(x, y float32) catalog.Point {
		// shown 400×200 with its centre at the widget's: origin at (-100, -50)
		return catalog.Point{X: float64(x+100) / 400, Y: float64(y+50) / 200}
	}},
	{"portrait zoom 3 off centre", 100, 200, 200, 200, View{Zoom: 3, Center: catalog.Point{X: 0.4, Y: 0.3}}, func(x, y float32) catalog.Point {
		// shown 300×600; centre (0.4, 0.3) at (100, 100): origin (-20, -80)
		return catalog.Point{X: float64(x+20) / 300, Y: float64(y+80) / 600}
	}},
}

func TestAnnotationLayerPlacesEachKind(t *testing.T) {
	type step func(l *AnnotationLayer)
	pos := fyne.NewPos
	tests := []struct {
		name   string
		tool   Tool
		do     step
		kind   catalog.AnnotationKind
		points [][2]float32 // widget positions of the expected points
		label  string
		number int
	}{
		{"rect by a drag", ToolRect, func(l *AnnotationLayer) { dragOn(l, pos(60, 30), pos(120, 70)) },
			catalog.KindRect, [][2]float32{{60, 30}, {120, 70}}, "", 0},
		{"ellipse by a drag", ToolEllipse, func(l *AnnotationLayer) { dragOn(l, pos(130, 80), pos(70, 20)) },
			catalog.KindEllipse, [][2]float32{{130, 80}, {70, 20}}, "", 0},
		{"arrow from tail to head", ToolArrow, func(l *AnnotationLayer) { dragOn(l, pos(70, 80), pos(130, 20)) },
			catalog.KindArrow, [][2]float32{{70, 80}, {130, 20}}, "", 0},
		{"polyline finished by a double click", ToolPolyline, func(l *AnnotationLayer) {
			click(l, pos(60, 20))
			click(l, pos(100, 60))
			click(l, pos(140, 20))
			click(l, pos(140, 20))
		}, catalog.KindPolyline, [][2]float32{{60, 20}, {100, 60}, {140, 20}}, "", 0},
		{"polyline finished by Enter", ToolPolyline, func(l *AnnotationLayer) {
			click(l, pos(60, 20))
			click(l, pos(100, 60))
			key(l, fyne.KeyReturn)
		}, catalog.KindPolyline, [][2]float32{{60, 20}, {100, 60}}, "", 0},
		{"callout by a click", ToolCallout, func(l *AnnotationLayer) { click(l, pos(100, 50)) },
			catalog.KindCallout, [][2]float32{{100, 50}}, "", 1},
		{"text by a click and typing", ToolText, func(l *AnnotationLayer) {
			click(l, pos(80, 40))
			test.Type(l, "Gate 3")
			key(l, fyne.KeyBackspace)
			test.Type(l, "4")
			key(l, fyne.KeyReturn)
		}, catalog.KindText, [][2]float32{{80, 40}}, "Gate 4", 0},
	}
	for _, su := range layerSetups {
		for _, tt := range tests {
			t.Run(su.name+"/"+tt.name, func(t *testing.T) {
				l, s, _, _ := newTestLayer(t, plain(su.iw, su.ih, color.RGBA{128, 128, 128, 255}), su.ww, su.wh)
				l.z.SetView(su.view)
				l.SetTool(tt.tool)
				tt.do(l)
				anns := l.Annotations()
				if len(anns) != 1 {
					t.Fatalf("%d annotations, want 1 (calls %v)", len(anns), s.calls)
				}
				a := anns[0]
				var want []catalog.Point
				for _, p := range tt.points {
					want = append(want, su.frac(p[0], p[1]))
				}
				if a.Kind != tt.kind || !nearPts(a.Points, want, 1e-4) {
					t.Errorf("got %s %v, want %s %v", a.Kind, a.Points, tt.kind, want)
				}
				if a.ImageID != 7 || a.PairID != 3 || a.Color != catalog.DefaultColor || a.Width != catalog.DefaultWidth {
					t.Errorf("image %d pair %d colour %s width %g", a.ImageID, a.PairID, a.Color, a.Width)
				}
				if a.Label != tt.label || a.Number != tt.number {
					t.Errorf("label %q number %d, want %q %d", a.Label, a.Number, tt.label, tt.number)
				}
				if got := s.take(); !slices.Equal(got, []string{"add " + string(tt.kind) + " 101"}) || a.ID != 101 {
					t.Errorf("store calls %v, ID %d", got, a.ID)
				}
				if sel, ok := l.Selected(); !ok || sel.ID != 101 {
					t.Error("a new mark is selected")
				}
			})
		}
	}
}

func TestAnnotationLayerStyleAndNumbers(t *testing.T) {
	l, _, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{}), 200, 100)
	l.Load(7, 3, []catalog.Annotation{{ID: 1, ImageID: 7, Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.1, Y: 0.1}}, Color: "#000000", Number: 4}})
	l.NumberScope = func() []catalog.Annotation {
		return []catalog.Annotation{{ID: 2, ImageID: 8, Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.1, Y: 0.1}}, Number: 6}}
	}
	if err := l.SetStyle("#00FF00", 7); err != nil {
		t.Fatal(err)
	}
	if err := l.SetStyle("green", 7); err == nil {
		t.Error("a colour that is not #RRGGBB is refused")
	}
	l.SetTool(ToolCallout)
	click(l, fyne.NewPos(150, 50))
	a, _ := l.Selected()
	if a.Number != 7 || a.Color != "#00FF00" || a.Width != 7 {
		t.Errorf("new callout %d %s %g, want number 7 (after the pair's 6) in #00FF00 width 7", a.Number, a.Color, a.Width)
	}
}

// loadRect shows a stored rect with ID 1 over the left half of a 200×100
// image at fit.
func loadRect(t *testing.T) (*AnnotationLayer, *fakeStore) {
	l, s, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{128, 128, 128, 255}), 200, 100)
	r := catalog.Annotation{ID: 1, ImageID: 7, PairID: 3, Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.1, Y: 0.2}, {X: 0.5, Y: 0.6}}, Color: "#FF0000", Width: 3}
	s.stored[1] = r
	l.Load(7, 3, []catalog.Annotation{r})
	return l, s
}

func TestAnnotationLayerEditsWithUndo(t *testing.T) {
	l, s := loadRect(t)
	var selections []int64
	l.OnSelectionChanged = func(a *catalog.Annotation) {
		if a == nil {
			selections = append(selections, 0)
			return
		}
		selections = append(selections, a.ID)
	}
	points := func() []catalog.Point {
		if len(l.Annotations()) == 0 {
			return nil
		}
		return l.Annotations()[0].Points
	}
	orig := []catalog.Point{{X: 0.1, Y: 0.2}, {X: 0.5, Y: 0.6}}
	moved := []catalog.Point{{X: 0.2, Y: 0.3}, {X: 0.6, Y: 0.7}}
	resized := []catalog.Point{{X: 0.2, Y: 0.3}, {X: 0.8, Y: 0.9}}

	click(l, fyne.NewPos(60, 40)) // inside the rect
	if a, ok := l.Selected(); !ok || a.ID != 1 || !slices.Equal(selections, []int64{1}) {
		t.Fatalf("click inside the rect: selected %v %v, notifications %v", a.ID, ok, selections)
	}
	dragOn(l, fyne.NewPos(60, 40), fyne.NewPos(80, 50)) // move by (0.1, 0.1)
	if !nearPts(points(), moved, 1e-6) {
		t.Errorf("moved to %v, want %v", points(), moved)
	}
	dragOn(l, fyne.NewPos(120, 70), fyne.NewPos(160, 90)) // the bottom-right handle
	if !nearPts(points(), resized, 1e-6) {
		t.Errorf("resized to %v, want %v", points(), resized)
	}
	if err := l.SetLabel("crater"); err != nil {
		t.Fatal(err)
	}
	if err := l.SetNote("seen on 12 June"); err != nil {
		t.Fatal(err)
	}
	key(l, fyne.KeyDelete)
	if len(l.Annotations()) != 0 {
		t.Fatal("Delete did not delete the selected mark")
	}
	if got := s.take(); !slices.Equal(got, []string{"update 1", "update 1", "update 1", "update 1", "delete 1"}) {
		t.Errorf("calls %v", got)
	}
	if _, ok := s.deleted[1]; !ok || s.deleted[1].Label != "crater" || s.deleted[1].Note != "seen on 12 June" {
		t.Errorf("stored before the delete: %+v", s.deleted[1])
	}

	// undo everything, checking the store and the screen at each step
	steps := []struct {
		call   string
		points []catalog.Point
		label  string
	}{
		{"restore 1", resized, "crater"},
		{"update 1", resized, "crater"}, // the note
		{"update 1", resized, ""},
		{"update 1", moved, ""},
		{"update 1", orig, ""},
	}
	for i, st := range steps {
		if err := l.Undo(); err != nil {
			t.Fatal(err)
		}
		if got := s.take(); !slices.Equal(got, []string{st.call}) {
			t.Errorf("undo %d: calls %v, want %s", i+1, got, st.call)
		}
		if !nearPts(points(), st.points, 1e-6) || l.Annotations()[0].Label != st.label {
			t.Errorf("undo %d: %v %q, want %v %q", i+1, points(), l.Annotations()[0].Label, st.points, st.label)
		}
		if !nearPts(s.stored[1].Points, st.points, 1e-6) {
			t.Errorf("undo %d: the store has %v", i+1, s.stored[1].Points)
		}
	}
	if l.CanUndo() {
		t.Error("nothing is left to undo")
	}
	// redo it all with the keyboard shortcuts
	l.TypedShortcut(&fyne.ShortcutRedo{})
	l.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
	l.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierControl})
	l.TypedShortcut(&fyne.ShortcutRedo{})
	if got := s.take(); !slices.Equal(got, []string{"update 1", "update 1", "update 1", "update 1"}) {
		t.Errorf("redo calls %v", got)
	}
	if a := l.Annotations()[0]; !nearPts(a.Points, resized, 1e-6) || a.Label != "crater" || a.Note != "seen on 12 June" {
		t.Errorf("after redo: %+v", a)
	}
	l.TypedShortcut(&fyne.ShortcutRedo{})
	if len(l.Annotations()) != 0 || !slices.Equal(s.take(), []string{"delete 1"}) {
		t.Error("redo of the delete")
	}
	l.TypedShortcut(&fyne.ShortcutUndo{})
	if len(l.Annotations()) != 1 || !slices.Equal(s.take(), []string{"restore 1"}) {
		t.Error("undo by Ctrl+Z")
	}
}

// TestAnnotationLayerUndoWhileTyping checks that Ctrl+Z while a text is
// typed takes the text back as a change that Redo restores: what was
// typed is never lost.
func TestAnnotationLayerUndoWhileTyping(t *testing.T) {
	l, s, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{}), 200, 100)
	l.SetTool(ToolText)
	click(l, fyne.NewPos(50, 50))
	test.Type(l, "typed")
	l.TypedShortcut(&fyne.ShortcutUndo{})
	if got := s.take(); len(got) != 2 || got[0] != "add text 101" || got[1] != "delete 101" {
		t.Errorf("undo while typing: calls %v, want the text stored, then deleted", got)
	}
	if len(l.Annotations()) != 0 || !l.CanRedo() {
		t.Fatalf("after undo: %v, can redo %v", l.Annotations(), l.CanRedo())
	}
	l.TypedShortcut(&fyne.ShortcutRedo{})
	if a := l.Annotations(); len(a) != 1 || a[0].Label != "typed" {
		t.Errorf("redo brings the text back: %v", a)
	}
}

func TestAnnotationLayerUndoOfAddFollowsNewIDs(t *testing.T) {
	l, s, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{}), 200, 100)
	s.newIDs = true
	s.attach(l)
	l.SetTool(ToolArrow)
	dragOn(l, fyne.NewPos(20, 20), fyne.NewPos(100, 80))
	for _, do := range []func() error{l.Undo, l.Redo, l.Undo, l.Redo} {
		if err := do(); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"add arrow 101", "delete 101", "add arrow 102", "delete 102", "add arrow 103"}
	if got := s.take(); !slices.Equal(got, want) {
		t.Errorf("calls %v, want %v", got, want)
	}
	if a := l.Annotations(); len(a) != 1 || a[0].ID != 103 {
		t.Errorf("shown %v", a)
	}
}

func TestAnnotationLayerRollsBackRefusedChanges(t *testing.T) {
	l, s := loadRect(t)
	var errs []error
	l.OnError = func(err error) { errs = append(errs, err) }
	orig := l.Annotations()

	s.fail["add"] = true
	l.SetTool(ToolEllipse)
	dragOn(l, fyne.NewPos(120, 10), fyne.NewPos(190, 90))
	if len(l.Annotations()) != 1 || len(errs) != 1 {
		t.Errorf("refused add: %d marks shown, %d errors", len(l.Annotations()), len(errs))
	}

	s.fail["update"] = true
	l.SetTool(ToolSelect)
	dragOn(l, fyne.NewPos(60, 40), fyne.NewPos(90, 45))
	if !slices.Equal(l.Annotations()[0].Points, orig[0].Points) || len(errs) != 2 {
		t.Errorf("refused move: shown at %v, %d errors", l.Annotations()[0].Points, len(errs))
	}
	if err := l.SetLabel("x"); err == nil || l.Annotations()[0].Label != "" {
		t.Error("a refused label change is reported and not shown")
	}

	s.fail["delete"] = true
	key(l, fyne.KeyDelete)
	if len(l.Annotations()) != 1 || len(errs) != 3 {
		t.Errorf("refused delete: %d shown, %d errors", len(l.Annotations()), len(errs))
	}
	if l.CanUndo() {
		t.Error("refused changes are not in the history")
	}

	// an undo the store refuses leaves the change, and it can be undone later
	clear(s.fail)
	dragOn(l, fyne.NewPos(60, 40), fyne.NewPos(80, 40))
	moved := l.Annotations()[0].Points
	s.fail["update"] = true
	if err := l.Undo(); err == nil {
		t.Error("refused undo returns an error")
	}
	if !slices.Equal(l.Annotations()[0].Points, moved) || !l.CanUndo() {
		t.Error("refused undo changed the screen or lost the history")
	}
	clear(s.fail)
	if err := l.Undo(); err != nil || !slices.Equal(l.Annotations()[0].Points, orig[0].Points) {
		t.Errorf("undo after a refusal: %v %v", err, l.Annotations()[0].Points)
	}
}

func TestAnnotationLayerEscapeCancels(t *testing.T) {
	l, s, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{}), 200, 100)
	pos := fyne.NewPos
	// a drag interrupted by Escape draws nothing
	l.SetTool(ToolRect)
	press(l, pos(20, 20))
	l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(80, 60)}, Dragged: fyne.NewDelta(60, 40)})
	key(l, fyne.KeyEscape)
	l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos(90, 70)}, Dragged: fyne.NewDelta(10, 10)})
	l.DragEnd()
	release(l, pos(90, 70))
	// a polyline and a text abandoned
	l.SetTool(ToolPolyline)
	click(l, pos(20, 20))
	click(l, pos(60, 80))
	key(l, fyne.KeyEscape)
	l.SetTool(ToolText)
	click(l, pos(50, 50))
	test.Type(l, "abc")
	key(l, fyne.KeyEscape)
	// a drag too short to be meant
	l.SetTool(ToolRect)
	dragOn(l, pos(20, 20), pos(22, 21))
	if len(l.Annotations()) != 0 || len(s.calls) != 0 {
		t.Errorf("cancelled marks were stored: %v", s.calls)
	}
	// a text is finished by a click elsewhere, not lost
	l.SetTool(ToolText)
	click(l, pos(50, 50))
	test.Type(l, "kept")
	click(l, pos(150, 20))
	if a := l.Annotations(); len(a) != 1 || a[0].Label != "kept" {
		t.Errorf("text finished by a click: %v", a)
	}
}

func TestAnnotationLayerSelectsAtAnyZoom(t *testing.T) {
	l, _ := loadRect(t)
	l.z.SetView(View{Zoom: 4, Center: catalog.Point{X: 0.3, Y: 0.4}})
	// the rect's left edge, x = 0.1, is shown at 100 + (0.1-0.3)*800 = -60:
	// off screen; its top edge y = 0.2 at 50 + (0.2-0.4)*400 = -30. Its
	// right edge x = 0.5 is at 260: off screen too. The inside is on screen.
	click(l, fyne.NewPos(100, 50))
	if _, ok := l.Selected(); !ok {
		t.Error("click inside a zoomed rect selects it")
	}
	// a stroke is hit within a few units at zoom 1, not far from it
	l.z.SetView(FitView)
	l.ClearSelection()
	l.Load(7, 3, []catalog.Annotation{{ID: 2, Kind: catalog.KindArrow, Points: []catalog.Point{{X: 0.1, Y: 0.1}, {X: 0.9, Y: 0.1}}, Color: "#000000"}})
	click(l, fyne.NewPos(100, 14)) // 4 units below the shaft (y = 10)
	if _, ok := l.Selected(); !ok {
		t.Error("click 4 units off an arrow's shaft selects it")
	}
	l.ClearSelection()
	click(l, fyne.NewPos(100, 40))
	if _, ok := l.Selected(); ok {
		t.Error("click 30 units off an arrow selects it")
	}
}

func TestAnnotationLayerPassesOtherInputToTheView(t *testing.T) {
	l, _ := loadRect(t)
	l.z.SetView(View{Zoom: 2, Center: catalog.Point{X: 0.5, Y: 0.5}})
	before := l.z.View()
	dragOn(l, fyne.NewPos(180, 90), fyne.NewPos(150, 80)) // off the rect: pans
	if l.z.View() == before {
		t.Error("a drag off the marks with the select tool pans the view")
	}
	if len(l.Annotations()) != 1 || !slices.Equal(l.Annotations()[0].Points, []catalog.Point{{X: 0.1, Y: 0.2}, {X: 0.5, Y: 0.6}}) {
		t.Error("panning changed the mark")
	}
	test.Type(l, "0")
	if l.z.View() != FitView {
		t.Error("0 typed on the layer fits the view")
	}
	l.SetReadOnly(true)
	key(l, fyne.KeyDelete)
	dragOn(l, fyne.NewPos(60, 40), fyne.NewPos(90, 45))
	if len(l.Annotations()) != 1 || !slices.Equal(l.Annotations()[0].Points, []catalog.Point{{X: 0.1, Y: 0.2}, {X: 0.5, Y: 0.6}}) {
		t.Error("a read-only layer changed a mark")
	}
}

func TestAnnotationLayerWithoutImage(t *testing.T) {
	test.NewTempApp(t)
	z := NewZoomView()
	l := NewAnnotationLayer(z)
	win := test.NewTempWindow(t, z)
	win.Resize(fyne.NewSize(100, 100))
	s := newFakeStore()
	s.attach(l)
	for _, tool := range []Tool{ToolCallout, ToolText, ToolPolyline, ToolRect} {
		l.SetTool(tool)
		click(l, fyne.NewPos(50, 50))
		dragOn(l, fyne.NewPos(10, 10), fyne.NewPos(60, 60))
		key(l, fyne.KeyReturn)
	}
	if len(l.Annotations()) != 0 || len(s.calls) != 0 {
		t.Errorf("marks made without an image: %v", s.calls)
	}
}

func TestAnnotationLayerDraftsAndOtherEndings(t *testing.T) {
	l, s, _, _ := newTestLayer(t, plain(200, 100, color.RGBA{}), 200, 100)
	l.SetTool(ToolPolyline)
	click(l, fyne.NewPos(20, 20))
	click(l, fyne.NewPos(60, 80))
	l.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 50)}})
	shown := l.shown()
	if len(shown) != 1 || len(shown[0].Points) != 3 || !nearPt(shown[0].Points[2], catalog.Point{X: 0.5, Y: 0.5}, 1e-6) {
		t.Errorf("the polyline being clicked follows the pointer: %v", shown)
	}
	l.MouseOut()
	if shown := l.shown(); len(shown[0].Points) != 2 {
		t.Error("without the pointer the draft has the clicked vertices only")
	}
	if l.Cursor() != desktop.CrosshairCursor {
		t.Error("drawing tools show a crosshair")
	}
	l.TappedSecondary(&fyne.PointEvent{Position: fyne.NewPos(100, 50)})
	if a := l.Annotations(); len(a) != 1 || len(a[0].Points) != 2 {
		t.Errorf("a right click finishes the polyline: %v", a)
	}
	// a text being typed is kept when the focus goes elsewhere
	l.SetTool(ToolText)
	click(l, fyne.NewPos(150, 30))
	test.Type(l, "gate")
	l.FocusLost()
	if a := l.Annotations(); len(a) != 2 || a[1].Label != "gate" {
		t.Errorf("text on focus loss: %v", a)
	}
	if got := s.take(); !slices.Equal(got, []string{"add polyline 101", "add text 102"}) {
		t.Errorf("calls %v", got)
	}
	var changes int
	l.OnHistoryChanged = func() { changes++ }
	l.Undo()
	if !l.CanRedo() || changes == 0 {
		t.Error("history change not reported")
	}
}
