package viewer

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// PageView shows a rendered page of a report, scrolled, at a zoom: fit
// to the width of the view (the default) or a factor of its pixels,
// changed by ZoomIn and ZoomOut. It draws what it is given: the page
// with its highlight burned in. A page rendered again finer for a zoom
// (SetPageAt) keeps its size on screen: the zoom counts pixels of the
// page as first rendered, its base.
type PageView struct {
	widget.BaseWidget
	img    *canvas.Image
	scroll *container.Scroll
	msg    *widget.Label
	// Zoom is pixels of the screen per pixel of the page; 0 fits the
	// page to the width of the view.
	Zoom float32
	// OnZoom, when set, is called after the zoom changed.
	OnZoom func()
	size   image.Point // of the base, in its pixels
	// density is the image's pixels per pixel of the base.
	density float32
	width   float32 // the width last laid out, for fitting
}

// NewPageView makes an empty page view.
func NewPageView() *PageView {
	v := &PageView{}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillContain
	v.img.ScaleMode = canvas.ImageScaleSmooth
	v.msg = widget.NewLabel("")
	v.msg.Wrapping = fyne.TextWrapWord
	v.msg.Alignment = fyne.TextAlignCenter
	v.msg.Hide()
	v.scroll = container.NewScroll(container.NewCenter(v.img))
	v.ExtendBaseWidget(v)
	return v
}

// SetPage shows img (nil: nothing), keeping the zoom, scrolled to the
// top. img is the base: the zoom counts its pixels.
func (v *PageView) SetPage(img image.Image) {
	v.SetPageAt(img, 1)
	v.scroll.ScrollToTop()
}

// SetPageAt shows img, rendered at density pixels per pixel of the base
// (a page rendered again finer for a zoom: 2 is twice as many pixels a
// side), at the same size on screen, keeping the zoom and the scroll.
func (v *PageView) SetPageAt(img image.Image, density float32) {
	v.msg.Hide()
	v.img.Image = img
	v.size, v.density = image.Point{}, max(density, 1e-3)
	if img != nil {
		s := img.Bounds().Size()
		v.size = image.Pt(int(float32(s.X)/v.density+0.5), int(float32(s.Y)/v.density+0.5))
	}
	v.apply()
}

// Density is the pixels of the image shown per pixel of the base.
func (v *PageView) Density() float32 {
	if v.density == 0 {
		return 1
	}
	return v.density
}

// Scale is the zoom in effect: Fyne units per pixel of the base (the
// fitting one when Zoom is 0).
func (v *PageView) Scale() float32 { return v.scale() }

// SetMessage shows a message instead of a page (while it renders, or why
// it cannot be).
func (v *PageView) SetMessage(text string) {
	v.img.Image = nil
	v.size = image.Point{}
	v.msg.SetText(text)
	v.msg.Show()
	v.apply()
}

// Image returns the page shown (nil when none).
func (v *PageView) Image() image.Image { return v.img.Image }

// Message returns the message shown instead of a page ("" when none).
func (v *PageView) Message() string {
	if !v.msg.Visible() {
		return ""
	}
	return v.msg.Text
}

// FitWidth fits the page to the width of the view.
func (v *PageView) FitWidth() { v.setZoom(0) }

// ZoomIn enlarges the page by a quarter.
func (v *PageView) ZoomIn() { v.setZoom(min(v.scale()*1.25, 8)) }

// ZoomOut shrinks the page by a fifth.
func (v *PageView) ZoomOut() { v.setZoom(max(v.scale()/1.25, 0.05)) }

func (v *PageView) setZoom(z float32) {
	v.Zoom = z
	v.apply()
	if v.OnZoom != nil {
		v.OnZoom()
	}
}

// scale is the zoom in effect: the fitting one when Zoom is 0.
func (v *PageView) scale() float32 {
	if v.Zoom > 0 || v.size.X == 0 {
		if v.Zoom > 0 {
			return v.Zoom
		}
		return 1
	}
	w := v.width
	if w <= 0 {
		w = v.Size().Width
	}
	w -= 16 // the scroll bar
	if w <= 0 {
		return 1
	}
	return w / float32(v.size.X)
}

// apply sizes the image at the zoom in effect.
func (v *PageView) apply() {
	s := v.scale()
	v.img.SetMinSize(fyne.NewSize(float32(v.size.X)*s, float32(v.size.Y)*s))
	v.img.Refresh()
	v.scroll.Refresh()
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (v *PageView) CreateRenderer() fyne.WidgetRenderer {
	return &pageViewRenderer{v: v, objects: []fyne.CanvasObject{v.scroll, v.msg}}
}

type pageViewRenderer struct {
	v       *PageView
	objects []fyne.CanvasObject
}

func (r *pageViewRenderer) Layout(s fyne.Size) {
	refit := r.v.Zoom == 0 && s.Width != r.v.width
	r.v.width = s.Width
	r.v.scroll.Resize(s)
	r.v.msg.Resize(fyne.NewSize(s.Width, r.v.msg.MinSize().Height))
	r.v.msg.Move(fyne.NewPos(0, s.Height/3))
	if refit {
		r.v.apply()
	}
}

func (r *pageViewRenderer) MinSize() fyne.Size           { return fyne.NewSize(120, 120) }
func (r *pageViewRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *pageViewRenderer) Refresh()                     { r.v.scroll.Refresh(); r.v.msg.Refresh() }
func (r *pageViewRenderer) Destroy()                     {}
