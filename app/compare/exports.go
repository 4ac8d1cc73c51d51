package compare

import (
	"fmt"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/export"
)

// ExportSheet exports the sheet of the pair shown.
func (cs *compareScreen) ExportSheet() {
	if cs.data == nil {
		ui.ShowError(cs.host.Window(), "No pair to export", fmt.Errorf("open a pair first (the list on the left)"))
		return
	}
	cs.marks.Flush()
	p := cs.data.pair
	cs.host.ExportSheets(export.Target{Pairs: []int64{p.ID}}, "Export the sheet of the pair",
		fmt.Sprintf("The comparison sheet of “%s”: both images (aligned if the pair is), their marks with a legend, "+
			"captions with SHA-256, the date window, notes and linked excerpts.", p.Title),
		fmt.Sprintf("Pair %d - %s", p.ID, p.Title))
}

// ExportSheets exports the sheets of the pairs ticked in the list.
func (cs *compareScreen) ExportSheets() {
	ids := cs.pairs.checkedIDs()
	if len(ids) == 0 {
		ui.ShowError(cs.host.Window(), "No pair ticked", fmt.Errorf("tick the pairs to export in the list on the left "+
			"(or use Export sheet… for the pair shown)"))
		return
	}
	cs.marks.Flush()
	cs.host.ExportSheets(export.Target{Pairs: ids}, "Export the sheets of the pairs ticked",
		fmt.Sprintf("%s, one per pair, in one PDF.", ui.Plural(len(ids), "comparison sheet", "comparison sheets")),
		fmt.Sprintf("%s - %s", cs.s.Case.Name(), ui.Plural(len(ids), "pair", "pairs")))
}

// ExportImage exports an image of the pair shown (Before or After) with
// the marks made on it, here and on the image itself.
func (cs *compareScreen) ExportImage() {
	if cs.data == nil {
		ui.ShowError(cs.host.Window(), "No pair to export", fmt.Errorf("open a pair first (the list on the left)"))
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
	cs.host.ExportPNG("Export an image of the pair (PNG)", pick,
		fmt.Sprintf("Pair %d - %s", d.pair.ID, d.pair.Title), []string{"Before", "After"})
}
