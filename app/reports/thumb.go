package reports

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tappableThumb is a small thumbnail with its name below, that does
// something when tapped.
type tappableThumb struct {
	widget.BaseWidget
	img   *canvas.Image
	name  *widget.Label
	onTap func()
	// id is the image's name, for tests.
	id string
}

const reportThumb = 112

func newTappableThumb(name string, onTap func()) *tappableThumb {
	t := &tappableThumb{onTap: onTap, id: name}
	t.img = canvas.NewImageFromResource(theme.NewDisabledResource(theme.FileImageIcon()))
	t.img.FillMode = canvas.ImageFillContain
	t.img.SetMinSize(fyne.NewSize(reportThumb, reportThumb*3/4))
	t.name = widget.NewLabel(name)
	t.name.SizeName = theme.SizeNameCaptionText
	t.name.Truncation = fyne.TextTruncateEllipsis
	t.name.Alignment = fyne.TextAlignCenter
	t.ExtendBaseWidget(t)
	return t
}

func (t *tappableThumb) set(img image.Image, err error) {
	if err != nil {
		t.img.Resource = theme.NewErrorThemedResource(theme.BrokenImageIcon())
		t.img.Image = nil
	} else {
		t.img.Resource = nil
		t.img.Image = img
	}
	t.img.Refresh()
}

// Tapped opens the image.
func (t *tappableThumb) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor shows a pointing hand: the thumbnail is a link.
func (t *tappableThumb) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (t *tappableThumb) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewBorder(nil, t.name, nil, nil, t.img)
	return widget.NewSimpleRenderer(container.New(ui.WidthLayout{Width: reportThumb}, box))
}

// String describes the thumbnail for messages.
func (t *tappableThumb) String() string { return fmt.Sprintf("thumbnail %s", t.id) }
