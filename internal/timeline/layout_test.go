package timeline

import (
	"testing"
	"time"
)

func at(day, hour int) *time.Time {
	t := time.Date(2017, 10, day, hour, 0, 0, 0, time.UTC)
	return &t
}

// Images are placed in time order, on their rows; ones that would overlap
// go to a lane below; undated ones to a column after the axis; the band
// runs between the window's times.
func TestArrange(t *testing.T) {
	items := []Item{
		{ID: 1, At: at(9, 10), Row: RowOverhead, State: "intact"},
		{ID: 2, At: at(12, 9), Row: RowGround, State: "intact"},
		{ID: 3, At: at(15, 16), Row: RowGround, State: "destroyed"},
		{ID: 4, At: at(15, 17), Row: RowGround, State: "unclear"}, // an hour later: overlaps 3
		{ID: 5, At: at(17, 10), Row: RowOverhead, State: "destroyed"},
		{ID: 6, Row: RowGround}, // no date
	}
	l := Arrange(items, Window{NotBefore: at(12, 9), NotAfter: at(15, 16)}, 900, DefaultSizes)
	by := map[int64]Placed{}
	for _, p := range l.Items {
		by[p.ID] = p
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"time runs left to right", by[1].T < by[2].T && by[2].T < by[3].T && by[3].T < by[5].T},
		{"overhead images on the top row", by[1].Y < l.RowTop[1] && by[5].Y < l.RowTop[1]},
		{"ground images on the bottom row", by[2].Y >= l.RowTop[1] && by[3].Y >= l.RowTop[1]},
		{"overlapping thumbnails in two lanes", by[4].Y > by[3].Y && by[3].Y == by[2].Y},
		{"the undated image after the axis", by[6].Undated && by[6].X > l.AxisX1},
		{"the band from the intact to the destroyed image", l.HasBand && l.BandX0 == by[2].T && l.BandX1 == by[3].T},
		{"everything within the width", by[6].X+DefaultSizes.Thumb <= 900 && by[1].X >= DefaultSizes.Label},
		{"days ticked", len(l.Ticks) >= 5 && l.Ticks[0].Label != ""},
		{"the axis under the rows", l.AxisY >= l.RowTop[1]+l.RowHeight[1] && l.Height > l.AxisY},
	}
	for _, tc := range tests {
		if !tc.ok {
			t.Errorf("%s: layout %+v", tc.name, l)
		}
	}
	if p := l.At(by[3].X+1, by[3].Y+1, DefaultSizes.Thumb); p == nil || p.ID != 3 {
		t.Errorf("At on image 3: %+v", p)
	}
	if p := l.At(1, 1, DefaultSizes.Thumb); p != nil {
		t.Errorf("At on nothing: %+v", p)
	}
}

// An open window reaches the end of the axis.
func TestArrangeOpenWindow(t *testing.T) {
	items := []Item{{ID: 1, At: at(9, 10), State: "damaged"}, {ID: 2, At: at(11, 10), State: "destroyed"}}
	l := Arrange(items, Window{NotAfter: at(9, 10)}, 600, DefaultSizes)
	if !l.HasBand || l.BandX0 >= l.AxisX0 || l.BandX1 != l.Items[0].T {
		t.Errorf("band %v..%v, axis from %v, image 1 at %v", l.BandX0, l.BandX1, l.AxisX0, l.Items[0].T)
	}
}
