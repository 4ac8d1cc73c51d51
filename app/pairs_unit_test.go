package app

import (
	"github.com/exhibit-app/exhibit/app/exports"
	"github.com/exhibit-app/exhibit/app/marks"

	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

func TestWindowTexts(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{ui.WindowText("2017-10-11T09:42:17+03:00", "2017-10-16T15:21:08+03:00"), "between 11 Oct 2017 and 16 Oct 2017"},
		{ui.WindowText("", "2017-10-16"), "before 16 Oct 2017"},
		{ui.WindowText("2017-10-11", ""), "after 11 Oct 2017"},
		{ui.WindowText("", ""), "no date window"},
		{ui.WindowShow("2017-10-11T09:42:17+03:00"), "2017-10-11 09:42:17 +03:00"},
		{ui.WindowShow("2017-10-11T09:42:17"), "2017-10-11 09:42:17 (zone not recorded)"},
		{ui.WindowShow(""), "not set"},
		{ui.WindowEdit("2017-10-11T09:42:17"), "2017-10-11 09:42:17"},
		{ui.AlignedText(&catalog.Pair{}), "not aligned"},
		{ui.AlignedText(&catalog.Pair{Alignment: &catalog.Alignment{Kind: "affine", Residuals: []float64{3, 4}}}), "aligned on 2 points, RMS 3.5 px"},
		{exports.SafeName(` Pair 1 / "Souq": 11*16 `), `Pair 1 - -Souq-- 11-16`},
		{exports.SafeName(".."), "export"},
		{ui.TrimExt("01-street.jpg"), "01-street"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestStartOnPair(t *testing.T) {
	if s, tg := startScreen(Options{PairID: 3}); s != ui.ScreenCompare || tg.PairID != 3 {
		t.Errorf("--pair 3 opens %q on %+v", s, tg)
	}
	if s, tg := startScreen(Options{Screen: "compare", PairID: 2}); s != ui.ScreenCompare || tg.PairID != 2 {
		t.Errorf("--screen compare --pair 2 opens %q on %+v", s, tg)
	}
	if err := (Options{PairID: -1}).Validate(); err == nil {
		t.Error("a negative pair id is accepted")
	}
	if err := (Options{Screen: "compare"}).Validate(); err != nil {
		t.Errorf("--screen compare: %v", err)
	}
}

// TestUndoOrder checks that changes are undone and redone across layers
// in the order made, and that a change made through a layer's own keys
// (not recorded) is still undone.
func TestUndoOrder(t *testing.T) {
	apptest.NewQueuedApp(t)
	a, b := viewer.NewAnnotationLayer(viewer.NewZoomView()), viewer.NewAnnotationLayer(viewer.NewZoomView())
	mark := catalog.Annotation{ID: 1, Kind: catalog.KindCallout, Number: 1, Points: []catalog.Point{{X: 0.5, Y: 0.5}}, Color: "#FF0000", Width: 3}
	a.Load(1, 0, []catalog.Annotation{mark})
	mark.ID = 2
	b.Load(2, 0, []catalog.Annotation{mark})
	var order marks.UndoOrder
	label := func(l *viewer.AnnotationLayer, s string, record bool) {
		t.Helper()
		m := l.Annotations()[0]
		m.Label = s
		if err := l.Update(m); err != nil {
			t.Fatal(err)
		}
		if record {
			order.Made(l)
		}
	}
	labels := func() string { return a.Annotations()[0].Label + "|" + b.Annotations()[0].Label }
	label(a, "a1", true)
	label(b, "b1", true)
	label(a, "a2", true)
	label(b, "b2", false) // through the layer's own Ctrl+Z handling: not recorded
	layers := []*viewer.AnnotationLayer{a, b}
	var got []string
	for {
		_, ok, err := order.Undo(layers)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		got = append(got, labels())
	}
	// the unrecorded change of b is undone with b's history; the last
	// step is found by CanUndo
	want := []string{"a1|b2", "a1|b1", "|b1", "|"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("undo steps %v, want %v", got, want)
	}
	got = nil
	for {
		_, ok, _ := order.Redo(layers)
		if !ok {
			break
		}
		got = append(got, labels())
	}
	if len(got) != 4 || got[len(got)-1] != "a2|b2" {
		t.Errorf("redo steps %v, want back to a2|b2", got)
	}
	order.Made(a)
	if _, ok, _ := order.Redo(layers); ok {
		t.Error("redo after a new change")
	}
}
