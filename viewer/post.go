package viewer

import "fyne.io/fyne/v2"

// canvasScale returns the number of device pixels per Fyne unit of the
// canvas showing o, or 1 when o is not on a canvas yet.
func canvasScale(o fyne.CanvasObject) float32 {
	app := fyne.CurrentApp()
	if app == nil {
		return 1
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil || c.Scale() <= 0 {
		return 1
	}
	return c.Scale()
}
