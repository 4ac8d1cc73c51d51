package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// placesHeader opens assets/places.tsv: what it is and its columns.
const placesHeader = "# Natural Earth 1:110m populated places (public domain), written by internal/worldgen.\n" +
	"# name\tlatitude\tlongitude\tscale rank\tmin zoom\tpopulation\tcapital (1 a country's capital)\n"

// neFeature is the part of a Natural Earth populated place that the map
// uses.
type neFeature struct {
	Properties struct {
		Name      string  `json:"name"`
		ScaleRank int     `json:"scalerank"`
		MinZoom   float64 `json:"min_zoom"`
		PopMax    int64   `json:"pop_max"`
		Adm0Cap   int     `json:"adm0cap"`
	} `json:"properties"`
	Geometry struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	} `json:"geometry"`
}

// runPlaces converts Natural Earth's populated places (GeoJSON, the
// "simple" table) at in into the tab-separated table at out, most
// important first (by scale rank, then population).
func runPlaces(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var fc struct {
		Features []neFeature `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	rows, err := placeRows(fc.Features)
	if err != nil {
		return fmt.Errorf("convert %s: %w", in, err)
	}
	var buf bytes.Buffer
	buf.WriteString(placesHeader)
	for _, r := range rows {
		buf.WriteString(r)
		buf.WriteByte('\n')
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// placeRows turns features into table rows, most important first.
func placeRows(fs []neFeature) ([]string, error) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Properties, fs[j].Properties
		if a.ScaleRank != b.ScaleRank {
			return a.ScaleRank < b.ScaleRank
		}
		return a.PopMax > b.PopMax
	})
	var rows []string
	for i, f := range fs {
		p, g := f.Properties, f.Geometry
		if g.Type != "Point" || len(g.Coordinates) < 2 {
			return nil, fmt.Errorf("place %d (%q): not a point", i, p.Name)
		}
		lon, lat := g.Coordinates[0], g.Coordinates[1]
		if p.Name == "" || strings.ContainsAny(p.Name, "\t\n") || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			return nil, fmt.Errorf("place %d (%q at %g, %g): unusable", i, p.Name, lat, lon)
		}
		capital := 0
		if p.Adm0Cap == 1 {
			capital = 1
		}
		rows = append(rows, fmt.Sprintf("%s\t%.6f\t%.6f\t%d\t%g\t%d\t%d", p.Name, lat, lon, p.ScaleRank, p.MinZoom, p.PopMax, capital))
	}
	return rows, nil
}
