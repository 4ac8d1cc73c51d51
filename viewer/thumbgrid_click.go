package viewer

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// doubleClickDelay and doubleClickSlop bound a double click: Fyne's
// desktop driver's delay, and a few units of pointer movement.
const (
	doubleClickDelay = 300 * time.Millisecond
	doubleClickSlop  = 6
)

// thumbPress is a primary click on a cell: on which cell, showing which
// item, with which source, where and when. done marks a second click
// that activated the item already.
type thumbPress struct {
	cell *thumbCell
	id   int64
	gen  int
	pos  fyne.Position
	at   time.Time
	done bool
}

// secondClick handles the second click of a double click when the grid
// changed between the two (a filter's result shown, the grid scrolled
// back to the top): Fyne's driver then sees two single clicks on two
// cells, or a double click on a cell that shows another item. It opens
// the item clicked first, if still shown (else the one under the
// pointer), and reports whether it did; the click then selects nothing.
func (g *ThumbGrid) secondClick(c *thumbCell, ev *desktop.MouseEvent) bool {
	now := g.opts.Now()
	p := g.press
	g.press = thumbPress{cell: c, id: c.id, gen: g.gen, pos: ev.AbsolutePosition, at: now}
	if p.cell == nil || p.done || ev.Modifier != 0 || now.Sub(p.at) > doubleClickDelay ||
		abs32(p.pos.X-ev.AbsolutePosition.X) > doubleClickSlop || abs32(p.pos.Y-ev.AbsolutePosition.Y) > doubleClickSlop {
		return false
	}
	if p.gen == g.gen {
		return false // nothing changed: Fyne sends DoubleTapped, or it is two clicks
	}
	id := p.id
	if _, ok := g.index[id]; !ok {
		if !c.bound {
			return false
		}
		id = c.id
	}
	g.press.done = true
	g.activate(id)
	return true
}

// doubleDone reports whether a DoubleTapped on c follows a second click
// that activated already.
func (g *ThumbGrid) doubleDone(c *thumbCell) bool {
	if g.press.done && g.press.cell == c {
		g.press = thumbPress{}
		return true
	}
	return false
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
