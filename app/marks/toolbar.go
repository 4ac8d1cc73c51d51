package marks

import (
	"github.com/exhibit-app/exhibit/app/ui"

	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// markColors are the colours offered for marks: strong, and told apart
// on photographs and in print.
var markColors = []struct{ name, hex string }{
	{"Red", "#E53935"},
	{"Orange", "#FB8C00"},
	{"Yellow", "#FDD835"},
	{"Green", "#43A047"},
	{"Cyan", "#00ACC1"},
	{"Blue", "#1E88E5"},
	{"White", "#FFFFFF"},
}

// markWidths are the stroke widths offered (pixels of the image scaled to
// a 1000 px long side).
var markWidths = []struct {
	name  string
	width float64
}{{"Thin", 1.5}, {"Medium", 3}, {"Thick", 5}, {"Heavy", 8}}

// widthLabel names a width as the width select shows it.
func widthLabel(w float64) string {
	for _, mw := range markWidths {
		if mw.width == w {
			return mw.name
		}
	}
	return fmt.Sprintf("%g px", w)
}

// markActions are what the toolbar's buttons do besides choosing the tool
// and the style.
type Actions struct {
	Undo, Redo, Delete func()
}

// markToolbar is the annotation toolbar of the review and compare
// screens: the tools, the colour and width of new marks, Undo, Redo and
// Delete. It drives the layers it is given (the compare screen's two
// StyleSettings keep the colour and width of the marks drawn last.
type StyleSettings interface {
	MarkStyle() (color string, width float64)
	SetMarkStyle(color string, width float64)
}

// sides, the review screen's one).
type Toolbar struct {
	View     fyne.CanvasObject
	Tools    map[viewer.Tool]*widget.Button
	Swatches []*swatch
	Width    *widget.Select
	undo     *widget.Button
	redo     *widget.Button
	Delete   *widget.Button
	Hint     *widget.Label // how to use the tool, or why the toolbar is disabled: the screen places it

	settings StyleSettings
	layers   []*viewer.AnnotationLayer
	tool     viewer.Tool
	color    string
	size     float64
	Enabled  bool
	why      string // the hint while disabled
}

func NewToolbar(settings StyleSettings, layers []*viewer.AnnotationLayer, act Actions) *Toolbar {
	t := &Toolbar{settings: settings, layers: layers, Tools: map[viewer.Tool]*widget.Button{}, Enabled: true}
	t.color, t.size = settings.MarkStyle()
	row := container.NewHBox()
	for _, tl := range toolOrder {
		b := widget.NewButtonWithIcon("", toolIcon(tl), func() { t.setTool(tl) })
		t.Tools[tl] = b
		row.Add(b)
	}
	row.Add(widget.NewSeparator())
	for _, c := range markColors {
		sw := newSwatch(c.name, c.hex, func() { t.setStyle(c.hex, t.size) })
		t.Swatches = append(t.Swatches, sw)
		row.Add(sw)
	}
	var labels []string
	for _, w := range markWidths {
		labels = append(labels, w.name)
	}
	if !slices.Contains(labels, widthLabel(t.size)) {
		labels = append(labels, widthLabel(t.size)) // a width set elsewhere (exhibit annotate)
	}
	t.Width = widget.NewSelect(labels, func(s string) {
		for _, w := range markWidths {
			if w.name == s {
				t.setStyle(t.color, w.width)
			}
		}
	})
	t.Width.SetSelected(widthLabel(t.size))
	row.Add(container.New(ui.WidthLayout{Width: 112}, t.Width))
	row.Add(widget.NewSeparator())
	t.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), act.Undo)
	t.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), act.Redo)
	t.Delete = widget.NewButtonWithIcon("", theme.DeleteIcon(), act.Delete)
	for _, b := range []*widget.Button{t.undo, t.redo, t.Delete} {
		b.Importance = widget.LowImportance
		row.Add(b)
	}
	t.Hint = widget.NewLabel("")
	t.Hint.SizeName = theme.SizeNameCaptionText
	t.Hint.Importance = widget.LowImportance
	t.Hint.Truncation = fyne.TextTruncateEllipsis
	t.View = row
	t.applyAll()
	t.setTool(viewer.ToolSelect)
	t.SetHistory(false, false, false)
	return t
}

// setTool chooses the tool of every layer.
func (t *Toolbar) setTool(tl viewer.Tool) {
	t.tool = tl
	for k, b := range t.Tools {
		if k == tl {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	for _, l := range t.layers {
		l.SetTool(tl)
	}
	t.showHint()
}

// setStyle sets the colour and width of new marks, and remembers them.
func (t *Toolbar) setStyle(hex string, w float64) {
	for _, l := range t.layers {
		if err := l.SetStyle(hex, w); err != nil {
			fyne.LogError("annotation style", err)
			return
		}
	}
	t.color, t.size = hex, w
	t.settings.SetMarkStyle(hex, w)
	for _, sw := range t.Swatches {
		sw.setSelected(strings.EqualFold(sw.hex, hex))
	}
}

// applyAll gives the layers the tool and style shown.
func (t *Toolbar) applyAll() { t.setStyle(t.color, t.size) }

// SetEnabled enables the toolbar, or disables it saying why (the layers
// are made read-only, or hidden, by the screen).
func (t *Toolbar) SetEnabled(on bool, why string) {
	t.Enabled, t.why = on, why
	for _, b := range t.Tools {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	for _, sw := range t.Swatches {
		sw.disabled = !on
		sw.Refresh()
	}
	if on {
		t.Width.Enable()
	} else {
		t.Width.Disable()
		t.undo.Disable()
		t.redo.Disable()
		t.Delete.Disable()
	}
	t.showHint()
}

// SetHistory enables Undo, Redo and Delete.
func (t *Toolbar) SetHistory(canUndo, canRedo, selected bool) {
	for b, on := range map[*widget.Button]bool{t.undo: canUndo, t.redo: canRedo, t.Delete: selected} {
		if on && t.Enabled {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (t *Toolbar) showHint() {
	if !t.Enabled {
		t.Hint.SetText(t.why)
		t.Hint.Importance = widget.WarningImportance
	} else {
		t.Hint.SetText(toolNames[t.tool] + ": " + toolHints[t.tool])
		t.Hint.Importance = widget.LowImportance
	}
	t.Hint.Refresh()
}

// swatch is a colour to choose: a disc, ringed when chosen.
type swatch struct {
	widget.BaseWidget
	name, hex string
	selected  bool
	disabled  bool
	onTap     func()
}

func newSwatch(name, hex string, onTap func()) *swatch {
	s := &swatch{name: name, hex: hex, onTap: onTap}
	s.ExtendBaseWidget(s)
	return s
}

func (s *swatch) setSelected(on bool) {
	if s.selected != on {
		s.selected = on
		s.Refresh()
	}
}

// Tapped chooses the colour.
func (s *swatch) Tapped(*fyne.PointEvent) {
	if !s.disabled && s.onTap != nil {
		s.onTap()
	}
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	r := &swatchRenderer{s: s, ring: canvas.NewCircle(color.Transparent), disc: canvas.NewCircle(color.Transparent)}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	s          *swatch
	ring, disc *canvas.Circle
}

const swatchSize = 26

func (r *swatchRenderer) Destroy()                     {}
func (r *swatchRenderer) MinSize() fyne.Size           { return fyne.NewSize(swatchSize, swatchSize+8) }
func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.ring, r.disc} }
func (r *swatchRenderer) Layout(size fyne.Size) {
	d := float32(swatchSize)
	at := fyne.NewPos((size.Width-d)/2, (size.Height-d)/2)
	r.ring.Move(at)
	r.ring.Resize(fyne.NewSquareSize(d))
	const inset = 5
	r.disc.Move(at.AddXY(inset, inset))
	r.disc.Resize(fyne.NewSquareSize(d - 2*inset))
}
func (r *swatchRenderer) Refresh() {
	c, err := annot.ParseColor(r.s.hex)
	if err != nil {
		c = color.NRGBA{A: 0xff}
	}
	th := r.s.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.s.disabled {
		c.A = 0x60
	}
	r.disc.FillColor = c
	r.disc.StrokeColor = th.Color(theme.ColorNameShadow, v)
	r.disc.StrokeWidth = 1
	r.ring.FillColor = color.Transparent
	r.ring.StrokeWidth = 2
	if r.s.selected {
		r.ring.StrokeColor = th.Color(theme.ColorNameForeground, v)
	} else {
		r.ring.StrokeColor = color.Transparent
	}
	r.Layout(r.s.Size())
	r.ring.Refresh()
	r.disc.Refresh()
}
