package apptest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

// At returns where image point (x, y) is shown on the layer.
func At(l *viewer.AnnotationLayer, x, y float64) fyne.Position {
	return l.ZoomView().ImageToWidget(catalog.Point{X: x, Y: y})
}

// PressAt presses the primary button on o at p.
func PressAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

// ReleaseAt releases the primary button on o at p.
func ReleaseAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

// DragLayer drags on a layer from one image point to another, as the
// desktop driver reports it.
func DragLayer(l *viewer.AnnotationLayer, x0, y0, x1, y1 float64) {
	from, to := At(l, x0, y0), At(l, x1, y1)
	PressAt(l, from)
	const steps = 4
	prev := from
	for i := 1; i <= steps; i++ {
		k := float32(i) / steps
		cur := fyne.NewPos(from.X+(to.X-from.X)*k, from.Y+(to.Y-from.Y)*k)
		l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
	l.DragEnd()
	ReleaseAt(l, to)
}

// ClickLayer clicks a layer at an image point.
func ClickLayer(l *viewer.AnnotationLayer, x, y float64) {
	p := At(l, x, y)
	PressAt(l, p)
	ReleaseAt(l, p)
	test.TapAt(l, p)
}
