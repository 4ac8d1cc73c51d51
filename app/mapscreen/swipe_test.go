package mapscreen

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/internal/geo"
)

// Swipe footprints: offered once the case has two georeferenced images;
// picking them swipes their images on the map, one each side of the
// handle; the cross takes the swipe off.
func TestMapScreenSwipe(t *testing.T) {
	ms, h, _ := openMap(t)
	h.Q.WaitUntil(t, "the map's footprints", func() bool { return ms.data.byID != nil && ms.loading.CancelFunc == nil })
	sw := ms.swipe
	if len(sw.left.Options) < 2 || sw.open.Disabled() {
		t.Fatalf("footprints offered %v (button disabled %v); the sample has two satellite views", sw.left.Options, sw.open.Disabled())
	}
	test.Tap(sw.open)
	if !sw.row.Visible() {
		t.Fatal("the swipe row is not shown")
	}
	sw.left.SetSelected(sw.left.Options[0])
	sw.right.SetSelected(sw.left.Options[0])
	if sw.note.Text != "Pick two different images." || ms.m.Swipe() != nil {
		t.Errorf("the same image twice: %q, swipe %v", sw.note.Text, ms.m.Swipe())
	}
	sw.right.SetSelected(sw.right.Options[1])
	h.Q.WaitUntil(t, "the swipe on the map", func() bool { return ms.m.Swipe() != nil })
	s := ms.m.Swipe()
	a, b := sw.byLabel[sw.left.Options[0]], sw.byLabel[sw.right.Options[1]]
	if s.Left.ID != a.ID || s.Right.ID != b.ID || s.Left.Img == nil || s.Right.Img == nil || s.At != 0.5 {
		t.Errorf("swipe %d|%d at %v, want %d|%d at 0.5 with both images", s.Left.ID, s.Right.ID, s.At, a.ID, b.ID)
	}
	// The map shows the two footprints.
	v := ms.m.View()
	for _, p := range a.Ring {
		if x, y := v.ToScreen(p); x < -1 || y < -1 || x > v.W+1 || y > v.H+1 {
			t.Errorf("footprint corner off the map at %.0f, %.0f", x, y)
		}
	}
	sw.stop()
	if ms.m.Swipe() != nil || sw.row.Visible() {
		t.Error("the swipe stays after the cross")
	}
}

// A right click on the map offers to add a site there: the Sites screen
// is asked for, on that position.
func TestMapScreenAddSiteHere(t *testing.T) {
	ms, h, _ := openMap(t)
	h.Q.WaitUntil(t, "the map's images", func() bool { return ms.data.byID != nil && ms.loading.CancelFunc == nil })
	v := ms.m.View()
	at := fyne.NewPos(200, 150)
	test.TapSecondaryAt(ms.m, at)
	if ms.menu == nil || h.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("no menu on a right click")
	}
	ms.menu.Items[0].Action()
	got := h.LastShown()
	lat, lon := geo.Unproject(v.FromScreen(200, 150))
	if got.Screen != ui.ScreenSites || got.Target.NewSiteAt == nil ||
		math.Abs(got.Target.NewSiteAt[0]-lat) > 1e-6 || math.Abs(got.Target.NewSiteAt[1]-lon) > 1e-6 {
		t.Errorf("asked for %+v, want the Sites screen at %v, %v", got, lat, lon)
	}
}
