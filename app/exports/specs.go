package exports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// Sheets is the export of the sheets of t as one PDF, made by Exhibit
// version.
func Sheets(t export.Target, title, what, name, version string) Spec {
	return Spec{Title: title, What: what, Ext: ".pdf", Name: name, Sheets: true,
		Run: func(ctx context.Context, c *catalog.Case, path string, ch Choice, progress func(done, total int)) (*catalog.Export, string, error) {
			opt := sheet.Options{Paper: ch.Paper, Landscape: ch.Landscape, Version: version, QuoteImages: ch.QuoteImages}
			res, err := export.ExportSheets(ctx, c, t, path, opt, export.Progress(progress))
			if err != nil {
				return nil, "", err
			}
			n := len(t.Pairs) + len(t.Images) + len(t.Sites)
			msg := fmt.Sprintf("%s written (%s, %s).", ui.Plural(n, "sheet", "sheets"), opt.Paper,
				map[bool]string{false: "portrait", true: "landscape"}[opt.Landscape])
			return res.Export, msg + UnprintedNote(res.Unprinted), nil
		}}
}

// PNG is the export of an image (pick chooses it, and the pair whose
// marks on it are drawn too, from the side chosen) at full resolution,
// upright, with its marks burned in.
func PNG(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string) Spec {
	return Spec{Title: title, Ext: ".png", Name: name, Sides: sides,
		What: "The original at full resolution, turned upright, with its marks drawn on it, as PNG.",
		Run: func(ctx context.Context, c *catalog.Case, path string, ch Choice, progress func(done, total int)) (*catalog.Export, string, error) {
			im, pairID := pick(ch.Side)
			m, err := export.WritePNG(ctx, c, im, pairID, path)
			var oe *export.OriginalError
			if errors.As(err, &oe) {
				return nil, "", fmt.Errorf("export image %d: %s", im.ID, ui.OriginalProblem(im, oe.Err))
			}
			if err != nil {
				return nil, "", err
			}
			return m.Export, fmt.Sprintf("%s, %d × %d pixels, with %s.", im.Name(), m.Width, m.Height, ui.Plural(m.Marks, "mark", "marks")), nil
		}}
}

// Catalog is the export of the catalog of the case named caseName as CSV
// ("csv") or GeoJSON ("geojson").
func Catalog(kind, caseName string) Spec {
	spec := Spec{Title: "Export the catalog as CSV", Ext: ".csv", Name: caseName + " catalog",
		What: "One row per image: identity, SHA-256, paths, capture time, camera, position, links and tags."}
	if kind == "geojson" {
		spec = Spec{Title: "Export the catalog as GeoJSON", Ext: ".geojson", Name: caseName + " positions",
			What: "One point per image with a position, its metadata in the properties (images without a position are left out)."}
	}
	spec.Run = func(ctx context.Context, c *catalog.Case, path string, _ Choice, _ func(done, total int)) (*catalog.Export, string, error) {
		out, err := export.WriteCatalog(ctx, c, kind, path)
		if err != nil {
			return nil, "", err
		}
		msg := ui.Plural(out.Images, "image", "images") + " written."
		if out.NoPosition > 0 {
			msg = fmt.Sprintf("%s written; %s without a position left out.", ui.Plural(out.Images, "image", "images"), ui.Plural(out.NoPosition, "image", "images"))
		}
		return out.Export, msg, nil
	}
	return spec
}

// UnprintedNote says which images were printed as placeholders, and why
// ("" when none was).
func UnprintedNote(us []sheet.Unprinted) string {
	if len(us) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, " %s printed as a placeholder that says why:", ui.Plural(len(us), "image was", "images were"))
	for _, u := range us {
		fmt.Fprintf(&b, "\n• image %d (%s, SHA-256 %s): %s", u.ImageID, u.FileName, u.SHA256, u.Reason)
	}
	return b.String()
}
