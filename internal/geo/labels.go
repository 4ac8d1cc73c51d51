package geo

import (
	"image"
	"math"
	"sort"

	"github.com/exhibit-app/exhibit/internal/glyphs"
)

// The ranks of the labels a map writes over its layers: where two would
// be drawn over each other, the one of lower rank is kept (the selected
// image's name before a site's, a site's before a footprint's, a
// footprint's before an image's, and all of the case's own before the
// names of the world basemap's places).
const (
	rankSelected = iota
	rankSite
	rankFootprint
	rankMarker
	rankPlace
)

// mapLabel is a label a map would write: its text, where (its baseline
// starts at X, Y), the box it covers with its halo, and its rank.
type mapLabel struct {
	Text string
	X, Y int
	Box  image.Rectangle
	Rank int
	// Style, if set, is how this label is written (a place's name);
	// otherwise the map's.
	Style *Style
}

// labelSet gathers a map's labels as its layers are drawn, and writes
// them last, thinned: no two drawn over each other.
type labelSet struct {
	k   float64
	all []mapLabel
	// reserved are boxes already written into the basemap (the
	// countries' names), which no label of a place may cover.
	reserved []image.Rectangle
}

func newLabelSet(k float64) *labelSet { return &labelSet{k: k} }

// add asks for s with its baseline at (x, y).
func (ls *labelSet) add(s string, x, y, rank int) { ls.addStyled(s, x, y, rank, nil) }

// addStyled asks for s with its baseline at (x, y), written in st (nil:
// the map's style).
func (ls *labelSet) addStyled(s string, x, y, rank int, st *Style) {
	if s == "" {
		return
	}
	asc, desc := glyphs.Regular().Metrics(labelSize(ls.k))
	w := textWidth(s, ls.k)         // as label draws it
	pad := int(math.Ceil(2 * ls.k)) // the halo, and a little air
	box := image.Rect(x-pad, y-int(math.Ceil(asc))-pad, x+w+pad, y+int(math.Ceil(desc))+pad)
	ls.all = append(ls.all, mapLabel{Text: s, X: x, Y: y, Box: box, Rank: rank, Style: st})
}

// draw writes the labels kept.
func (ls *labelSet) draw(dst *image.RGBA, st Style) {
	for _, l := range thinLabels(ls.all, dst.Bounds(), ls.reserved) {
		s := st
		if l.Style != nil {
			s = *l.Style
		}
		label(dst, l.Text, l.X, l.Y, ls.k, s)
	}
}

// thinLabels returns the labels to write so that none is drawn over
// another: by rank (then in the order given), each label that overlaps
// none kept before it, and touches the view (bounds); a place's name also
// keeps off the reserved boxes.
func thinLabels(ls []mapLabel, bounds image.Rectangle, reserved []image.Rectangle) []mapLabel {
	order := make([]int, len(ls))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return ls[order[a]].Rank < ls[order[b]].Rank })
	var kept []mapLabel
	for _, i := range order {
		l := ls[i]
		if !l.Box.Overlaps(bounds) || l.Rank >= rankPlace && overlapsAny(l.Box, reserved) {
			continue
		}
		clash := false
		for _, q := range kept {
			if l.Box.Overlaps(q.Box) {
				clash = true
				break
			}
		}
		if !clash {
			kept = append(kept, l)
		}
	}
	return kept
}
