package mapscreen

import (
	"context"
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/geo"
)

// swipeLong is the long side, in pixels, at which the swiped images are
// decoded: enough for a map filling a screen.
const swipeLong = 2048

// swiper is the row under the map's bar that picks two footprints and
// swipes their images over each other on the map.
type swiper struct {
	ms          *mapScreen
	row         *fyne.Container
	left, right *widget.Select
	note        *widget.Label
	open        *widget.Button
	loading     ui.Latest
	byLabel     map[string]geo.Outline
}

func newSwiper(ms *mapScreen) *swiper {
	sw := &swiper{ms: ms, byLabel: map[string]geo.Outline{}}
	sw.left = widget.NewSelect(nil, func(string) { sw.load() })
	sw.left.PlaceHolder = "(a footprint)"
	sw.right = widget.NewSelect(nil, func(string) { sw.load() })
	sw.right.PlaceHolder = "(another)"
	sw.note = ui.Caption("Pick two georeferenced images; drag the handle to reveal one over the other.")
	stop := widget.NewButtonWithIcon("", theme.CancelIcon(), sw.stop)
	sw.note.Wrapping = fyne.TextWrapOff
	sw.note.Truncation = fyne.TextTruncateEllipsis
	picks := container.NewHBox(widget.NewLabel("Swipe"), sw.left, widget.NewLabel("left of the handle,"), sw.right, widget.NewLabel("right of it"), stop)
	sw.row = container.NewBorder(nil, nil, picks, nil, sw.note)
	sw.row.Hide()
	sw.open = widget.NewButtonWithIcon("Swipe footprints", theme.ViewRestoreIcon(), func() {
		sw.row.Show()
		sw.ms.content.Refresh()
	})
	sw.open.Disable()
	return sw
}

// setFootprints offers the footprints read (two at least are needed).
func (sw *swiper) setFootprints(fps []geo.Outline) {
	sw.byLabel = map[string]geo.Outline{}
	var labels []string
	for _, o := range fps {
		l := fmt.Sprintf("%s (image %d)", o.Label, o.ID)
		sw.byLabel[l] = o
		labels = append(labels, l)
	}
	sw.left.Options, sw.right.Options = labels, labels
	sw.left.Refresh()
	sw.right.Refresh()
	if len(labels) >= 2 {
		sw.open.Enable()
	} else {
		sw.open.Disable()
		sw.stop()
	}
}

// load decodes the two images picked and swipes them on the map.
func (sw *swiper) load() {
	a, okA := sw.byLabel[sw.left.Selected]
	b, okB := sw.byLabel[sw.right.Selected]
	if !okA || !okB {
		return
	}
	if a.ID == b.ID {
		sw.note.SetText("Pick two different images.")
		return
	}
	sw.note.SetText("Reading the two images…")
	c := sw.ms.s.Case
	ui.Load(&sw.loading, sw.ms.s.Ctx, func(ctx context.Context) ([2]image.Image, error) {
		var out [2]image.Image
		ims, err := c.Images(ctx, catalog.Filter{IDs: []int64{a.ID, b.ID}})
		if err != nil {
			return out, err
		}
		byID := map[int64]*catalog.Image{}
		for _, im := range ims {
			byID[im.ID] = im
		}
		for i, id := range []int64{a.ID, b.ID} {
			if byID[id] == nil {
				return out, fmt.Errorf("no image %d in the case", id)
			}
			if out[i], err = c.DecodeOriginal(ctx, byID[id], swipeLong); err != nil {
				return out, err
			}
		}
		return out, nil
	}, func(imgs [2]image.Image) {
		sw.note.SetText("Drag the handle to reveal one over the other.")
		sw.ms.m.SetSwipe(&geo.Swipe{Left: geo.Overlay{ID: a.ID, Ring: a.Ring, Img: imgs[0]}, Right: geo.Overlay{ID: b.ID, Ring: b.Ring, Img: imgs[1]}, At: 0.5})
		sw.ms.m.ShowArea(append(append([]geo.Point{}, a.Ring...), b.Ring...))
	}, func(err error) {
		sw.note.SetText("")
		ui.ShowError(sw.ms.host.Window(), "Could not swipe the two images", err)
	})
}

// stop takes the swipe off the map.
func (sw *swiper) stop() {
	sw.loading.Stop()
	sw.ms.m.SetSwipe(nil)
	sw.left.ClearSelected()
	sw.right.ClearSelected()
	sw.note.SetText("Pick two georeferenced images; drag the handle to reveal one over the other.")
	if sw.row.Visible() {
		sw.row.Hide()
		if sw.ms.content != nil {
			sw.ms.content.Refresh()
		}
	}
}
