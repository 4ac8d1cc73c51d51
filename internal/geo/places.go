package geo

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"
)

// Place is one of the world's populated places the built-in basemap
// names: Natural Earth's 1:110m populated places (assets/places.tsv).
type Place struct {
	Name     string
	Lat, Lon float64
	At       Point
	// Rank is Natural Earth's scale rank (0 the most important) and
	// MinZoom the zoom (in web map levels) from which it is named.
	Rank    int
	MinZoom float64
	Pop     int64
	Capital bool
}

// ReadPlaces reads the table internal/worldgen writes: lines of name,
// latitude, longitude, scale rank, min zoom, population and capital,
// tab-separated; lines starting with # are comments.
func ReadPlaces(b []byte) ([]Place, error) {
	var out []Place
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p, err := parsePlace(line)
		if err != nil {
			return nil, fmt.Errorf("read places: line %d: %w", n, err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

func parsePlace(line string) (Place, error) {
	f := strings.Split(line, "\t")
	if len(f) != 7 || f[0] == "" {
		return Place{}, fmt.Errorf("%d fields, want 7", len(f))
	}
	var errs [6]error
	p := Place{Name: f[0]}
	p.Lat, errs[0] = strconv.ParseFloat(f[1], 64)
	p.Lon, errs[1] = strconv.ParseFloat(f[2], 64)
	p.Rank, errs[2] = strconv.Atoi(f[3])
	p.MinZoom, errs[3] = strconv.ParseFloat(f[4], 64)
	p.Pop, errs[4] = strconv.ParseInt(f[5], 10, 64)
	var capital int
	capital, errs[5] = strconv.Atoi(f[6])
	for _, err := range errs {
		if err != nil {
			return Place{}, fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	if math.Abs(p.Lat) > 90 || math.Abs(p.Lon) > 180 {
		return Place{}, fmt.Errorf("%s at %g, %g: off the Earth", p.Name, p.Lat, p.Lon)
	}
	p.Capital = capital == 1
	p.At = Project(p.Lat, p.Lon)
	return p, nil
}

// zoomLevel is the view's zoom in web map levels: 0 when the whole world
// is 256 pixels wide.
func zoomLevel(v View) float64 { return math.Log2(v.Scale / MinScale) }

// placeZoomLead is how many zoom levels before Natural Earth's min zoom a
// place is named: its min zooms are for maps that name far more.
const placeZoomLead = 2

// drawPlaces marks the populated places in view that are named at this
// zoom with a dot (a ringed one for a capital), and asks for their names,
// which give way to every label of the case's own (rankPlace) and to the
// countries' names already written.
func drawPlaces(dst *image.RGBA, v View, w *World, copies []float64, st Style, k float64, labels *labelSet) {
	z := zoomLevel(v)
	r := 2.5 * k
	for _, o := range copies {
		for _, p := range w.Places {
			if p.MinZoom > z+placeZoomLead {
				continue
			}
			x, y := v.ToScreen(Point{p.At.X + o, p.At.Y})
			if x < -r || y < -r || x > v.W+r || y > v.H+r {
				continue
			}
			if p.Capital {
				disc(dst, x, y, r+1.2*k, st.Place)
				disc(dst, x, y, r, st.Land)
				disc(dst, x, y, r-1.2*k, st.Place)
			} else {
				disc(dst, x, y, r, st.Place)
			}
			if labels != nil {
				labels.addStyled(p.Name, int(x+r+2*k), int(y+4*k), rankPlace, &Style{Text: st.Text, Outline: st.Land})
			}
		}
	}
}
