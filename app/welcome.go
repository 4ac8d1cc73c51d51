package app

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// welcomeScreen is shown while no case is open: open the sample case, open
// a case folder, or create a case.
type welcomeScreen struct {
	content fyne.CanvasObject
	sample  *widget.Button
	open    *widget.Button
	create  *widget.Button
}

func newWelcomeScreen(mw *mainWindow) *welcomeScreen {
	w := &welcomeScreen{}
	icon := canvas.NewImageFromResource(appIcon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(72))
	title := widget.NewRichText(&widget.TextSegment{Text: "Exhibit", Style: widget.RichTextStyle{
		SizeName: theme.SizeNameHeadingText, TextStyle: fyne.TextStyle{Bold: true}}})
	intro := widget.NewLabel("Catalog photos and reports into a case, link each image to the report excerpts that " +
		"speak of it, compare before and after, and export exhibits. Originals are never altered and every " +
		"change is recorded in the case's audit trail.")
	intro.Wrapping = fyne.TextWrapWord

	w.sample = widget.NewButtonWithIcon("Open the sample case", theme.MediaPlayIcon(), mw.openSample)
	w.sample.Importance = widget.HighImportance
	w.open = widget.NewButtonWithIcon("Open a case folder…", theme.FolderOpenIcon(), mw.openCaseDialog)
	w.create = widget.NewButtonWithIcon("New case…", theme.FolderNewIcon(), mw.newCaseDialog)
	choice := func(b *widget.Button, text string) fyne.CanvasObject {
		b.Alignment = widget.ButtonAlignLeading
		return container.NewBorder(nil, nil, container.NewVBox(container.New(ui.WidthLayout{Width: 240}, b)), nil, ui.DimWrapped(text))
	}
	column := container.NewVBox(
		container.NewHBox(icon, container.NewVBox(layout.NewSpacer(), title, layout.NewSpacer())),
		intro,
		widget.NewSeparator(),
		choice(w.sample, "A fictional town before and after a strike: eleven pictures, a field report, links, "+
			"a before/after pair and annotations. Made on this computer the first time (about 15 seconds)."),
		choice(w.open, "A case made by Exhibit: a folder whose name ends in .exhibit."),
		choice(w.create, "Choose a name and where to keep it, then import a folder of images. Drop files "+
			"or folders on the window at any time to import them."),
	)
	w.content = container.NewCenter(container.New(ui.WidthLayout{Width: 720}, column))
	return w
}

// showWelcome shows the welcome screen (no case open).
func (mw *mainWindow) showWelcome() {
	mw.closeScreens()
	mw.welcome = newWelcomeScreen(mw)
	mw.win.SetTitle("Exhibit")
	mw.win.SetContent(mw.welcome.content)
	mw.enableCaseMenus(false)
}
