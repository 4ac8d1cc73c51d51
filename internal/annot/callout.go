package annot

import (
	"sort"

	"github.com/exhibit-app/exhibit/catalog"
)

// Callout numbers are cited: an investigator writes "callout 3" in a
// report, and an exported sheet shows it. So numbers are STABLE: deleting a
// callout leaves a gap (1, 2, 4), and a new callout takes the next number
// after the highest ever in the list (NextNumber), never a freed one, so an
// old citation can never come to point at a different mark. Closing the
// gaps is an explicit, audited user action (Renumber), never automatic.

// NextNumber returns the number for a new callout among anns (the
// annotations of one image): one more than the highest callout number, 1
// when there is none.
func NextNumber(anns []catalog.Annotation) int {
	n := 0
	for _, a := range anns {
		if a.Kind == catalog.KindCallout && a.Number > n {
			n = a.Number
		}
	}
	return n + 1
}

// Renumbering is one callout whose number Renumber changed.
type Renumbering struct {
	ID       int64 // the annotation's ID
	Index    int   // its index in the slice given to Renumber
	Old, New int
}

// Renumber returns a copy of anns in which the callouts are numbered 1..n
// in the order of their current numbers (ties, and callouts without a
// number, by position in anns), and the list of changes, for the GUI to
// store and audit. Other annotations are copied unchanged.
//
// It is for an explicit "renumber callouts" command: it must not run on
// deletion, as numbers may already be cited (see NextNumber).
func Renumber(anns []catalog.Annotation) ([]catalog.Annotation, []Renumbering) {
	out := make([]catalog.Annotation, len(anns))
	var idx []int
	for i, a := range anns {
		a.Points = clonePoints(a.Points)
		out[i] = a
		if a.Kind == catalog.KindCallout {
			idx = append(idx, i)
		}
	}
	key := func(n int) int { // unnumbered callouts after the numbered ones
		if n < 1 {
			return int(^uint(0) >> 1)
		}
		return n
	}
	sort.SliceStable(idx, func(i, j int) bool { return key(out[idx[i]].Number) < key(out[idx[j]].Number) })
	var changes []Renumbering
	for n, i := range idx {
		if out[i].Number != n+1 {
			changes = append(changes, Renumbering{ID: out[i].ID, Index: i, Old: out[i].Number, New: n + 1})
			out[i].Number = n + 1
		}
	}
	return out, changes
}
