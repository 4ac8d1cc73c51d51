package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func (tw *testWindow) mapScreen() *mapScreen { return tw.screen(ui.ScreenMap).(*mapScreen) }

// The map screen places every image with a position; tapping a point shows
// that image beside the map, and Review opens it. Opened on an image, the
// map selects it.
func TestMapScreen(t *testing.T) {
	c := sampleCase(t)
	tw := newTestWindow(t, c)
	tw.show(ui.ScreenMap, ui.Target{})
	ms := tw.mapScreen()
	tw.q.waitUntil(t, "the map's images", func() bool { return ms.data.byID != nil && ms.loading.CancelFunc == nil })
	if got := len(ms.m.Markers()); got != 11 || !strings.HasPrefix(ms.count.Text, "11 of 11 images") {
		t.Fatalf("%d points, count %q; want the 11 sample images", got, ms.count.Text)
	}
	// The sample case's own basemap.mbtiles is used.
	tw.q.waitUntil(t, "the sample's basemap", func() bool { return ms.tiles != nil })
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
	tw.q.drain()
	if ms.m.Selected() != 2 || !sideHas(ms, "02-street-after.jpg") {
		t.Fatalf("after tapping image 2's point: selected %d", ms.m.Selected())
	}
	test.Tap(findButton(ms.side, "Review"))
	tw.q.waitUntil(t, "the review of image 2", func() bool {
		r := tw.review()
		return tw.currentID() == ui.ScreenReview && r.im != nil && r.im.ID == 2
	})

	// From the review screen's details, back to the map on this image.
	test.Tap(findButton(tw.review().details, "Show on the map"))
	tw.q.drain()
	if tw.currentID() != ui.ScreenMap || ms.m.Selected() != 2 {
		t.Errorf("Show on the map: screen %s, selected %d", tw.currentID(), ms.m.Selected())
	}

	// Shown on an image: selected.
	tw.show(ui.ScreenMap, ui.Target{ImageID: 5})
	tw.q.drain()
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
	c := sampleCase(t)
	tw := newTestWindow(t, c)
	tw.show(ui.ScreenMap, ui.Target{})
	ms := tw.mapScreen()
	tw.q.waitUntil(t, "the sample's basemap", func() bool { return ms.tiles != nil })
	ms.setBasemap(c.Dir() + "/no-such.mbtiles")
	tw.q.waitUntil(t, "the basemap's error", func() bool { return tw.topOverlay() != nil })
	if ms.tiles == nil || !strings.Contains(ms.basemap.Text, "Kafr Nadim") {
		t.Errorf("the basemap in use was dropped for one that cannot be opened (%q)", ms.basemap.Text)
	}
	// None, chosen: remembered, and the case's own is not used any more.
	ms.setBasemap("")
	if ms.tiles != nil || tw.settings.Basemap(c.Dir()) != noBasemap {
		t.Errorf("after choosing none: tiles %v, remembered %q", ms.tiles, tw.settings.Basemap(c.Dir()))
	}
}
