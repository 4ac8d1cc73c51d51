package viewer

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/internal/geo"
)

func testMarkers() []geo.Marker {
	north := 0.0
	return []geo.Marker{
		{ID: 7, Pos: geo.Project(35.9500, 39.0000), Direction: &north},
		{ID: 8, Pos: geo.Project(35.9510, 39.0020)},
		{ID: 9, Pos: geo.Project(35.9490, 39.0030)},
	}
}

// The map fits its images when it gets a size; a tap on a point selects
// that image, a tap elsewhere selects none; the wheel zooms about the
// pointer and a drag pans.
func TestMapViewSelectZoomPan(t *testing.T) {
	test.NewTempApp(t)
	m := NewMapView()
	var got []int64
	m.OnSelected = func(id int64) { got = append(got, id) }
	m.SetMarkers(testMarkers())
	w := test.NewWindow(m)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 400))
	m.Resize(fyne.NewSize(600, 400))

	v := m.View()
	for _, mk := range m.Markers() {
		if x, y := v.ToScreen(mk.Pos); x < 0 || x > 600 || y < 0 || y > 400 {
			t.Fatalf("image %d is off the fitted map, at %.0f, %.0f", mk.ID, x, y)
		}
	}
	x, y := v.ToScreen(testMarkers()[1].Pos)
	test.TapAt(m, fyne.NewPos(float32(x)+5, float32(y)-4))
	test.TapAt(m, fyne.NewPos(2, 2))
	if len(got) != 2 || got[0] != 8 || got[1] != 0 || m.Selected() != 0 {
		t.Errorf("selections %v (now %d); want 8 then none", got, m.Selected())
	}

	under := v.FromScreen(100, 100)
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}, Scrolled: fyne.NewDelta(0, 50)})
	z := m.View()
	if z.Scale <= v.Scale {
		t.Errorf("scrolling up did not zoom in (scale %g, was %g)", z.Scale, v.Scale)
	}
	if px, py := z.ToScreen(under); math.Abs(px-100) > 1e-6 || math.Abs(py-100) > 1e-6 {
		t.Errorf("the place under the pointer moved to %.2f, %.2f", px, py)
	}
	m.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(40, 25)})
	if px, py := m.View().ToScreen(under); math.Abs(px-140) > 1e-6 || math.Abs(py-125) > 1e-6 {
		t.Errorf("after a drag of (40, 25) the place is at %.2f, %.2f", px, py)
	}
	// New markers (a filter changed) keep the view the user chose.
	m.SetMarkers(testMarkers()[:1])
	if m.View().Scale != z.Scale {
		t.Error("new markers refitted a view the user had zoomed")
	}
	m.Fit()
	if m.View().Scale == z.Scale {
		t.Error("Fit did not fit")
	}
}

// The map draws its points (render through Fyne's software canvas).
func TestMapViewRenders(t *testing.T) {
	test.NewTempApp(t)
	m := NewMapView()
	m.SetMarkers(testMarkers())
	m.Select(9)
	w := test.NewWindow(m)
	defer w.Close()
	w.Resize(fyne.NewSize(300, 200))
	m.Resize(fyne.NewSize(300, 200))
	img := w.Canvas().Capture()
	v := m.View()
	k := float64(img.Bounds().Dx()) / 300
	x, y := v.ToScreen(testMarkers()[2].Pos)
	r, g, b, _ := img.At(int(x*k), int(y*k)).RGBA()
	if !(b>>8 > r>>8+40) {
		t.Errorf("the selected image's point is drawn %d,%d,%d, not in the selection's blue", r>>8, g>>8, b>>8)
	}
}

// A drag that starts on the swipe's handle moves the handle, not the
// map; one that starts elsewhere pans the map and leaves the handle.
func TestMapViewSwipeHandle(t *testing.T) {
	test.NewTempApp(t)
	m := NewMapView()
	m.SetMarkers(testMarkers())
	w := test.NewWindow(m)
	defer w.Close()
	w.Resize(fyne.NewSize(600, 400))
	m.Resize(fyne.NewSize(600, 400))
	ring := []geo.Point{geo.Project(35.951, 39.0), geo.Project(35.949, 39.0), geo.Project(35.949, 39.003), geo.Project(35.951, 39.003)}
	m.SetSwipe(&geo.Swipe{Left: geo.Overlay{ID: 1, Ring: ring}, Right: geo.Overlay{ID: 2, Ring: ring}, At: 0.5})
	before := m.View()
	drag := func(x0, dx float32) {
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x0+dx/2, 200)}, Dragged: fyne.NewDelta(dx/2, 0)})
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x0+dx, 200)}, Dragged: fyne.NewDelta(dx/2, 0)})
		m.DragEnd()
	}
	drag(305, -150) // from the handle (at 300) to 155
	if got := m.Swipe().At; math.Abs(got-155.0/600) > 1e-6 {
		t.Errorf("handle at %v after dragging it to 155 of 600", got)
	}
	if m.View().Center != before.Center {
		t.Error("dragging the handle moved the map")
	}
	drag(400, 60) // elsewhere: the map pans
	if m.Swipe().At != 155.0/600 || m.View().Center == before.Center {
		t.Errorf("a drag off the handle: handle at %v, map centre %v (was %v)", m.Swipe().At, m.View().Center, before.Center)
	}
	m.SetSwipe(nil)
	if m.Swipe() != nil {
		t.Error("the swipe stays after SetSwipe(nil)")
	}
}
