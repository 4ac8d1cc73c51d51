package ui

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

// ImageStage is how much of an image the review screen shows.
type ImageStage int

const (
	stageNone    ImageStage = iota
	StageThumb              // the cached 256 px thumbnail, at once
	StagePreview            // the 1600 px preview, made on first use
	StageFull               // the original at full resolution, when zoomed in past the preview
)

// ReviewImage is the review screen's image: a ZoomView that shows the
// thumbnail at once, then the preview, then the original at full
// resolution when the user zooms in past the preview's pixels.
type ReviewImage struct {
	s       *Session
	Zoom    *viewer.ZoomView
	Layer   *viewer.AnnotationLayer
	ZoomPct *widget.Label
	Message *widget.Label
	View    fyne.CanvasObject

	Image   *catalog.Image
	Stage   ImageStage
	Preview Latest
	Detail  Latest
}

// NewReviewImage makes the image view. Its annotation layer takes the
// keyboard focus when the image is clicked: the arrow keys, Page Up and
// Down, Home and End then still walk the images (keys, through the
// ZoomView's key hooks: the view alone would pan), and + - 0 1 zoom
// (runes).
func NewReviewImage(s *Session, keys interface{ TypedKey(*fyne.KeyEvent) }, runes func(rune)) *ReviewImage {
	r := &ReviewImage{s: s, Zoom: viewer.NewZoomView()}
	r.Layer = viewer.NewAnnotationLayer(r.Zoom)
	r.Zoom.OnTypedKey = func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyHome, fyne.KeyEnd:
			keys.TypedKey(ev)
			return true
		}
		return false
	}
	r.Zoom.OnTypedRune = func(ch rune) bool {
		switch ch {
		case '+', '=', '-', '_', '0', '1':
			runes(ch)
			return true
		}
		return false
	}
	r.Zoom.OnViewChanged = func(viewer.View) { r.ShowZoom() }
	r.Zoom.OnDetailWanted = r.loadFull
	r.ZoomPct = widget.NewLabel("")
	r.ZoomPct.Alignment = fyne.TextAlignTrailing
	r.Message = widget.NewLabel("")
	r.Message.Wrapping = fyne.TextWrapWord
	r.Message.Importance = widget.WarningImportance
	r.Message.Hide()
	bg := NewThemedRect(theme.ColorNameInputBackground, 0)
	r.View = container.NewBorder(nil, r.Message, nil, nil, container.NewStack(bg, r.Zoom))
	return r
}

// Toolbar returns the zoom buttons.
func (r *ReviewImage) Toolbar() fyne.CanvasObject {
	btn := func(icon fyne.Resource, f func()) *widget.Button {
		b := widget.NewButtonWithIcon("", icon, func() { f(); r.ShowZoom() })
		b.Importance = widget.LowImportance
		return b
	}
	fit := widget.NewButton("Fit", func() { r.Zoom.Fit(); r.ShowZoom() })
	fit.Importance = widget.LowImportance
	actual := widget.NewButton("100 %", func() { r.Zoom.Actual(); r.ShowZoom() })
	actual.Importance = widget.LowImportance
	return container.NewHBox(btn(theme.ZoomOutIcon(), r.Zoom.ZoomOut), container.New(WidthLayout{64}, r.ZoomPct),
		btn(theme.ZoomInIcon(), r.Zoom.ZoomIn), fit, actual)
}

// ShowZoom writes the zoom in percent of the original's pixels.
func (r *ReviewImage) ShowZoom() {
	if p := r.Zoom.ZoomPercent(); p > 0 {
		r.ZoomPct.SetText(fmt.Sprintf("%.0f %%", p))
	} else {
		r.ZoomPct.SetText("")
	}
}

// show starts showing im: its thumbnail, then its preview.
func (r *ReviewImage) ShowImage(im *catalog.Image) {
	r.Preview.Stop()
	r.Detail.Stop()
	r.Image = im
	r.Stage = stageNone
	r.Message.Hide()
	r.Zoom.SetImage(nil)
	r.Zoom.SetView(viewer.FitView)
	if im == nil {
		return
	}
	if !im.Decoded {
		r.Warn(fmt.Sprintf("This %s image cannot be shown here: %s", im.Format, im.MetaNote))
		return
	}
	c := r.s.Case
	w, h := im.UprightSize()
	var thumb image.Image
	Load(&r.Preview, r.s.Ctx, func(ctx context.Context) (image.Image, error) {
		// The thumbnail first: it is on disk and small.
		t, err := LoadThumb(ctx, c, im)
		if err == nil {
			thumb = t
			fyne.Do(func() {
				if r.Image == im && r.Stage < StageThumb {
					r.set(StageThumb, t, w, h)
				}
			})
		}
		p, err := c.Preview(ctx, im)
		if err != nil {
			return nil, err
		}
		return DecodeFile(p)
	}, func(img image.Image) {
		r.set(StagePreview, img, w, h)
	}, func(err error) {
		what := "This image cannot be shown"
		if thumb != nil {
			what = "Only the thumbnail can be shown"
		}
		r.Warn(what + ": " + OriginalProblem(im, err))
	})
}

// OriginalProblem says why an original could not be read, in words.
func OriginalProblem(im *catalog.Image, err error) string {
	paths := strings.Join(im.Paths(), ", ")
	switch {
	case errors.Is(err, fs.ErrNotExist) && paths != "":
		return "the original is no longer at " + paths + ". If it was moved, import its new folder: it is found again by its SHA-256."
	case errors.Is(err, catalog.ErrChanged):
		return "the file at " + paths + " no longer holds the bytes that were cataloged (its SHA-256 differs). The catalog keeps what was recorded."
	case errors.Is(err, fs.ErrPermission):
		return "the original at " + paths + " cannot be read (permission denied)."
	}
	return ErrorText(err)
}

// set shows img as the given stage of the image, whose original is w×h.
func (r *ReviewImage) set(stage ImageStage, img image.Image, w, h int) {
	if stage <= r.Stage {
		return
	}
	r.Stage = stage
	r.Zoom.SetImage(img)
	if stage < StageFull {
		r.Zoom.SetFullSize(w, h)
	}
	r.ShowZoom()
}

// loadFull decodes the original at full resolution (the ZoomView asks when
// zoomed in past the preview).
func (r *ReviewImage) loadFull() {
	im := r.Image
	// Over the thumbnail the view always wants more pixels: the preview,
	// on its way, is enough unless the user zooms in past it (the view
	// asks again once the preview is set).
	if im == nil || r.Stage >= StageFull || r.Stage < StagePreview {
		return
	}
	c := r.s.Case
	w, h := im.UprightSize()
	Load(&r.Detail, r.s.Ctx, func(ctx context.Context) (image.Image, error) {
		return c.DecodeOriginal(ctx, im, 0)
	}, func(img image.Image) {
		if r.Image == im {
			r.set(StageFull, img, w, h)
		}
	}, func(err error) {
		r.Warn("The original cannot be shown at full resolution: " + OriginalProblem(im, err))
	})
}

func (r *ReviewImage) Warn(msg string) {
	r.Message.SetText(msg)
	r.Message.Show()
}

// DecodeFile decodes a cached JPEG (thumbnail or preview).
func DecodeFile(path string) (image.Image, error) {
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
