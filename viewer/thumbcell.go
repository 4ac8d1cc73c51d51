package viewer

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Declare conformity with the interfaces thumbCell handles.
var (
	_ fyne.Widget            = (*thumbCell)(nil)
	_ desktop.Mouseable      = (*thumbCell)(nil)
	_ fyne.DoubleTappable    = (*thumbCell)(nil)
	_ fyne.SecondaryTappable = (*thumbCell)(nil)
)

// cellState is what a cell's image area shows.
type cellState int

const (
	cellLoading cellState = iota
	cellShown
	cellBroken
)

// thumbCell is one item of a ThumbGrid: thumbnail (or placeholder) above a
// caption. The grid reuses cells as they scroll.
type thumbCell struct {
	widget.BaseWidget
	g *ThumbGrid

	// bookkeeping, UI goroutine only
	id     int64
	bound  bool // id is loaded or being loaded into the cell
	index  int
	job    *thumbJob
	state  cellState
	errMsg string

	selected, cursor bool

	selBG   *canvas.Rectangle // selection background
	ring    *canvas.Rectangle // keyboard cursor
	frame   *canvas.Rectangle // selection outline of the image area
	holder  *canvas.Rectangle // placeholder background
	icon    *canvas.Image     // placeholder or broken image icon
	img     *canvas.Image
	errText []*canvas.Text // the error message, wrapped
	caption *widget.Label
}

// maxErrLines is the number of lines of an error message shown in a cell.
const maxErrLines = 4

func newThumbCell(g *ThumbGrid) *thumbCell {
	c := &thumbCell{g: g}
	c.ExtendBaseWidget(c)
	c.selBG = canvas.NewRectangle(nil)
	c.ring = canvas.NewRectangle(nil)
	c.ring.StrokeWidth = 1
	c.frame = canvas.NewRectangle(nil)
	c.frame.StrokeWidth = 2
	c.holder = canvas.NewRectangle(nil)
	c.icon = canvas.NewImageFromResource(theme.FileImageIcon())
	c.icon.FillMode = canvas.ImageFillContain
	c.img = &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScaleFastest}
	for range maxErrLines {
		t := canvas.NewText("", nil)
		t.Alignment = fyne.TextAlignCenter
		c.errText = append(c.errText, t)
	}
	c.caption = widget.NewLabel("")
	c.caption.Alignment = fyne.TextAlignCenter
	c.caption.Truncation = fyne.TextTruncateEllipsis
	c.caption.SizeName = theme.SizeNameCaptionText
	c.showLoading()
	return c
}

// MinSize is the grid's cell size.
func (c *thumbCell) MinSize() fyne.Size { return c.g.cellSize() }

func (c *thumbCell) setCaption(s string) {
	if c.caption.Text != s {
		c.caption.SetText(s)
	}
}

func (c *thumbCell) showLoading() {
	c.state = cellLoading
	c.img.Image = nil
	c.icon.Resource = theme.NewDisabledResource(theme.FileImageIcon())
	c.errMsg = ""
	c.Refresh()
}

func (c *thumbCell) showThumb(img image.Image) {
	c.state = cellShown
	c.img.Image = img
	c.errMsg = ""
	c.img.Refresh()
	c.Refresh()
}

func (c *thumbCell) showError(err error) {
	c.state = cellBroken
	c.img.Image = nil
	c.icon.Resource = theme.NewErrorThemedResource(theme.BrokenImageIcon())
	c.errMsg = err.Error()
	c.Refresh()
}

func (c *thumbCell) setMarks(selected, cursor bool) {
	if c.selected == selected && c.cursor == cursor {
		return
	}
	c.selected, c.cursor = selected, cursor
	c.Refresh()
}

// MouseDown selects, with Ctrl (or Cmd) toggling and Shift extending.
func (c *thumbCell) MouseDown(ev *desktop.MouseEvent) {
	if !c.bound {
		return
	}
	if ev.Button == desktop.MouseButtonSecondary {
		c.g.contextSelect(c.id)
		return
	}
	if ev.Button == desktop.MouseButtonPrimary {
		if c.g.secondClick(c, ev) {
			return
		}
		c.g.clickSelect(c.id, ev.Modifier)
	}
}

// MouseUp is needed by desktop.Mouseable.
func (c *thumbCell) MouseUp(*desktop.MouseEvent) {}

// DoubleTapped activates the item.
func (c *thumbCell) DoubleTapped(*fyne.PointEvent) {
	if c.g.doubleDone(c) {
		return // secondClick activated what the first click was on
	}
	if c.bound {
		c.g.activate(c.id)
	}
}

// TappedSecondary reports a context menu request.
func (c *thumbCell) TappedSecondary(ev *fyne.PointEvent) {
	if c.bound {
		c.g.contextSelect(c.id)
		if f := c.g.OnSecondaryTapped; f != nil {
			f(c.id, ev)
		}
	}
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *thumbCell) CreateRenderer() fyne.WidgetRenderer {
	objs := []fyne.CanvasObject{c.selBG, c.holder, c.icon, c.img}
	for _, t := range c.errText {
		objs = append(objs, t)
	}
	return &thumbCellRenderer{c: c, objects: append(objs, c.frame, c.caption, c.ring)}
}

type thumbCellRenderer struct {
	c       *thumbCell
	objects []fyne.CanvasObject
}

func (r *thumbCellRenderer) Destroy() {}

func (r *thumbCellRenderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *thumbCellRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *thumbCellRenderer) Layout(size fyne.Size) {
	c := r.c
	th := c.Theme()
	pad := th.Size(theme.SizeNamePadding)
	box := c.g.opts.ThumbSize
	c.selBG.Resize(size)
	c.ring.Resize(size)
	area := fyne.NewPos((size.Width-box.Width)/2, pad)
	c.holder.Move(area)
	c.holder.Resize(box)
	c.frame.Move(area.SubtractXY(1, 1))
	c.frame.Resize(box.AddWidthHeight(2, 2))
	iconSide := fyne.Min(box.Height/2, 48)
	if c.state == cellBroken {
		iconSide = fyne.Min(box.Height/3, 40)
		c.icon.Move(area.AddXY((box.Width-iconSide)/2, pad))
	} else {
		c.icon.Move(area.AddXY((box.Width-iconSide)/2, (box.Height-iconSide)/2))
	}
	c.icon.Resize(fyne.NewSquareSize(iconSide))
	top := pad + iconSide + pad
	r.layoutError(area.AddXY(pad, top), fyne.NewSize(box.Width-2*pad, box.Height-top))
	if img := c.img.Image; img != nil {
		// one image pixel per device pixel, centred in the box
		s := c.g.scale
		w, h := float32(img.Bounds().Dx())/s, float32(img.Bounds().Dy())/s
		c.img.Move(area.AddXY((box.Width-w)/2, (box.Height-h)/2))
		c.img.Resize(fyne.NewSize(w, h))
	}
	capH := c.caption.MinSize().Height
	c.caption.Move(fyne.NewPos(0, pad+box.Height))
	c.caption.Resize(fyne.NewSize(size.Width, capH))
}

// layoutError wraps the error message into the lines that fit the area.
func (r *thumbCellRenderer) layoutError(pos fyne.Position, size fyne.Size) {
	c := r.c
	var lines []string
	if c.state == cellBroken && size.Width > 0 {
		ts := c.errText[0].TextSize
		lineH := fyne.MeasureText("Ag", ts, fyne.TextStyle{}).Height
		n := min(maxErrLines, int(size.Height/lineH))
		if n > 0 {
			lines = wrapText(c.errMsg, size.Width, ts, n)
		}
		for i, t := range c.errText {
			t.Hidden = i >= len(lines)
			if t.Hidden {
				continue
			}
			if t.Text != lines[i] {
				t.Text = lines[i]
				t.Refresh()
			}
			t.Move(pos.AddXY(0, float32(i)*lineH))
			t.Resize(fyne.NewSize(size.Width, lineH))
		}
		return
	}
	for _, t := range c.errText {
		t.Hidden = true
	}
}

func (r *thumbCellRenderer) Refresh() {
	c := r.c
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	radius := th.Size(theme.SizeNameSelectionRadius)

	c.selBG.FillColor = th.Color(theme.ColorNameSelection, v)
	c.selBG.CornerRadius = radius
	c.selBG.Hidden = !c.selected
	c.frame.FillColor = nil
	c.frame.StrokeColor = th.Color(theme.ColorNamePrimary, v)
	c.frame.Hidden = !c.selected
	c.ring.FillColor = nil
	c.ring.StrokeColor = th.Color(theme.ColorNameFocus, v)
	c.ring.CornerRadius = radius
	c.ring.Hidden = !(c.cursor && c.g.focused)
	c.holder.FillColor = th.Color(theme.ColorNameInputBackground, v)
	c.holder.Hidden = c.state == cellShown
	c.icon.Hidden = c.state == cellShown
	c.img.Hidden = c.state != cellShown
	errColor := th.Color(theme.ColorNameError, v)
	for _, t := range c.errText {
		t.Color = errColor
		t.TextSize = th.Size(theme.SizeNameCaptionText)
	}
	r.Layout(c.Size())
	for _, o := range []fyne.CanvasObject{c.selBG, c.frame, c.ring, c.holder, c.icon} {
		o.Refresh()
	}
	canvas.Refresh(c)
}
