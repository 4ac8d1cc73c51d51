package geo

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// Marker is an image on the map: where it was taken and, when known, the
// direction the camera faced (degrees clockwise from north).
type Marker struct {
	ID        int64
	Pos       Point
	Direction *float64
	// Label is written beside the point (the image's id, say), if any.
	Label string
}

// Style are the colours of a map. Sea, Coast, Border and Place are those
// of the built-in world basemap (Land is its land, and the background
// under a case's own basemap).
type Style struct {
	Land, Grid, Text  color.RGBA
	Sea, Coast        color.RGBA
	Border, Place     color.RGBA
	Marker, Selected  color.RGBA
	Outline, ViewCone color.RGBA
}

// LightStyle is a map on a light background.
var LightStyle = Style{
	Land: color.RGBA{0xEC, 0xEA, 0xE4, 0xFF}, Grid: color.RGBA{0xC9, 0xC5, 0xBB, 0xFF}, Text: color.RGBA{0x30, 0x30, 0x30, 0xFF},
	Sea: color.RGBA{0xCD, 0xDF, 0xEC, 0xFF}, Coast: color.RGBA{0x8F, 0xA8, 0xBC, 0xFF},
	Border: color.RGBA{0xA8, 0x9F, 0x93, 0xFF}, Place: color.RGBA{0x6E, 0x68, 0x60, 0xFF},
	Marker: color.RGBA{0xD3, 0x2F, 0x2F, 0xFF}, Selected: color.RGBA{0x19, 0x76, 0xD2, 0xFF},
	Outline: color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}, ViewCone: color.RGBA{0xD3, 0x2F, 0x2F, 0x50},
}

// DarkStyle is a map on a dark background.
var DarkStyle = Style{
	Land: color.RGBA{0x26, 0x28, 0x2B, 0xFF}, Grid: color.RGBA{0x44, 0x47, 0x4C, 0xFF}, Text: color.RGBA{0xE0, 0xE0, 0xE0, 0xFF},
	Sea: color.RGBA{0x17, 0x1E, 0x27, 0xFF}, Coast: color.RGBA{0x4A, 0x5A, 0x6A, 0xFF},
	Border: color.RGBA{0x55, 0x57, 0x5C, 0xFF}, Place: color.RGBA{0xA0, 0xA0, 0xA0, 0xFF},
	Marker: color.RGBA{0xEF, 0x53, 0x50, 0xFF}, Selected: color.RGBA{0x42, 0xA5, 0xF5, 0xFF},
	Outline: color.RGBA{0x10, 0x10, 0x10, 0xFF}, ViewCone: color.RGBA{0xEF, 0x53, 0x50, 0x50},
}

// Sizes of what is drawn, in pixels at scale 1.
const (
	markerRadius   = 6
	selectedRadius = 11
	coneRadius     = 34
	coneHalfAngle  = 25 // degrees
)

// Render draws the view: the basemap's tiles (or, without one, the
// built-in world basemap under a grid of latitude and longitude), each marker with its direction of view, the
// selected one ringed, a scale bar and the basemap's name. pixelScale
// enlarges what is drawn on high-density screens (1 otherwise).
func Render(v View, markers []Marker, selected int64, tiles TileSource, st Style, pixelScale float64) *image.RGBA {
	return RenderLayers(v, Layers{Markers: markers}, selected, tiles, st, pixelScale)
}

// RenderLayers is Render with sites (circles of their radius, named) and
// footprints (outlines, named) under the points; points that crowd each
// other are drawn as one, with their count; nothing at 0°, 0° is drawn
// (a position never recorded, most often). Labels that would be drawn
// over each other are thinned (see thinLabels).
func RenderLayers(v View, ly Layers, selected int64, tiles TileSource, st Style, pixelScale float64) *image.RGBA {
	markers := ly.Markers
	w, h := int(math.Ceil(v.W)), int(math.Ceil(v.H))
	dst := image.NewRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(st.Land), image.Point{}, draw.Src)
	if pixelScale <= 0 {
		pixelScale = 1
	}
	labels := newLabelSet(pixelScale)
	if tiles != nil {
		drawTiles(dst, v, tiles)
	} else {
		if w, err := LoadWorld(); err == nil {
			draw.Draw(dst, dst.Bounds(), image.NewUniform(st.Sea), image.Point{}, draw.Src)
			drawWorld(dst, v, w, st, pixelScale, labels)
		}
		drawGrid(dst, v, st, pixelScale)
	}
	drawSwipe(dst, v, ly.Swipe)
	drawFootprints(dst, v, ly.Footprints, st, pixelScale, labels)
	drawSites(dst, v, ly.Sites, ly.SelectedSite, st, pixelScale, labels)
	// Only the points in view (with their cones) are drawn; where they are
	// many, without cones or labels, which would only cover each other.
	var sel *Marker
	margin := coneRadius * pixelScale
	var shown []*Marker
	for i := range markers {
		m := &markers[i]
		if nullIsland(m.Pos) {
			continue
		}
		if m.ID == selected {
			sel = m
			continue
		}
		if x, y := v.ToScreen(m.Pos); x >= -margin && y >= -margin && x <= v.W+margin && y <= v.H+margin {
			shown = append(shown, m)
		}
	}
	d := &markerDrawer{dst: dst, v: v, st: st, k: pixelScale, cones: len(shown) <= maxCones, labels: len(shown) <= maxLabels,
		names: labels, rank: rankMarker}
	shown, clusters := cluster(v, shown, pixelScale)
	for _, m := range shown {
		d.draw(m, st.Marker)
	}
	for _, c := range clusters {
		drawCluster(dst, c, st, pixelScale)
	}
	if sel != nil {
		x, y := v.ToScreen(sel.Pos)
		disc(dst, x, y, selectedRadius*pixelScale, st.Outline)
		disc(dst, x, y, (selectedRadius-2.5)*pixelScale, st.Selected)
		d.cones, d.labels, d.rank = true, true, rankSelected
		d.draw(sel, st.Selected)
	}
	// The labels last, over everything, none over another.
	labels.draw(dst, st)
	drawSwipeHandle(dst, v, ly.Swipe, st, pixelScale)
	drawScaleBar(dst, v, st, pixelScale)
	if tiles != nil {
		label(dst, tiles.Name(), dst.Bounds().Dx()-int(8*pixelScale)-textWidth(tiles.Name(), pixelScale), dst.Bounds().Dy()-int(8*pixelScale), pixelScale, st)
	}
	return dst
}

// Above these many points in view, cones and then labels are left out.
const (
	maxCones  = 3000
	maxLabels = 300
)

// markerDrawer draws points, stamping each dot from a picture drawn once.
type markerDrawer struct {
	dst           *image.RGBA
	v             View
	st            Style
	k             float64
	cones, labels bool
	names         *labelSet // where labels go
	rank          int       // their rank
	dots          map[color.RGBA]*image.RGBA
}

func (d *markerDrawer) draw(m *Marker, c color.RGBA) {
	x, y := d.v.ToScreen(m.Pos)
	if d.cones && m.Direction != nil {
		cone := d.st.ViewCone
		cone.R, cone.G, cone.B = premul(c, cone.A)
		wedge(d.dst, x, y, coneRadius*d.k, *m.Direction, coneHalfAngle, cone)
	}
	dot := d.dot(c)
	r := dot.Bounds().Dx() / 2
	at := image.Pt(int(math.Round(x))-r, int(math.Round(y))-r)
	draw.Draw(d.dst, dot.Bounds().Add(at), dot, image.Point{}, draw.Over)
	if d.labels && m.Label != "" {
		d.names.add(m.Label, int(x+(markerRadius+4)*d.k), int(y-(markerRadius-1)*d.k), d.rank)
	}
}

// dot returns the picture of a point of colour c, with its outline.
func (d *markerDrawer) dot(c color.RGBA) *image.RGBA {
	if img, ok := d.dots[c]; ok {
		return img
	}
	outer := (markerRadius + 1.5) * d.k
	r := int(math.Ceil(outer)) + 1
	img := image.NewRGBA(image.Rect(0, 0, 2*r, 2*r))
	disc(img, float64(r), float64(r), outer, d.st.Outline)
	disc(img, float64(r), float64(r), markerRadius*d.k, c)
	if d.dots == nil {
		d.dots = map[color.RGBA]*image.RGBA{}
	}
	d.dots[c] = img
	return img
}

// premul returns c's colour premultiplied by alpha a (image/color's RGBA
// holds premultiplied values).
func premul(c color.RGBA, a uint8) (r, g, b uint8) {
	f := float64(a) / 255
	return uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f)
}

// drawTiles draws the basemap's tiles at the zoom nearest the view's
// scale, resampled to it.
func drawTiles(dst *image.RGBA, v View, tiles TileSource) {
	lo, hi := tiles.Zooms()
	z := int(math.Round(math.Log2(v.Scale / TileSize)))
	z = max(lo, min(hi, z))
	n := 1 << z
	tileWorld := 1 / float64(n) // a tile's side in world units
	tl := v.FromScreen(0, 0)
	br := v.FromScreen(v.W, v.H)
	for ty := max(0, int(math.Floor(tl.Y/tileWorld))); ty <= min(n-1, int(math.Floor(br.Y/tileWorld))); ty++ {
		for tx := int(math.Floor(tl.X / tileWorld)); tx <= int(math.Floor(br.X/tileWorld)); tx++ {
			img, err := tiles.Tile(z, ((tx%n)+n)%n, ty)
			if err != nil || img == nil {
				continue
			}
			x0, y0 := v.ToScreen(Point{float64(tx) * tileWorld, float64(ty) * tileWorld})
			x1, y1 := v.ToScreen(Point{float64(tx+1) * tileWorld, float64(ty+1) * tileWorld})
			r := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
			xdraw.ApproxBiLinear.Scale(dst, r, img, img.Bounds(), draw.Over, nil)
		}
	}
}

// drawGrid draws lines of latitude and longitude at a round step, with
// their values, so that a map without basemap still says where it is.
func drawGrid(dst *image.RGBA, v View, st Style, k float64) {
	tl, br := v.FromScreen(0, 0), v.FromScreen(v.W, v.H)
	latTop, lonLeft := Unproject(tl)
	latBottom, lonRight := Unproject(br)
	step := gridStep((lonRight - lonLeft) / math.Max(1, v.W/(140*k)))
	for lon := math.Ceil(lonLeft/step) * step; lon <= lonRight; lon += step {
		x, _ := v.ToScreen(Project(0, lon))
		fillRect(dst, int(x), 0, max(1, int(k)), dst.Bounds().Dy(), st.Grid)
		label(dst, degrees(wrapLon(lon), step, "E", "W"), int(x+4*k), int(16*k), k, st)
	}
	for lat := math.Ceil(latBottom/step) * step; lat <= latTop; lat += step {
		_, y := v.ToScreen(Project(lat, 0))
		fillRect(dst, 0, int(y), dst.Bounds().Dx(), max(1, int(k)), st.Grid)
		label(dst, degrees(lat, step, "N", "S"), int(4*k), int(y-4*k), k, st)
	}
}

// wrapLon brings a longitude of a copy of the world east or west of the
// first one back into [-180, 180], and rounds -0 to 0.
func wrapLon(lon float64) float64 {
	lon = math.Mod(lon+180, 360)
	if lon < 0 {
		lon += 360
	}
	lon -= 180
	if math.Abs(lon) < 1e-9 {
		return 0
	}
	return lon
}

// gridStep rounds a step in degrees up to 1, 2 or 5 times a power of ten.
func gridStep(d float64) float64 {
	if !(d > 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(d)))
	for _, k := range []float64{1, 2, 5, 10} {
		if k*p >= d {
			return k * p
		}
	}
	return 10 * p
}

// degrees writes a latitude or longitude with as many decimals as step
// needs: "35.95° N".
func degrees(v, step float64, pos, neg string) string {
	dec := max(0, int(math.Ceil(-math.Log10(step)-1e-9)))
	hemi := pos
	if v < 0 {
		hemi, v = neg, -v
	}
	return fmt.Sprintf("%.*f° %s", dec, v, hemi)
}

func drawScaleBar(dst *image.RGBA, v View, st Style, k float64) {
	metres, px := v.ScaleBar(120 * k)
	if !(px > 0) || math.IsInf(px, 0) {
		return
	}
	x, y := int(12*k), dst.Bounds().Dy()-int(14*k)
	fillRect(dst, x-1, y-1, int(px)+2, int(4*k)+2, st.Outline)
	fillRect(dst, x, y, int(px), int(4*k), st.Text)
	text := fmt.Sprintf("%g m", metres)
	if metres >= 1000 {
		text = fmt.Sprintf("%g km", metres/1000)
	}
	label(dst, text, x, y-int(5*k), k, st)
}

func fillRect(dst *image.RGBA, x, y, w, h int, c color.RGBA) {
	draw.Draw(dst, image.Rect(x, y, x+w, y+h).Intersect(dst.Bounds()), image.NewUniform(c), image.Point{}, draw.Over)
}

// disc fills a circle.
func disc(dst *image.RGBA, cx, cy, r float64, c color.RGBA) {
	const n = 32
	pts := make([][2]float64, n)
	for i := range pts {
		a := 2 * math.Pi * float64(i) / n
		pts[i] = [2]float64{cx + r*math.Cos(a), cy + r*math.Sin(a)}
	}
	polygon(dst, c, pts)
}

// wedge fills a sector of a circle around a bearing (degrees clockwise
// from north), half degrees wide on each side.
func wedge(dst *image.RGBA, cx, cy, r, bearing, half float64, c color.RGBA) {
	const n = 12
	pts := [][2]float64{{cx, cy}}
	for i := 0; i <= n; i++ {
		b := (bearing - half + 2*half*float64(i)/n) * math.Pi / 180
		pts = append(pts, [2]float64{cx + r*math.Sin(b), cy - r*math.Cos(b)})
	}
	polygon(dst, c, pts)
}

// polygon fills the polygon pts in colour c (alpha-premultiplied),
// rasterizing only its bounding box: a map draws thousands of them.
func polygon(dst *image.RGBA, c color.RGBA, pts [][2]float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, minY = math.Min(minX, p[0]), math.Min(minY, p[1])
		maxX, maxY = math.Max(maxX, p[0]), math.Max(maxY, p[1])
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1)
	clip := box.Intersect(dst.Bounds())
	if clip.Empty() {
		return
	}
	// The mask's origin is the top left of the part drawn (Draw aligns it
	// with r.Min); points outside it are clipped by the rasterizer.
	z := vector.NewRasterizer(clip.Dx(), clip.Dy())
	z.DrawOp = draw.Over
	for i, p := range pts {
		x, y := float32(p[0]-float64(clip.Min.X)), float32(p[1]-float64(clip.Min.Y))
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
	z.Draw(dst, clip, image.NewUniform(c), image.Point{})
}

// labelSize is the size of the map's text, in pixels, at scale k: 11
// points at 72 dpi.
func labelSize(k float64) float64 { return 11 * k }

// textWidth returns the width of s written at scale k, in whole pixels
// (the width label and text draw it with).
func textWidth(s string, k float64) int {
	return int(math.Ceil(glyphs.Regular().Measure(s, labelSize(k))))
}

// label writes s at scale k with its baseline at (x, y), on a halo of the
// outline colour so that it reads over any basemap: the text's coverage,
// computed once, drawn a pixel left, right, up and down in the outline
// colour, then in place in the text colour.
func label(dst *image.RGBA, s string, x, y int, k float64, st Style) {
	m := glyphs.Regular().Mask(s, float64(x), float64(y), labelSize(k))
	if m == nil {
		return
	}
	halo := image.NewUniform(st.Outline)
	for _, d := range []image.Point{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
		draw.DrawMask(dst, m.Rect.Add(d), halo, image.Point{}, m, m.Rect.Min, draw.Over)
	}
	draw.DrawMask(dst, m.Rect, image.NewUniform(st.Text), image.Point{}, m, m.Rect.Min, draw.Over)
}

// text writes s at scale k with its baseline at (x, y), in colour c.
func text(dst *image.RGBA, s string, x, y int, k float64, c color.RGBA) {
	glyphs.Regular().Draw(dst, s, float64(x), float64(y), labelSize(k), c)
}
