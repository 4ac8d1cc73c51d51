package apptest

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/fynetest"
	"github.com/exhibit-app/exhibit/viewer"
)

// At returns where image point (x, y) is shown on the layer.
func At(l *viewer.AnnotationLayer, x, y float64) fyne.Position {
	return l.ZoomView().ImageToWidget(catalog.Point{X: x, Y: y})
}

// PressAt presses the primary button on o at p.
func PressAt(o desktop.Mouseable, p fyne.Position) { fynetest.PressAt(o, p) }

// ReleaseAt releases the primary button on o at p.
func ReleaseAt(o desktop.Mouseable, p fyne.Position) { fynetest.ReleaseAt(o, p) }

// DragLayer drags on a layer from one image point to another, as the
// desktop driver reports it.
func DragLayer(l *viewer.AnnotationLayer, x0, y0, x1, y1 float64) {
	fynetest.Drag(l, At(l, x0, y0), At(l, x1, y1))
}

// ClickLayer clicks a layer at an image point.
func ClickLayer(l *viewer.AnnotationLayer, x, y float64) { fynetest.Click(l, At(l, x, y)) }
