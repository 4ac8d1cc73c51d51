package export

import (
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/geo"
)

// CaseBasemapName is the basemap a case uses when no other is chosen: an
// MBTiles file of this name in the case folder.
const CaseBasemapName = "basemap.mbtiles"

// CaseBasemap returns the path of the case's own basemap, or "" when the
// case folder has none.
func CaseBasemap(caseDir string) string {
	p := filepath.Join(caseDir, CaseBasemapName)
	if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
		return p
	}
	return ""
}

// MapOptions say how WriteMap draws the map.
type MapOptions struct {
	// Width and Height are the picture's size in pixels (1600×1000 when 0).
	Width, Height int
	// Basemap is an MBTiles file to draw under the points ("": the built-in
	// world map, Natural Earth's countries, under a grid of latitude and
	// longitude).
	Basemap string
	// Filter selects the images placed (those without a position are left
	// out).
	Filter catalog.Filter
}

// MapResult is a map written by WriteMap.
type MapResult struct {
	Export *catalog.Export
	// Placed is how many images are on the map.
	Placed int
}

// WriteMap draws the images with a GPS position, each with its direction
// of view, fitted into a PNG picture at path, recording the export in the
// audit trail before the file appears and with the file's SHA-256 once it
// is in place. Nothing is fetched from the network.
func WriteMap(ctx context.Context, c *catalog.Case, path string, opt MapOptions) (*MapResult, error) {
	if err := checkOutput(ctx, c, path); err != nil {
		return nil, fmt.Errorf("export map: %w", err)
	}
	w, h := opt.Width, opt.Height
	if w <= 0 || h <= 0 {
		w, h = 1600, 1000
	}
	if w > 10000 || h > 10000 {
		return nil, fmt.Errorf("export map: %d×%d pixels is too large (at most 10000 a side)", w, h)
	}
	f := opt.Filter
	f.HasGPS = true
	ims, err := c.Images(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("export map: %w", err)
	}
	if len(ims) == 0 {
		return nil, fmt.Errorf("export map: none of the images selected has a GPS position")
	}
	var tiles geo.TileSource
	if opt.Basemap != "" {
		t, err := geo.OpenMBTiles(ctx, opt.Basemap)
		if err != nil {
			return nil, fmt.Errorf("export map: %w", err)
		}
		defer t.Close()
		tiles = t
	}
	markers := make([]geo.Marker, len(ims))
	points := make([]geo.Point, len(ims))
	ids := make([]int64, len(ims))
	for i, im := range ims {
		markers[i] = geo.Marker{ID: im.ID, Pos: geo.Project(*im.Lat, *im.Lon), Direction: im.Direction, Label: im.Name()}
		points[i] = markers[i].Pos
		ids[i] = im.ID
	}
	k := float64(max(w, h)) / 1000 // marks and labels grow with the picture
	v := geo.Fit(points, float64(w), float64(h), 60*k, 100)
	img := geo.Render(v, markers, 0, tiles, geo.LightStyle, k)
	e, err := c.WriteExport(ctx, "map", path, map[string]any{"images": ids, "basemap": opt.Basemap}, func(wr io.Writer) error {
		return png.Encode(wr, img)
	})
	if err != nil {
		return nil, fmt.Errorf("export map: %w", err)
	}
	return &MapResult{Export: e, Placed: len(ims)}, nil
}
