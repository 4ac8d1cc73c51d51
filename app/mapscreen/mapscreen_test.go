package mapscreen

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/catalog"

	"github.com/exhibit-app/exhibit/app/ui"

	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openMap shows the map screen of a fresh copy of the sample case on a
// test host.
func openMap(t *testing.T) (*mapScreen, *apptest.Host, *catalog.Case) {
	t.Helper()
	c := apptest.SampleCase(t)
	h := apptest.NewHost(t)
	s := ui.NewSession(c)
	ms := newMapScreen(h, h, s)
	h.Win.SetContent(ms.Content())
	t.Cleanup(func() {
		h.Q.Settle()
		ms.Close()
		s.Cancel()
		h.Q.Settle()
	})
	ms.Open(ui.Target{})
	return ms, h, c
}

// The map screen places every image with a position; tapping a point shows
// that image beside the map, and Review opens it. Opened on an image, the
// map selects it.
func TestMapScreen(t *testing.T) {
	ms, h, _ := openMap(t)
	h.Q.WaitUntil(t, "the map's images", func() bool { return ms.data.byID != nil && ms.loading.CancelFunc == nil })
	if got := len(ms.m.Markers()); got != 11 || !strings.HasPrefix(ms.count.Text, "11 of 11 images") {
		t.Fatalf("%d points, count %q; want the 11 sample images", got, ms.count.Text)
	}
	// The sample case's own basemap.mbtiles is used.
	h.Q.WaitUntil(t, "the sample's basemap", func() bool { return ms.tiles != nil })
	if !strings.Contains(ms.basemap.Text, "Kafr Nadim") {
		t.Errorf("basemap line %q", ms.basemap.Text)
	}

	// Tap the point of image 2 (the street after the strike).
	v := ms.m.View()
	var pos fyne.Position
	for _, mk := range ms.m.Markers() {
		if mk.ID == 2 {
			x, y := v.ToScreen(mk.Pos)
			pos = fyne.NewPos(float32(x), float32(y))
		}
	}
	test.TapAt(ms.m, pos)
	h.Q.Drain()
	if ms.m.Selected() != 2 || !sideHas(ms, "02-street-after.jpg") {
		t.Fatalf("after tapping image 2's point: selected %d", ms.m.Selected())
	}
	test.Tap(apptest.FindButton(ms.side, "Review"))
	if got := h.LastShown(); got.Screen != ui.ScreenReview || got.Target.ImageID != 2 || len(got.Target.Order) != 11 {
		t.Fatalf("Review asked for %+v, want the review of image 2 in the map's order", got)
	}

	// Shown on an image: selected.
	ms.Open(ui.Target{ImageID: 5})
	h.Q.Drain()
	if ms.m.Selected() != 5 || !sideHas(ms, "05-drone-before.jpg") {
		t.Errorf("opened on image 5: selected %d", ms.m.Selected())
	}
}

// sideHas reports whether the panel beside the map shows a label with text.
func sideHas(ms *mapScreen, text string) bool {
	for _, o := range ms.side.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
	}
	return false
}

// A basemap that cannot be opened is said, and the map goes on without.
func TestMapScreenBadBasemap(t *testing.T) {
	ms, h, c := openMap(t)
	h.Q.WaitUntil(t, "the sample's basemap", func() bool { return ms.tiles != nil })
	ms.setBasemap(c.Dir() + "/no-such.mbtiles")
	h.Q.WaitUntil(t, "the basemap's error", func() bool { return h.Win.Canvas().Overlays().Top() != nil })
	if ms.tiles == nil || !strings.Contains(ms.basemap.Text, "Kafr Nadim") {
		t.Errorf("the basemap in use was dropped for one that cannot be opened (%q)", ms.basemap.Text)
	}
	// None, chosen: remembered, and the case's own is not used any more.
	ms.setBasemap("")
	if ms.tiles != nil || h.Basemap(c.Dir()) != noBasemap {
		t.Errorf("after choosing none: tiles %v, remembered %q", ms.tiles, h.Basemap(c.Dir()))
	}
}
