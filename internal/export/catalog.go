package export

import (
	"context"
	"fmt"
	"io"

	"github.com/exhibit-app/exhibit/catalog"
)

// Catalog is a catalog written by WriteCatalog.
type Catalog struct {
	// Export is the file as recorded in the audit trail.
	Export *catalog.Export
	// Images is how many images were written; NoPosition, for GeoJSON, how
	// many were left out for having no position.
	Images, NoPosition int
}

// WriteCatalog writes every image of the case as CSV (kind "csv": one row
// per image) or GeoJSON ("geojson": one point per image with a position)
// at path. The export is recorded (pending) first, the file written
// through a temporary file (an interrupted export leaves nothing), then
// the export recorded done with the file's SHA-256.
func WriteCatalog(ctx context.Context, c *catalog.Case, kind, path string) (*Catalog, error) {
	if kind != "csv" && kind != "geojson" {
		return nil, fmt.Errorf("export the catalog as %q: want csv or geojson", kind)
	}
	if err := checkOutput(ctx, c, path); err != nil {
		return nil, fmt.Errorf("export the catalog as %s: %w", kind, err)
	}
	run, err := c.BeginExport(ctx, kind, path, map[string]any{})
	if err != nil {
		return nil, fmt.Errorf("export the catalog as %s: %w", kind, err)
	}
	var out Catalog
	out.Export, err = run.Write(ctx, func(w io.Writer) error {
		var err error
		if kind == "csv" {
			out.Images, err = c.WriteCSV(ctx, w, catalog.Filter{})
		} else {
			out.Images, out.NoPosition, err = c.WriteGeoJSON(ctx, w, catalog.Filter{})
		}
		run.SetObjects(map[string]any{"images": out.Images})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("export the catalog as %s: %w", kind, err)
	}
	return &out, nil
}
