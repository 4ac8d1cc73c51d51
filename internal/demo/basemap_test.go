package demo

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/internal/geo"
)

// The sample's basemap is an MBTiles file the map reads, holding the town
// where the sample's pictures were taken.
func TestWriteBasemap(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the town")
	}
	path := filepath.Join(t.TempDir(), BasemapName)
	if err := WriteBasemap(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	m, err := geo.OpenMBTiles(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if lo, hi := m.Zooms(); lo != basemapMinZoom || hi != basemapMaxZoom {
		t.Errorf("zooms %d..%d", lo, hi)
	}
	// At the street picture's position, at the highest zoom: an opaque
	// tile with the town in it.
	for _, s := range shots() {
		if s.role != "street-before" {
			continue
		}
		f := s.file0(t.TempDir())
		p := geo.Project(f.Lat, f.Lon)
		z := basemapMaxZoom
		n := float64(int(1) << z)
		tile, err := m.Tile(z, int(p.X*n), int(p.Y*n))
		if err != nil || tile == nil {
			t.Fatalf("no tile under the street picture: %v", err)
		}
		px, py := int((p.X*n-float64(int(p.X*n)))*geo.TileSize), int((p.Y*n-float64(int(p.Y*n)))*geo.TileSize)
		if _, _, _, a := tile.At(px, py).RGBA(); a != 0xffff {
			t.Errorf("the basemap is transparent under the street picture (alpha %d)", a)
		}
	}
}
