package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// sheetsSpec exports the sheets of t as one PDF.
func (mw *mainWindow) sheetsSpec(t export.Target, title, what, name string) exportSpec {
	version := mw.version
	return exportSpec{title: title, what: what, ext: ".pdf", name: name, sheets: true,
		run: func(ctx context.Context, c *catalog.Case, path string, ch exportChoice, progress func(done, total int)) (*catalog.Export, string, error) {
			opt := sheet.Options{Paper: ch.paper, Landscape: ch.landscape, Version: version}
			res, err := export.ExportSheets(ctx, c, t, path, opt, export.Progress(progress))
			if err != nil {
				return nil, "", err
			}
			n := len(t.Pairs) + len(t.Images) + len(t.Sites)
			msg := fmt.Sprintf("%s written (%s, %s).", ui.Plural(n, "sheet", "sheets"), opt.Paper,
				map[bool]string{false: "portrait", true: "landscape"}[opt.Landscape])
			return res.Export, msg + unprintedNote(res.Unprinted), nil
		}}
}

// exportSheet exports the sheet of what the screen shows (Ctrl+E).
func (mw *mainWindow) exportSheet() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(sheetExporter); ok {
		e.ExportSheet()
		return
	}
	dialog.ShowInformation("Export sheet", "Export sheet… exports the image shown in the review screen, or the pair "+
		"shown in the compare screen. For several, select images in the library or tick pairs in the compare "+
		"screen, then Export sheets….", mw.win)
}

// exportSheets exports the sheets of the screen's selection
// (Ctrl+Shift+E).
func (mw *mainWindow) exportSheets() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(sheetsExporter); ok {
		e.ExportSheets()
		return
	}
	dialog.ShowInformation("Export sheets", "Export sheets… exports the images selected in the library (one sheet "+
		"each) or the pairs ticked in the compare screen's list.", mw.win)
}

// exportImage exports the image shown with its marks burned in.
func (mw *mainWindow) exportImage() {
	if _, ok := mw.requireCase(); !ok {
		return
	}
	if e, ok := mw.currentScreen().(imageExporter); ok {
		e.ExportImage()
		return
	}
	dialog.ShowInformation("Export image", "Export image (PNG)… exports the image shown in the review screen, or an "+
		"image of the pair shown in the compare screen, at full resolution with its marks drawn on it.", mw.win)
}

// pngSpec exports an image (pick chooses it, and the pair whose marks on
// it are drawn too, from the side chosen) at full resolution, upright,
// with its marks burned in.
func (mw *mainWindow) pngSpec(title string, pick func(side string) (*catalog.Image, int64), name string, sides []string) exportSpec {
	return exportSpec{title: title, ext: ".png", name: name, sides: sides,
		what: "The original at full resolution, turned upright, with its marks drawn on it, as PNG.",
		run: func(ctx context.Context, c *catalog.Case, path string, ch exportChoice, progress func(done, total int)) (*catalog.Export, string, error) {
			im, pairID := pick(ch.side)
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

// exportCatalog exports the catalog as CSV ("csv") or GeoJSON ("geojson").
func (mw *mainWindow) exportCatalog(kind string) {
	s, ok := mw.requireCase()
	if !ok {
		return
	}
	spec := exportSpec{title: "Export the catalog as CSV", ext: ".csv", name: s.Case.Name() + " catalog",
		what: "One row per image: identity, SHA-256, paths, capture time, camera, position, links and tags."}
	if kind == "geojson" {
		spec = exportSpec{title: "Export the catalog as GeoJSON", ext: ".geojson", name: s.Case.Name() + " positions",
			what: "One point per image with a position, its metadata in the properties (images without a position are left out)."}
	}
	spec.run = func(ctx context.Context, c *catalog.Case, path string, _ exportChoice, _ func(done, total int)) (*catalog.Export, string, error) {
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
	mw.exportDialog(spec)
}

// ExportSheet exports the sheet of the pair shown.
func (cs *compareScreen) ExportSheet() {
	if cs.data == nil {
		ui.ShowError(cs.mw.win, "No pair to export", fmt.Errorf("open a pair first (the list on the left)"))
		return
	}
	cs.marks.Flush()
	p := cs.data.pair
	cs.mw.exportDialog(cs.mw.sheetsSpec(export.Target{Pairs: []int64{p.ID}}, "Export the sheet of the pair",
		fmt.Sprintf("The comparison sheet of “%s”: both images (aligned if the pair is), their marks with a legend, "+
			"captions with SHA-256, the date window, notes and linked excerpts.", p.Title),
		fmt.Sprintf("Pair %d - %s", p.ID, p.Title)))
}

// ExportSheets exports the sheets of the pairs ticked in the list.
func (cs *compareScreen) ExportSheets() {
	ids := cs.pairs.checkedIDs()
	if len(ids) == 0 {
		ui.ShowError(cs.mw.win, "No pair ticked", fmt.Errorf("tick the pairs to export in the list on the left "+
			"(or use Export sheet… for the pair shown)"))
		return
	}
	cs.marks.Flush()
	cs.mw.exportDialog(cs.mw.sheetsSpec(export.Target{Pairs: ids}, "Export the sheets of the pairs ticked",
		fmt.Sprintf("%s, one per pair, in one PDF.", ui.Plural(len(ids), "comparison sheet", "comparison sheets")),
		fmt.Sprintf("%s - %s", cs.s.Case.Name(), ui.Plural(len(ids), "pair", "pairs"))))
}

// ExportImage exports an image of the pair shown (Before or After) with
// the marks made on it, here and on the image itself.
func (cs *compareScreen) ExportImage() {
	if cs.data == nil {
		ui.ShowError(cs.mw.win, "No pair to export", fmt.Errorf("open a pair first (the list on the left)"))
		return
	}
	cs.marks.Flush()
	d := cs.data
	pick := func(side string) (*catalog.Image, int64) {
		if side == "Before" {
			return d.ims[0], d.pair.ID
		}
		return d.ims[1], d.pair.ID
	}
	cs.mw.exportDialog(cs.mw.pngSpec("Export an image of the pair (PNG)", pick,
		fmt.Sprintf("Pair %d - %s", d.pair.ID, d.pair.Title), []string{"Before", "After"}))
}

// unprintedNote says which images were printed as placeholders, and why
// ("" when none was).
func unprintedNote(us []sheet.Unprinted) string {
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
