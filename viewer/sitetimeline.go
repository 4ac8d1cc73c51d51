package viewer

import (
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/internal/timeline"
)

// SiteTimeline shows a site's images on a time axis: overhead
// (georeferenced) images on one row, ground photos on another, each a
// thumbnail framed in the colour of its state, and the window of the
// site's damage as a band. Tap a thumbnail to select it. The layout is
// timeline.Arrange's.
type SiteTimeline struct {
	widget.BaseWidget

	// OnSelected is called with the image tapped (0: none).
	OnSelected func(id int64)

	mu       sync.Mutex
	items    []timeline.Item
	window   timeline.Window
	thumbs   map[int64]image.Image
	selected int64
	sizes    timeline.Sizes
}

// NewSiteTimeline returns an empty timeline.
func NewSiteTimeline() *SiteTimeline {
	t := &SiteTimeline{thumbs: map[int64]image.Image{}, sizes: timeline.DefaultSizes}
	t.ExtendBaseWidget(t)
	return t
}

// SetItems replaces the images and the window shown; thumbnails of images
// no longer shown are dropped.
func (t *SiteTimeline) SetItems(items []timeline.Item, w timeline.Window) {
	t.mu.Lock()
	t.items = append([]timeline.Item(nil), items...)
	t.window = w
	keep := map[int64]image.Image{}
	found := false
	for _, it := range items {
		if img, ok := t.thumbs[it.ID]; ok {
			keep[it.ID] = img
		}
		found = found || it.ID == t.selected
	}
	t.thumbs = keep
	if !found {
		t.selected = 0
	}
	t.mu.Unlock()
	t.Refresh()
}

// SetThumb sets an image's thumbnail.
func (t *SiteTimeline) SetThumb(id int64, img image.Image) {
	t.mu.Lock()
	t.thumbs[id] = img
	t.mu.Unlock()
	t.Refresh()
}

// Select marks an image as selected (0: none), without calling OnSelected.
func (t *SiteTimeline) Select(id int64) {
	t.mu.Lock()
	t.selected = id
	t.mu.Unlock()
	t.Refresh()
}

// Selected returns the selected image (0: none).
func (t *SiteTimeline) Selected() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.selected
}

// Layout returns the layout at the widget's width.
func (t *SiteTimeline) Layout() timeline.Layout {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.arrange(t.Size().Width)
}

// arrange lays the items out at width w (t.mu held).
func (t *SiteTimeline) arrange(w float32) timeline.Layout {
	return timeline.Arrange(t.items, t.window, float64(max(w, 320)), t.sizes)
}

// Tapped selects the thumbnail under the tap.
func (t *SiteTimeline) Tapped(ev *fyne.PointEvent) {
	t.mu.Lock()
	l := t.arrange(t.Size().Width)
	var id int64
	if p := l.At(float64(ev.Position.X), float64(ev.Position.Y), t.sizes.Thumb); p != nil {
		id = p.ID
	}
	t.selected = id
	t.mu.Unlock()
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(id)
	}
}

// CreateRenderer makes the timeline's renderer.
func (t *SiteTimeline) CreateRenderer() fyne.WidgetRenderer {
	return &siteTimelineRenderer{t: t}
}

type siteTimelineRenderer struct {
	t       *SiteTimeline
	objects []fyne.CanvasObject
	minH    float32
}

func (r *siteTimelineRenderer) Layout(fyne.Size) { r.build() }
func (r *siteTimelineRenderer) MinSize() fyne.Size {
	r.t.mu.Lock()
	defer r.t.mu.Unlock()
	// As tall as the layout at the width it has (thumbnails that overlap
	// stack in lanes, more of them when narrow).
	return fyne.NewSize(320, float32(r.t.arrange(r.t.Size().Width).Height))
}
func (r *siteTimelineRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *siteTimelineRenderer) Refresh()                     { r.build(); canvas.Refresh(r.t) }
func (r *siteTimelineRenderer) Destroy()                     {}

// build makes the canvas objects of the current layout.
func (r *siteTimelineRenderer) build() {
	t := r.t
	t.mu.Lock()
	l := t.arrange(t.Size().Width)
	sz := t.sizes
	thumbs := t.thumbs
	sel := t.selected
	t.mu.Unlock()
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNameDisabled)
	var objs []fyne.CanvasObject
	at := func(o fyne.CanvasObject, x, y, w, h float64) {
		o.Move(fyne.NewPos(float32(x), float32(y)))
		o.Resize(fyne.NewSize(float32(w), float32(h)))
		objs = append(objs, o)
	}
	tint := theme.Color(theme.ColorNameInputBackground)
	for row := range 2 {
		at(canvas.NewRectangle(tint), 0, l.RowTop[row], l.Width, l.RowHeight[row]-1)
		txt := canvas.NewText(timeline.RowNames[row], fg)
		txt.TextSize = theme.TextSize() - 1
		at(txt, sz.Margin, l.RowTop[row]+l.RowHeight[row]/2-10, sz.Label, 20)
	}
	if l.HasBand {
		band := canvas.NewRectangle(color.NRGBA{0x19, 0x76, 0xD2, 0x40})
		band.StrokeColor = color.NRGBA{0x19, 0x76, 0xD2, 0xFF}
		band.StrokeWidth = 1.5
		at(band, l.BandX0, l.RowTop[0], l.BandX1-l.BandX0, l.AxisY-l.RowTop[0])
	}
	axis := canvas.NewRectangle(fg)
	at(axis, l.AxisX0-sz.Thumb/2, l.AxisY, l.AxisX1-l.AxisX0+sz.Thumb, 1)
	for _, tk := range l.Ticks {
		at(canvas.NewRectangle(fg), tk.X, l.AxisY, 1, 5)
		lbl := canvas.NewText(tk.Label, muted)
		lbl.TextSize = theme.TextSize() - 2
		lbl.Alignment = fyne.TextAlignCenter
		at(lbl, tk.X-40, l.AxisY+5, 80, 16)
	}
	if l.UndatedX > 0 {
		lbl := canvas.NewText("no date", muted)
		lbl.TextSize = theme.TextSize() - 2
		at(lbl, l.UndatedX, l.AxisY+5, sz.Thumb, 16)
	}
	for _, p := range l.Items {
		c := color.Color(timeline.StateColor(p.State))
		if p.Disputed {
			c = timeline.DisputedColor
		}
		if !p.Undated {
			at(canvas.NewRectangle(c), p.T, p.Y+sz.Thumb, 1, l.AxisY-p.Y-sz.Thumb)
		}
		if p.ID == sel {
			ring := canvas.NewRectangle(color.Transparent)
			ring.StrokeColor = theme.Color(theme.ColorNamePrimary)
			ring.StrokeWidth = 3
			at(ring, p.X-7, p.Y-7, sz.Thumb+14, sz.Thumb+14)
		}
		frame := canvas.NewRectangle(c)
		at(frame, p.X-3, p.Y-3, sz.Thumb+6, sz.Thumb+6)
		bg := canvas.NewRectangle(color.NRGBA{0x20, 0x20, 0x20, 0xFF})
		at(bg, p.X, p.Y, sz.Thumb, sz.Thumb)
		if img := thumbs[p.ID]; img != nil {
			ci := canvas.NewImageFromImage(img)
			ci.FillMode = canvas.ImageFillContain
			at(ci, p.X, p.Y, sz.Thumb, sz.Thumb)
		}
	}
	r.objects = objs
	r.minH = float32(l.Height)
}
