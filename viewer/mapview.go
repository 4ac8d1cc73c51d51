package viewer

import (
	"image"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/internal/geo"
)

// MapView shows images as points on a map, each with its direction of
// view, over an offline basemap when one is set (see geo.OpenMBTiles), or
// over the built-in world map (geo.LoadWorld) under a grid of latitude and
// longitude. Drag to pan, scroll to zoom, tap
// a point to select it.
type MapView struct {
	widget.BaseWidget

	// OnSelected is called with the image tapped (0 when the tap was on
	// no image).
	OnSelected func(id int64)
	// OnSecondary, when set, is called on a right click with the
	// position under it and where it was, on the canvas.
	OnSecondary func(lat, lon float64, at fyne.Position)

	mu         sync.Mutex // markers, tiles and view are read by the raster
	markers    []geo.Marker
	sites      []geo.Circle
	footprints []geo.Outline
	tiles      geo.TileSource
	view       geo.View // in Fyne units
	moved      bool     // the user panned or zoomed: no more fitting by itself
	selected   int64
	swipe      *geo.Swipe
	// dragging is what the drag under way moves: the map (dragMap), the
	// swipe's handle (dragHandle), or not decided yet (0).
	dragging int

	raster *canvas.Raster
}

// What a drag moves.
const (
	dragMap = iota + 1
	dragHandle
)

// handleGrab is how near the swipe's handle a drag must start to move it
// (Fyne units).
const handleGrab = 16

// mapFitSpan is how many metres across a map of a single image shows.
const mapFitSpan = 100

// tapRadius is how near a point a tap must land to select it (Fyne units).
const tapRadius = 14

// NewMapView returns an empty map.
func NewMapView() *MapView {
	m := &MapView{}
	m.ExtendBaseWidget(m)
	return m
}

// SetMarkers replaces the images shown, and fits the view to them unless
// the user has moved it.
func (m *MapView) SetMarkers(ms []geo.Marker) {
	m.mu.Lock()
	m.markers = append([]geo.Marker(nil), ms...)
	refit := !m.moved
	m.mu.Unlock()
	if refit {
		m.Fit()
		return
	}
	m.Refresh()
}

// SetLayers sets the sites and footprints drawn under the points.
func (m *MapView) SetLayers(sites []geo.Circle, footprints []geo.Outline) {
	m.mu.Lock()
	m.sites, m.footprints = append([]geo.Circle(nil), sites...), append([]geo.Outline(nil), footprints...)
	m.mu.Unlock()
	m.Refresh()
}

// SetSwipe draws two georeferenced images in their footprints, one each
// side of a handle that a drag moves (nil: none).
func (m *MapView) SetSwipe(s *geo.Swipe) {
	m.mu.Lock()
	if s != nil {
		c := *s
		s = &c
	}
	m.swipe = s
	m.mu.Unlock()
	m.Refresh()
}

// Swipe returns the swipe shown (a copy), or nil.
func (m *MapView) Swipe() *geo.Swipe {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.swipe == nil {
		return nil
	}
	c := *m.swipe
	return &c
}

// ShowArea pans and zooms to show every point given (a footprint, say).
func (m *MapView) ShowArea(pts []geo.Point) {
	m.mu.Lock()
	s := m.Size()
	if s.Width > 0 && s.Height > 0 && len(pts) > 0 {
		m.view = geo.Fit(pts, float64(s.Width), float64(s.Height), 32, mapFitSpan)
		m.moved = true
	}
	m.mu.Unlock()
	m.Refresh()
}

// Markers returns the images shown.
func (m *MapView) Markers() []geo.Marker {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]geo.Marker(nil), m.markers...)
}

// SetTiles sets the basemap (nil: none).
func (m *MapView) SetTiles(t geo.TileSource) {
	m.mu.Lock()
	m.tiles = t
	m.mu.Unlock()
	m.Refresh()
}

// Select marks the image with this id as selected (0: none).
func (m *MapView) Select(id int64) {
	m.mu.Lock()
	m.selected = id
	m.mu.Unlock()
	m.Refresh()
}

// Selected returns the selected image (0: none).
func (m *MapView) Selected() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.selected
}

// View returns what the map shows, in Fyne units.
func (m *MapView) View() geo.View {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sized(m.Size())
}

// sized returns the view at size s (m.mu held).
func (m *MapView) sized(s fyne.Size) geo.View {
	v := m.view
	v.W, v.H = float64(s.Width), float64(s.Height)
	if v.Scale == 0 {
		v.Scale = geo.MinScale
		v.Center = geo.Point{X: 0.5, Y: 0.5}
	}
	return v
}

// Fit shows every image, and keeps doing so as the map is resized until
// the user pans or zooms.
func (m *MapView) Fit() {
	m.mu.Lock()
	s := m.Size()
	pts := make([]geo.Point, len(m.markers))
	for i, mk := range m.markers {
		pts[i] = mk.Pos
	}
	m.moved = false
	if s.Width > 0 && s.Height > 0 {
		m.view = geo.Fit(pts, float64(s.Width), float64(s.Height), 48, mapFitSpan)
	}
	m.mu.Unlock()
	m.Refresh()
}

// CenterOn pans the map to show the image with this id at its centre.
func (m *MapView) CenterOn(id int64) {
	m.mu.Lock()
	for _, mk := range m.markers {
		if mk.ID == id {
			m.view.Center = mk.Pos
			m.moved = true
		}
	}
	m.mu.Unlock()
	m.Refresh()
}

// Resize fits the view again, unless the user has moved it.
func (m *MapView) Resize(s fyne.Size) {
	m.BaseWidget.Resize(s)
	m.mu.Lock()
	fit := !m.moved
	m.mu.Unlock()
	if fit {
		m.Fit()
	}
}

// Scrolled zooms about the pointer.
func (m *MapView) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 {
		return
	}
	m.mu.Lock()
	v := m.sized(m.Size())
	m.view = v.ZoomAt(math.Exp(float64(ev.Scrolled.DY)*wheelZoomPerUnit), float64(ev.Position.X), float64(ev.Position.Y))
	m.moved = true
	m.mu.Unlock()
	m.Refresh()
}

// Dragged pans the map, or moves the swipe's handle when the drag
// started on it.
func (m *MapView) Dragged(ev *fyne.DragEvent) {
	m.mu.Lock()
	v := m.sized(m.Size())
	if m.dragging == 0 {
		m.dragging = dragMap
		start := float64(ev.Position.X - ev.Dragged.DX)
		if m.swipe != nil && math.Abs(start-m.swipe.HandleX(v)) <= handleGrab {
			m.dragging = dragHandle
		}
	}
	if m.dragging == dragHandle && v.W > 0 {
		m.swipe.At = math.Max(0, math.Min(1, float64(ev.Position.X)/v.W))
	} else {
		m.view = v.Pan(float64(ev.Dragged.DX), float64(ev.Dragged.DY))
		m.moved = true
	}
	m.mu.Unlock()
	m.Refresh()
}

// DragEnd ends a drag.
func (m *MapView) DragEnd() {
	m.mu.Lock()
	m.dragging = 0
	m.mu.Unlock()
}

// Tapped selects the image nearest the tap, within tapRadius.
func (m *MapView) Tapped(ev *fyne.PointEvent) {
	m.mu.Lock()
	v := m.sized(m.Size())
	var best int64
	bestD := float64(tapRadius)
	for _, mk := range m.markers {
		x, y := v.ToScreen(mk.Pos)
		if d := math.Hypot(x-float64(ev.Position.X), y-float64(ev.Position.Y)); d <= bestD {
			best, bestD = mk.ID, d
		}
	}
	m.selected = best
	m.mu.Unlock()
	m.Refresh()
	if m.OnSelected != nil {
		m.OnSelected(best)
	}
}

// TappedSecondary calls OnSecondary with the position under the pointer.
func (m *MapView) TappedSecondary(ev *fyne.PointEvent) {
	if m.OnSecondary == nil {
		return
	}
	m.mu.Lock()
	p := m.sized(m.Size()).FromScreen(float64(ev.Position.X), float64(ev.Position.Y))
	m.mu.Unlock()
	lat, lon := geo.Unproject(p)
	m.OnSecondary(lat, geo.WrapLon(lon), ev.AbsolutePosition)
}

// ZoomBy zooms about the centre (the + and - buttons).
func (m *MapView) ZoomBy(factor float64) {
	m.mu.Lock()
	v := m.sized(m.Size())
	m.view = v.ZoomAt(factor, v.W/2, v.H/2)
	m.moved = true
	m.mu.Unlock()
	m.Refresh()
}

// draw renders the map at w×h pixels.
func (m *MapView) draw(w, h int) image.Image {
	m.mu.Lock()
	s := m.Size()
	v := m.sized(s)
	markers, tiles, sel := m.markers, m.tiles, m.selected
	ly := geo.Layers{Markers: markers, Sites: m.sites, Footprints: m.footprints}
	if m.swipe != nil {
		sw := *m.swipe
		ly.Swipe = &sw
	}
	m.mu.Unlock()
	k := 1.0
	if s.Width > 0 {
		k = float64(w) / float64(s.Width)
	}
	// The view in pixels: the same centre, scale and size times k.
	v.Scale *= k
	v.W, v.H = float64(w), float64(h)
	st := geo.LightStyle
	if fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark {
		st = geo.DarkStyle
	}
	return geo.RenderLayers(v, ly, sel, tiles, st, k)
}

// CreateRenderer makes the map's renderer.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	m.raster = canvas.NewRaster(m.draw)
	return &mapRenderer{m: m}
}

type mapRenderer struct{ m *MapView }

func (r *mapRenderer) Layout(s fyne.Size)           { r.m.raster.Resize(s) }
func (r *mapRenderer) MinSize() fyne.Size           { return fyne.NewSize(200, 150) }
func (r *mapRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.m.raster} }
func (r *mapRenderer) Refresh()                     { r.m.raster.Refresh() }
func (r *mapRenderer) Destroy()                     {}
