package geo

import (
	"bytes"
	"compress/gzip"
	"image"
	"image/color"
	"io"
	"math"
	"testing"

	"github.com/exhibit-app/exhibit/assets"
)

// The embedded basemap holds Natural Earth's 241 countries at 1:50m, with
// their coastlines and borders.
func TestLoadWorld(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Countries) != 241 {
		t.Errorf("%d countries, want 241", len(w.Countries))
	}
	if len(w.Coasts) < 1000 || len(w.Borders) < 300 {
		t.Errorf("%d coastlines, %d borders: too few", len(w.Coasts), len(w.Borders))
	}
	names := map[string]Country{}
	for _, c := range w.Countries {
		names[c.Name] = c
	}
	for _, tc := range []struct {
		name     string
		lat, lon float64
	}{
		{"Syria", 35, 38.5},
		{"Cyprus", 35.1, 33.2},
		{"France", 46.5, 2.5},
	} {
		c, ok := names[tc.name]
		if !ok {
			t.Errorf("no %s", tc.name)
			continue
		}
		// Its name is written within a few degrees of its middle.
		lat, lon := Unproject(c.Label)
		if d := (lat-tc.lat)*(lat-tc.lat) + (lon-tc.lon)*(lon-tc.lon); d > 9 {
			t.Errorf("%s's name at %.2f, %.2f: want near %.1f, %.1f", tc.name, lat, lon, tc.lat, tc.lon)
		}
	}
}

// Garbage is refused with an error, not a panic.
func TestReadWorldRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"not gzip", []byte("EXWORLD1")},
		{"truncated", truncatedWorld(t, 200)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ReadWorld(tc.data); err == nil {
				t.Error("no error")
			}
		})
	}
}

// Without a basemap, the sea, the land and the coasts are where they are
// on Earth.
func TestRenderWorld(t *testing.T) {
	v := View{Center: Project(36, 30), Scale: 256 << 5, W: 1600, H: 1000}
	img := Render(v, nil, 0, nil, LightStyle, 1)
	tests := []struct {
		name     string
		lat, lon float64
		want     color.RGBA
	}{
		{"the Ionian Sea", 36.5, 19.5, LightStyle.Sea},
		{"the Levantine Sea", 33.7, 30.3, LightStyle.Sea},
		{"the Black Sea", 43.3, 34.3, LightStyle.Sea},
		{"Syria, near Raqqa", 35.95, 39.01, LightStyle.Land},
		{"Cyprus, in the Troodos (away from Nicosia's dot)", 34.95, 32.95, LightStyle.Land},
		{"Crete", 35.2, 24.9, LightStyle.Land},
		{"Anatolia", 39.3, 33.3, LightStyle.Land},
	}
	for _, tc := range tests {
		x, y := v.ToScreen(Project(tc.lat, tc.lon))
		if got := img.RGBAAt(int(x), int(y)); got != tc.want {
			t.Errorf("%s at (%.0f, %.0f): %v, want %v", tc.name, x, y, got, tc.want)
		}
	}
}

// truncatedWorld returns the first n bytes of the embedded basemap,
// decompressed, compressed again: a file cut short.
func truncatedWorld(t *testing.T, n int) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(assets.World))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(raw[:n]); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func BenchmarkRenderWorld(b *testing.B) {
	if _, err := LoadWorld(); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		v    View
	}{
		{"whole Earth", View{Center: Point{0.5, 0.5}, Scale: 1400, W: 1600, H: 1000}},
		{"Middle East", View{Center: Project(36, 30), Scale: 256 << 5, W: 1600, H: 1000}},
		{"Raqqa", View{Center: Project(35.95, 39.01), Scale: 256 << 10, W: 1600, H: 1000}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				Render(bc.v, nil, 0, nil, LightStyle, 1)
			}
		})
	}
}

// The country under a position, wherever the world's copy.
func TestCountryAt(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		lat, lon float64
		shift    float64 // world widths east
		want     string
	}{
		{"Raqqa", 35.95, 39.01, 0, "Syria"},
		{"Limassol", 34.70, 33.04, 0, "Cyprus"},
		{"the Ionian Sea", 36.5, 19.5, 0, ""},
		{"Chukotka, west of 180°", 66, -175, 0, "Russia"},
		{"Chukotka, east of 180°", 66, 175, 0, "Russia"},
		{"Paris, a world east", 48.86, 2.35, 1, "France"},
		{"Paris, a world west", 48.86, 2.35, -1, "France"},
	}
	for _, tc := range tests {
		p := Project(tc.lat, tc.lon)
		p.X += tc.shift
		if got := w.CountryAt(p); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestWrapLon(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0, 0}, {-1e-12, 0}, {200, -160}, {-200, 160}, {450, 90}, {179, 179},
	} {
		if got := wrapLon(tc.in); math.Abs(got-tc.want) > 1e-9 || math.Signbit(got) != math.Signbit(tc.want) {
			t.Errorf("wrapLon(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// Too close for a country's name to fit, the country under the middle is
// named in the corner.
func TestCountryInCorner(t *testing.T) {
	v := View{Center: Project(35.95, 39.01), Scale: 256 << 14, W: 600, H: 400}
	with := Render(v, nil, 0, nil, LightStyle, 1)
	// Near the name's colour: glyphs placed at fractions of a pixel
	// seldom cover a whole one.
	if !hasColor(with, image.Rect(450, 370, 600, 400), LightStyle.Place, 40) {
		t.Error("no country named in the corner")
	}
}
