package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showSettings lets the user change the settings that are not remembered
// by themselves (window size, last case and screen are).
func (mw *mainWindow) showSettings() {
	lo, hi, def := mw.settings.ThumbCacheMBPresets()
	cache := widget.NewEntry()
	cache.SetText(strconv.Itoa(mw.settings.ThumbCacheMB()))
	cache.Validator = func(s string) error {
		v, err := strconv.Atoi(s)
		if err != nil || v < lo || v > hi {
			return fmt.Errorf("a number of MB from %d to %d", lo, hi)
		}
		return nil
	}
	hint := ui.Caption(fmt.Sprintf("Memory for the library's thumbnails, in MB (default %d). Used when a case is next opened.", def))
	items := []*widget.FormItem{widget.NewFormItem("Thumbnail cache", cache), widget.NewFormItem("", hint)}
	d := dialog.NewForm("Settings", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		if v, err := strconv.Atoi(cache.Text); err == nil {
			mw.settings.SetThumbCacheMB(v)
		}
	}, mw.win)
	d.Resize(fyne.NewSize(ui.DialogWidth(mw.win, 520), 0))
	d.Show()
}
