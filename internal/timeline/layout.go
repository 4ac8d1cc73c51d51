// Package timeline lays out a site's images on a time axis: georeferenced
// (satellite) images on one row, ground photos on another, the window of
// the site's damage as a band. The layout is plain arithmetic (no Fyne),
// shared by the Sites screen's widget and the site sheet's strip.
package timeline

import (
	"image/color"
	"math"
	"sort"
	"time"
)

// The rows of the axis.
const (
	RowOverhead = 0 // georeferenced and satellite images
	RowGround   = 1 // ground photos and the rest
)

// Item is an image on the axis.
type Item struct {
	ID int64
	// At is the capture time; nil puts the image apart, after the axis.
	At *time.Time
	// Row is RowOverhead or RowGround.
	Row int
	// State is intact, damaged, destroyed, unclear, or "" (not coded).
	State string
	// Disputed is set when the coders disagree.
	Disputed bool
	Label    string
}

// Window is the band drawn on the axis; either end may be nil.
type Window struct{ NotBefore, NotAfter *time.Time }

// Placed is an item with where it is drawn: the left of its thumbnail,
// and the top of its lane (lanes stack thumbnails that would overlap).
type Placed struct {
	Item
	X, Y float64
	// T is where its time falls on the axis (the tick under it).
	T       float64
	Undated bool
}

// Tick is a labelled mark of the axis.
type Tick struct {
	X     float64
	Label string
}

// Layout is where everything goes, in the units given to Arrange.
type Layout struct {
	Width, Height float64
	Items         []Placed
	Ticks         []Tick
	// RowTop and RowHeight are each row's band.
	RowTop, RowHeight [2]float64
	// AxisY is the axis line; the ticks hang from it.
	AxisY float64
	// Band is the window (X0 < X1) when HasBand; an open end reaches the
	// axis' end.
	HasBand bool
	BandX0  float64
	BandX1  float64
	// AxisX0, AxisX1 are the ends of the time axis; UndatedX the left of
	// the column of undated images (when there are any).
	AxisX0, AxisX1 float64
	UndatedX       float64
	Start, End     time.Time
}

// Sizes of the layout, in the caller's units.
type Sizes struct {
	Thumb  float64 // a thumbnail's side
	Gap    float64 // between lanes and around the rows
	Label  float64 // the width of the row labels on the left
	Ticks  float64 // the height under the axis for tick labels
	Margin float64
}

// DefaultSizes suit a screen (Fyne units) or a print at about 1 unit a
// pixel.
var DefaultSizes = Sizes{Thumb: 64, Gap: 6, Label: 86, Ticks: 22, Margin: 10}

// Arrange lays out items across width: time runs left to right from a
// little before the first capture to a little after the last; each
// thumbnail is centred on its time, and thumbnails that would overlap in
// a row are moved to a lane below.
func Arrange(items []Item, w Window, width float64, sz Sizes) Layout {
	l := Layout{Width: width}
	var dated, undated []Item
	for _, it := range items {
		if it.At == nil {
			undated = append(undated, it)
		} else {
			dated = append(dated, it)
		}
	}
	sort.SliceStable(dated, func(i, j int) bool { return dated[i].At.Before(*dated[j].At) })
	l.AxisX0 = sz.Label + sz.Margin + sz.Thumb/2
	l.AxisX1 = width - sz.Margin - sz.Thumb/2
	if len(undated) > 0 {
		l.UndatedX = width - sz.Margin - sz.Thumb
		l.AxisX1 = l.UndatedX - 2*sz.Gap - sz.Thumb/2 - sz.Margin
	}
	if l.AxisX1 < l.AxisX0+1 {
		l.AxisX1 = l.AxisX0 + 1
	}
	// The span: the dated images and the window's ends, with a margin.
	var lo, hi time.Time
	extend := func(t *time.Time) {
		if t == nil {
			return
		}
		if lo.IsZero() || t.Before(lo) {
			lo = *t
		}
		if hi.IsZero() || t.After(hi) {
			hi = *t
		}
	}
	for _, it := range dated {
		extend(it.At)
	}
	extend(w.NotBefore)
	extend(w.NotAfter)
	if lo.IsZero() {
		lo = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		hi = lo
	}
	span := hi.Sub(lo)
	pad := max(span/12, 12*time.Hour)
	l.Start, l.End = lo.Add(-pad), hi.Add(pad)
	x := func(t time.Time) float64 {
		f := float64(t.Sub(l.Start)) / float64(l.End.Sub(l.Start))
		return l.AxisX0 + f*(l.AxisX1-l.AxisX0)
	}
	// Lanes per row: the right edge of the last thumbnail in each lane.
	lanes := [2][]float64{}
	lane := make([]int, len(dated))
	for i, it := range dated {
		r := row(it.Row)
		t := x(*it.At)
		left := t - sz.Thumb/2
		k := 0
		for ; k < len(lanes[r]); k++ {
			if lanes[r][k]+sz.Gap/2 <= left {
				break
			}
		}
		if k == len(lanes[r]) {
			lanes[r] = append(lanes[r], 0)
		}
		lanes[r][k] = left + sz.Thumb
		lane[i] = k
		l.Items = append(l.Items, Placed{Item: it, X: left, T: t})
	}
	// The undated images go in a column of their own, in their rows.
	undLane := [2]int{}
	for _, it := range undated {
		r := row(it.Row)
		l.Items = append(l.Items, Placed{Item: it, X: l.UndatedX, T: l.UndatedX + sz.Thumb/2, Undated: true})
		lane = append(lane, undLane[r])
		undLane[r]++
	}
	y := sz.Margin
	for r := range 2 {
		n := max(1, len(lanes[r]), undLane[r])
		l.RowTop[r] = y
		l.RowHeight[r] = float64(n)*sz.Thumb + float64(n+1)*sz.Gap
		y += l.RowHeight[r]
	}
	l.AxisY = y
	l.Height = y + sz.Ticks + sz.Margin
	for i := range l.Items {
		r := row(l.Items[i].Row)
		l.Items[i].Y = l.RowTop[r] + sz.Gap + float64(lane[i])*(sz.Thumb+sz.Gap)
	}
	if w.NotBefore != nil || w.NotAfter != nil {
		l.HasBand = true
		l.BandX0, l.BandX1 = l.AxisX0-sz.Thumb/2, l.AxisX1+sz.Thumb/2
		if w.NotBefore != nil {
			l.BandX0 = x(*w.NotBefore)
		}
		if w.NotAfter != nil {
			l.BandX1 = x(*w.NotAfter)
		}
	}
	l.Ticks = ticks(l.Start, l.End, x, l.AxisX1-l.AxisX0)
	return l
}

func row(r int) int {
	if r == RowOverhead {
		return RowOverhead
	}
	return RowGround
}

// ticks marks days (or weeks, months, years) at a step that leaves room
// for their labels.
func ticks(start, end time.Time, x func(time.Time) float64, width float64) []Tick {
	days := end.Sub(start).Hours() / 24
	maxTicks := math.Max(1, width/70)
	type step struct {
		days   float64
		layout string
	}
	steps := []step{{1, "2 Jan"}, {2, "2 Jan"}, {7, "2 Jan"}, {14, "2 Jan"}, {30.44, "Jan 2006"}, {91.3, "Jan 2006"}, {365.25, "2006"}}
	st := steps[len(steps)-1]
	for _, s := range steps {
		if days/s.days <= maxTicks {
			st = s
			break
		}
	}
	loc := start.Location()
	var out []Tick
	t := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc)
	switch {
	case st.days >= 365:
		t = time.Date(start.Year(), 1, 1, 0, 0, 0, 0, loc)
	case st.days >= 30:
		t = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, loc)
	}
	for i := 0; i < 500 && !t.After(end); i++ {
		if !t.Before(start) {
			out = append(out, Tick{X: x(t), Label: t.Format(st.layout)})
		}
		switch {
		case st.days >= 365:
			t = t.AddDate(1, 0, 0)
		case st.days >= 91:
			t = t.AddDate(0, 3, 0)
		case st.days >= 30:
			t = t.AddDate(0, 1, 0)
		default:
			t = t.AddDate(0, 0, int(st.days))
		}
	}
	return out
}

// At returns the item drawn at (px, py), or nil.
func (l *Layout) At(px, py, thumb float64) *Placed {
	for i := range l.Items {
		p := &l.Items[i]
		if px >= p.X && px < p.X+thumb && py >= p.Y && py < p.Y+thumb {
			return p
		}
	}
	return nil
}

// StateColor is the colour of a state: green intact, orange damaged, red
// destroyed, violet unclear, grey not coded (and disputed: see
// DisputedColor).
func StateColor(state string) color.RGBA {
	switch state {
	case "intact":
		return color.RGBA{0x2E, 0x7D, 0x32, 0xFF}
	case "damaged":
		return color.RGBA{0xEF, 0x6C, 0x00, 0xFF}
	case "destroyed":
		return color.RGBA{0xC6, 0x28, 0x28, 0xFF}
	case "unclear":
		return color.RGBA{0x7E, 0x57, 0xC2, 0xFF}
	}
	return color.RGBA{0x9E, 0x9E, 0x9E, 0xFF}
}

// DisputedColor marks an image whose coders disagree.
var DisputedColor = color.RGBA{0xF9, 0xA8, 0x25, 0xFF}

// BandColor is the window's band, translucent (premultiplied).
var BandColor = color.RGBA{0x19 * 0x40 / 0xFF, 0x76 * 0x40 / 0xFF, 0xD2 * 0x40 / 0xFF, 0x40}

// RowNames are the labels of the rows.
var RowNames = [2]string{"Overhead", "Ground"}
