package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/assets"
	"github.com/exhibit-app/exhibit/catalog"
)

// AppID is Exhibit's application id (also in FyneApp.toml).
const AppID = "io.github.exhibit_app.exhibit"

// Options say how to start the app.
type Options struct {
	// CaseDir is the case to open; "" opens the last case used.
	CaseDir string
	Version string
}

// Run opens the main window and returns when it is closed.
func Run(opt Options) error {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	dir := opt.CaseDir
	if dir == "" {
		var err error
		if dir, err = catalog.DefaultDir(); err != nil {
			return err
		}
	}
	c, err := catalog.Open(context.Background(), dir)
	if err != nil {
		return err
	}
	defer c.Close()
	w := a.NewWindow("Exhibit — " + c.Name())
	ims, err := c.Images(context.Background(), catalog.Filter{})
	if err != nil {
		return err
	}
	list := widget.NewList(func() int { return len(ims) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("%d  %s", ims[i].ID, ims[i].Name()))
		})
	w.SetContent(list)
	w.Resize(fyne.NewSize(900, 600))
	w.ShowAndRun()
	return nil
}
