package geo

import (
	"image"
	"slices"
	"strings"
	"testing"
)

// The embedded basemap names Natural Earth's 243 populated places at
// 1:110m, most important first, each where Natural Earth puts it.
func TestLoadWorldPlaces(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Places) != 243 {
		t.Errorf("%d places, want 243", len(w.Places))
	}
	for i := 1; i < len(w.Places); i++ {
		if w.Places[i].Rank < w.Places[i-1].Rank {
			t.Fatalf("%s (rank %d) after %s (rank %d)", w.Places[i].Name, w.Places[i].Rank, w.Places[i-1].Name, w.Places[i-1].Rank)
		}
	}
	byName := map[string]Place{}
	for _, p := range w.Places {
		byName[p.Name] = p
	}
	for _, tc := range []struct {
		name     string
		lat, lon float64
		capital  bool
	}{
		{"Damascus", 33.50198, 36.29805, true},
		{"Baghdad", 33.340594, 44.391923, true},
		{"Istanbul", 41.106942, 29.008056, false},
		{"São Paulo", -23.556734, -46.626966, false},
	} {
		p, ok := byName[tc.name]
		if !ok {
			t.Errorf("no %s", tc.name)
			continue
		}
		if p.Lat != tc.lat || p.Lon != tc.lon || p.Capital != tc.capital {
			t.Errorf("%s at %v, %v (capital %v), want %v, %v (%v)", tc.name, p.Lat, p.Lon, p.Capital, tc.lat, tc.lon, tc.capital)
		}
		if lat, lon := Unproject(p.At); abs(lat-tc.lat) > 1e-9 || abs(lon-tc.lon) > 1e-9 {
			t.Errorf("%s projected to %v, %v", tc.name, lat, lon)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// A table that is not the one internal/worldgen writes is refused, with
// the line named.
func TestReadPlacesRefuses(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"too few fields", "Damascus\t33.5\t36.3\n", "line 1"},
		{"a latitude that is not a number", "# header\nDamascus\tnorth\t36.3\t2\t4.7\t2466000\t1\n", "line 2"},
		{"off the Earth", "Nowhere\t95\t36.3\t2\t4.7\t1\t0\n", "off the Earth"},
		{"no name", "\t33.5\t36.3\t2\t4.7\t1\t0\n", "line 1"},
	} {
		if _, err := ReadPlaces([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
	ps, err := ReadPlaces([]byte("# c\n\nDamascus\t33.5\t36.3\t2\t4.7\t2466000\t1\n"))
	if err != nil || len(ps) != 1 || !ps[0].Capital || ps[0].Pop != 2466000 || ps[0].MinZoom != 4.7 {
		t.Errorf("read %+v, %v", ps, err)
	}
}

// Places are named from a zoom on: over the Middle East at zoom 4 the map
// names Damascus and Cairo and dots Damascus; with the whole world in view,
// it names only the great cities (Damascus's min zoom is 4.7); and a
// name of the case's own, written where a place's would go, is the one
// kept.
func TestDrawPlaces(t *testing.T) {
	w, err := LoadWorld()
	if err != nil {
		t.Fatal(err)
	}
	names := func(v View) ([]string, *image.RGBA, *labelSet) {
		dst := image.NewRGBA(image.Rect(0, 0, int(v.W), int(v.H)))
		ls := newLabelSet(1)
		drawWorld(dst, v, w, LightStyle, 1, ls)
		var out []string
		for _, l := range thinLabels(ls.all, dst.Bounds(), ls.reserved) {
			out = append(out, l.Text)
		}
		return out, dst, ls
	}
	near := View{W: 800, H: 600, Scale: MinScale * 16, Center: Project(35, 40)}
	got, dst, _ := names(near)
	for _, want := range []string{"Damascus", "Cairo"} {
		if !slices.Contains(got, want) {
			t.Errorf("zoom 4 over the Middle East: names %v, want %s among them", got, want)
		}
	}
	x, y := near.ToScreen(Project(33.50198, 36.29805))
	if c := dst.RGBAAt(int(x), int(y)); c != LightStyle.Place {
		t.Errorf("Damascus's dot: %v at %.0f, %.0f, want %v", c, x, y, LightStyle.Place)
	}
	far := View{W: 800, H: 600, Scale: MinScale * 2, Center: Project(20, 20)}
	got, _, _ = names(far)
	if slices.Contains(got, "Damascus") {
		t.Errorf("zoom 1: Damascus named: %v", got)
	}
	if len(got) == 0 {
		t.Error("zoom 1: no place named")
	}
	// A site's name at Damascus wins over the city's.
	dst = image.NewRGBA(image.Rect(0, 0, 800, 600))
	ls := newLabelSet(1)
	drawWorld(dst, near, w, LightStyle, 1, ls)
	ls.add("Site 7: the old mill", int(x)+4, int(y)+4, rankSite)
	var kept []string
	for _, l := range thinLabels(ls.all, dst.Bounds(), ls.reserved) {
		kept = append(kept, l.Text)
	}
	if !slices.Contains(kept, "Site 7: the old mill") || slices.Contains(kept, "Damascus") {
		t.Errorf("a site's name over Damascus's: kept %v", kept)
	}
	// No place's name covers a country's.
	for _, l := range thinLabels(ls.all, dst.Bounds(), ls.reserved) {
		if l.Rank == rankPlace && overlapsAny(l.Box, ls.reserved) {
			t.Errorf("%s written over a country's name", l.Text)
		}
	}
}
