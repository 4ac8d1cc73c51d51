package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/picture"
	"github.com/exhibit-app/exhibit/viewer"
)

// imageStage is how much of an image the review screen shows.
type imageStage int

const (
	stageNone    imageStage = iota
	stageThumb              // the cached 256 px thumbnail, at once
	stagePreview            // the 1600 px preview, made on first use
	stageFull               // the original at full resolution, when zoomed in past the preview
)

// reviewImage is the review screen's image: a ZoomView that shows the
// thumbnail at once, then the preview, then the original at full
// resolution when the user zooms in past the preview's pixels.
type reviewImage struct {
	s       *session
	z       *viewer.ZoomView
	layer   *viewer.AnnotationLayer
	zoomPct *widget.Label
	message *widget.Label
	content fyne.CanvasObject

	im      *catalog.Image
	stage   imageStage
	preview latest
	detail  latest
	// onStage is called when a stage is shown (tests wait for it).
	onStage func(imageStage)
}

// newReviewImage makes the image view. Its annotation layer takes the
// keyboard focus when the image is clicked: the arrow keys, Page Up and
// Down, Home and End then still walk the images (keys, through the
// ZoomView's key hooks: the view alone would pan), and + - 0 1 zoom
// (runes).
func newReviewImage(s *session, keys keyHandler, runes func(rune)) *reviewImage {
	r := &reviewImage{s: s, z: viewer.NewZoomView()}
	r.layer = viewer.NewAnnotationLayer(r.z)
	r.z.OnTypedKey = func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
			keys.TypedKey(ev)
			return true
		}
		return false
	}
	r.z.OnTypedRune = func(ch rune) bool {
		switch ch {
		case '+', '=', '-', '_', '0', '1':
			runes(ch)
			return true
		}
		return false
	}
	r.z.OnViewChanged = func(viewer.View) { r.showZoom() }
	r.z.OnDetailWanted = r.loadFull
	r.zoomPct = widget.NewLabel("")
	r.zoomPct.Alignment = fyne.TextAlignTrailing
	r.message = widget.NewLabel("")
	r.message.Wrapping = fyne.TextWrapWord
	r.message.Importance = widget.WarningImportance
	r.message.Hide()
	bg := newThemedRect(theme.ColorNameInputBackground, 0)
	r.content = container.NewBorder(nil, r.message, nil, nil, container.NewStack(bg, r.z))
	return r
}

// toolbar returns the zoom buttons.
func (r *reviewImage) toolbar() fyne.CanvasObject {
	btn := func(icon fyne.Resource, f func()) *widget.Button {
		b := widget.NewButtonWithIcon("", icon, func() { f(); r.showZoom() })
		b.Importance = widget.LowImportance
		return b
	}
	fit := widget.NewButton("Fit", func() { r.z.Fit(); r.showZoom() })
	fit.Importance = widget.LowImportance
	actual := widget.NewButton("100 %", func() { r.z.Actual(); r.showZoom() })
	actual.Importance = widget.LowImportance
	return container.NewHBox(btn(theme.ZoomOutIcon(), r.z.ZoomOut), container.New(widthLayout{64}, r.zoomPct),
		btn(theme.ZoomInIcon(), r.z.ZoomIn), fit, actual)
}

// showZoom writes the zoom in percent of the original's pixels.
func (r *reviewImage) showZoom() {
	if p := r.z.ZoomPercent(); p > 0 {
		r.zoomPct.SetText(fmt.Sprintf("%.0f %%", p))
	} else {
		r.zoomPct.SetText("")
	}
}

// show starts showing im: its thumbnail, then its preview.
func (r *reviewImage) show(im *catalog.Image) {
	r.preview.stop()
	r.detail.stop()
	r.im = im
	r.stage = stageNone
	r.message.Hide()
	r.z.SetImage(nil)
	r.z.SetView(viewer.FitView)
	if im == nil {
		return
	}
	if !im.Decoded {
		r.warn(fmt.Sprintf("This %s image cannot be shown here: %s", im.Format, im.MetaNote))
		return
	}
	c := r.s.c
	w, h := im.UprightSize()
	var thumb image.Image
	load(&r.preview, r.s.ctx, func(ctx context.Context) (image.Image, error) {
		// The thumbnail first: it is on disk and small.
		t, err := loadThumb(ctx, c, im)
		if err == nil {
			thumb = t
			fyne.Do(func() {
				if r.im == im && r.stage < stageThumb {
					r.set(stageThumb, t, w, h)
				}
			})
		}
		p, err := c.Preview(ctx, im)
		if err != nil {
			return nil, err
		}
		return decodeFile(p)
	}, func(img image.Image) {
		r.set(stagePreview, img, w, h)
	}, func(err error) {
		what := "This image cannot be shown"
		if thumb != nil {
			what = "Only the thumbnail can be shown"
		}
		r.warn(what + ": " + originalProblem(im, err))
	})
}

// originalProblem says why an original could not be read, in words.
func originalProblem(im *catalog.Image, err error) string {
	paths := strings.Join(im.Paths(), ", ")
	switch {
	case errors.Is(err, fs.ErrNotExist) && paths != "":
		return "the original is no longer at " + paths + ". If it was moved, import its new folder: it is found again by its SHA-256."
	case errors.Is(err, catalog.ErrChanged):
		return "the file at " + paths + " no longer holds the bytes that were cataloged (its SHA-256 differs). The catalog keeps what was recorded."
	case errors.Is(err, fs.ErrPermission):
		return "the original at " + paths + " cannot be read (permission denied)."
	}
	return errorText(err)
}

// set shows img as the given stage of the image, whose original is w×h.
func (r *reviewImage) set(stage imageStage, img image.Image, w, h int) {
	if stage <= r.stage {
		return
	}
	r.stage = stage
	r.z.SetImage(img)
	if stage < stageFull {
		r.z.SetFullSize(w, h)
	}
	r.showZoom()
	if r.onStage != nil {
		r.onStage(stage)
	}
}

// loadFull decodes the original at full resolution (the ZoomView asks when
// zoomed in past the preview).
func (r *reviewImage) loadFull() {
	im := r.im
	// Over the thumbnail the view always wants more pixels: the preview,
	// on its way, is enough unless the user zooms in past it (the view
	// asks again once the preview is set).
	if im == nil || r.stage >= stageFull || r.stage < stagePreview {
		return
	}
	c := r.s.c
	w, h := im.UprightSize()
	load(&r.detail, r.s.ctx, func(ctx context.Context) (image.Image, error) {
		return c.DecodeOriginal(ctx, im, 0)
	}, func(img image.Image) {
		if r.im == im {
			r.set(stageFull, img, w, h)
		}
	}, func(err error) {
		r.warn("The original cannot be shown at full resolution: " + originalProblem(im, err))
	})
}

func (r *reviewImage) warn(msg string) {
	r.message.SetText(msg)
	r.message.Show()
}

// decodeFile decodes a cached JPEG (thumbnail or preview).
func decodeFile(path string) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	img, err := picture.Decode(data, "jpeg", 0)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return img, nil
}
