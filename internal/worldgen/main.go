// Command worldgen converts the Natural Earth countries of the npm package
// world-atlas (TopoJSON, countries-50m.json) into assets/world.bin.gz, the
// built-in world basemap internal/geo draws when a case has no basemap of
// its own. It reads a file on disk and never the network:
//
//	cd $(mktemp -d) && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./internal/worldgen package/countries-50m.json assets/world.bin.gz
//
// The output, gzip-compressed, is (integers as varints, signed ones
// zig-zag, coordinates in the TopoJSON's quantized units, delta-encoded):
//
//	"EXWORLD1"
//	scale x, scale y, translate x, translate y (float64, little-endian)
//	countries: count, then each: name, label x y, rings: count, then each
//	  ring: points: count, then dx dy...
//	lines: count, then each: kind (0 coast, 1 border), points as above
//
// With "places", it converts Natural Earth's populated places (the 1:110m
// "simple" GeoJSON) into assets/places.tsv, a tab-separated table (see
// places.go), most important first:
//
//	go run ./internal/worldgen places ne_110m_populated_places_simple.geojson assets/places.tsv
//
// Rings that cross the antimeridian are unwrapped (their longitudes run
// past 180°) and rings around a pole are closed along it, so that a plane
// fill draws them right; lines are split where they jump across it.
package main

import (
	"fmt"
	"os"
)

func main() {
	var err error
	switch {
	case len(os.Args) == 4 && os.Args[1] == "places":
		err = runPlaces(os.Args[2], os.Args[3])
	case len(os.Args) == 3:
		err = run(os.Args[1], os.Args[2])
	default:
		fmt.Fprintln(os.Stderr, "usage: worldgen countries-50m.json world.bin.gz\n       worldgen places ne_110m_populated_places_simple.geojson places.tsv")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "worldgen:", err)
		os.Exit(1)
	}
}
