package fynetest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// Gestured is a widget that takes the mouse's buttons, drags and taps.
type Gestured interface {
	desktop.Mouseable
	fyne.Draggable
	fyne.Tappable
}

// PressAt presses the primary button on o at p.
func PressAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

// ReleaseAt releases the primary button on o at p.
func ReleaseAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

// Drag drags the mouse on o from one position to another in a few steps,
// as the desktop driver reports it: a press, drag events with the current
// position and the step, the end of the drag, the release.
func Drag(o Gestured, from, to fyne.Position) {
	PressAt(o, from)
	const steps = 4
	prev := from
	for i := 1; i <= steps; i++ {
		k := float32(i) / steps
		cur := fyne.NewPos(from.X+(to.X-from.X)*k, from.Y+(to.Y-from.Y)*k)
		o.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
	o.DragEnd()
	ReleaseAt(o, to)
}

// Click presses, releases and taps o at p.
func Click(o Gestured, p fyne.Position) {
	PressAt(o, p)
	ReleaseAt(o, p)
	test.TapAt(o, p)
}
