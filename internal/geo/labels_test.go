package geo

import (
	"image"
	"testing"
)

// Labels that would be drawn over each other are thinned: the one of
// lower rank (then the first given) is kept; labels apart are all kept;
// labels off the view are left out.
func TestThinLabels(t *testing.T) {
	view := image.Rect(0, 0, 400, 300)
	box := func(x, y, w int) image.Rectangle { return image.Rect(x, y, x+w, y+14) }
	for _, c := range []struct {
		name string
		in   []mapLabel
		want []string
	}{
		{"apart", []mapLabel{{Text: "a", Box: box(10, 10, 50)}, {Text: "b", Box: box(70, 10, 50)}, {Text: "c", Box: box(10, 30, 50)}}, []string{"a", "b", "c"}},
		{"touching edges do not overlap", []mapLabel{{Text: "a", Box: box(10, 10, 50)}, {Text: "b", Box: box(60, 10, 50)}}, []string{"a", "b"}},
		{"same rank: the first", []mapLabel{{Text: "a", Box: box(10, 10, 50), Rank: rankMarker}, {Text: "b", Box: box(40, 15, 50), Rank: rankMarker}}, []string{"a"}},
		{"lower rank wins", []mapLabel{{Text: "image", Box: box(10, 10, 50), Rank: rankMarker}, {Text: "site", Box: box(40, 15, 50), Rank: rankSite}}, []string{"site"}},
		{"selected first", []mapLabel{{Text: "site", Box: box(10, 10, 50), Rank: rankSite}, {Text: "footprint", Box: box(20, 12, 50), Rank: rankFootprint}, {Text: "chosen", Box: box(30, 14, 50), Rank: rankSelected}}, []string{"chosen"}},
		{"a chain: the middle one goes, the ends stay", []mapLabel{{Text: "a", Box: box(0, 0, 50)}, {Text: "b", Box: box(40, 0, 50)}, {Text: "c", Box: box(80, 0, 50)}}, []string{"a", "c"}},
		{"off the view", []mapLabel{{Text: "far", Box: box(500, 10, 50)}, {Text: "near", Box: box(390, 10, 50)}}, []string{"near"}},
	} {
		got := thinLabels(c.in, view, nil)
		var names []string
		for _, l := range got {
			names = append(names, l.Text)
		}
		if len(names) != len(c.want) {
			t.Errorf("%s: kept %v, want %v", c.name, names, c.want)
			continue
		}
		for i := range names {
			if names[i] != c.want[i] {
				t.Errorf("%s: kept %v, want %v", c.name, names, c.want)
				break
			}
		}
	}
}

// The boxes a label set measures cover the text and its halo: two names
// written at the same place clash, and one of them is left out; the same
// names a line apart are both written.
func TestLabelSetBoxes(t *testing.T) {
	ls := newLabelSet(1)
	ls.add("No. 12, Old Mill Street", 100, 100, rankSite)
	ls.add("05-drone-before.jpg", 104, 103, rankMarker)
	ls.add("06-drone-after.jpg", 100, 130, rankMarker)
	ls.add("", 10, 10, rankMarker) // nothing to write
	if len(ls.all) != 3 {
		t.Fatalf("%d labels gathered", len(ls.all))
	}
	if w := ls.all[0].Box.Dx(); w < 100 || w > 200 {
		t.Errorf("box of a 23-letter name %d px wide", w)
	}
	got := thinLabels(ls.all, image.Rect(0, 0, 400, 300), nil)
	if len(got) != 2 || got[0].Text != "No. 12, Old Mill Street" || got[1].Text != "06-drone-after.jpg" {
		t.Errorf("kept %+v", got)
	}
}
