package ui

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// themedRect is a rectangle filled with a colour of the theme, following
// light and dark variants.
type themedRect struct {
	widget.BaseWidget
	name   fyne.ThemeColorName
	radius float32
	rect   *canvas.Rectangle
}

func NewThemedRect(name fyne.ThemeColorName, radius float32) *themedRect {
	r := &themedRect{name: name, radius: radius, rect: canvas.NewRectangle(color.Transparent)}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (r *themedRect) CreateRenderer() fyne.WidgetRenderer {
	r.applyTheme()
	return &themedRectRenderer{r: r}
}

func (r *themedRect) applyTheme() {
	th := r.Theme()
	r.rect.FillColor = th.Color(r.name, fyne.CurrentApp().Settings().ThemeVariant())
	r.rect.CornerRadius = r.radius
}

type themedRectRenderer struct{ r *themedRect }

func (t *themedRectRenderer) Destroy()                     {}
func (t *themedRectRenderer) Layout(s fyne.Size)           { t.r.rect.Resize(s) }
func (t *themedRectRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, 0) }
func (t *themedRectRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{t.r.rect} }
func (t *themedRectRenderer) Refresh() {
	t.r.applyTheme()
	t.r.rect.Refresh()
}

// Heading is a section title in a side panel.
func Heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// Wrapped is a label that wraps at words.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Caption is a small label (citations, dates), wrapped at words.
func Caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// WithAction puts a button (or any action) at the right of text, which
// takes the rest of the width.
func WithAction(text, action fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewVBox(action), text)
}

// Highlighted returns a rich text of s, where the parts between ** and **
// are bold (catalog.Search's snippets), wrapped at words.
func Highlighted(s string) *widget.RichText {
	var segs []widget.RichTextSegment
	bold := false
	for i, part := range strings.Split(s, "**") {
		if i > 0 {
			bold = !bold
		}
		if part == "" {
			continue
		}
		segs = append(segs, &widget.TextSegment{Text: part, Style: widget.RichTextStyle{
			Inline: true, TextStyle: fyne.TextStyle{Bold: bold}, ColorName: map[bool]fyne.ThemeColorName{true: theme.ColorNamePrimary, false: theme.ColorNameForeground}[bold]}})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Card puts content on a quiet rounded background, with a coloured bar on
// its left when marked.
type Card struct {
	widget.BaseWidget
	content fyne.CanvasObject
	bg      *themedRect
	bar     *themedRect
	OnTap   func()
}

func NewCard(content fyne.CanvasObject) *Card {
	c := &Card{content: content, bg: NewThemedRect(theme.ColorNameInputBackground, theme.InputRadiusSize()),
		bar: NewThemedRect(theme.ColorNamePrimary, 2)}
	c.bar.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// SetMarked shows or hides the bar.
func (c *Card) SetMarked(on bool) {
	if on {
		c.bar.Show()
	} else {
		c.bar.Hide()
	}
}

// Tapped calls onTap.
func (c *Card) Tapped(*fyne.PointEvent) {
	if c.OnTap != nil {
		c.OnTap()
	}
}

// CreateRenderer is a private method to Fyne which links this widget to its
// renderer.
func (c *Card) CreateRenderer() fyne.WidgetRenderer {
	return &cardRenderer{c: c, pad: container.NewPadded(c.content)}
}

type cardRenderer struct {
	c   *Card
	pad *fyne.Container
}

func (r *cardRenderer) Destroy() {}
func (r *cardRenderer) Layout(s fyne.Size) {
	r.c.bg.Resize(s)
	r.c.bar.Move(fyne.NewPos(0, 0))
	r.c.bar.Resize(fyne.NewSize(4, s.Height))
	r.pad.Move(fyne.NewPos(4, 0))
	r.pad.Resize(fyne.NewSize(s.Width-4, s.Height))
}
func (r *cardRenderer) MinSize() fyne.Size {
	return r.pad.MinSize().AddWidthHeight(4, 0)
}
func (r *cardRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.bg, r.c.bar, r.pad}
}
func (r *cardRenderer) Refresh() {
	r.c.bg.Refresh()
	r.c.bar.Refresh()
	r.pad.Refresh()
}

// FlowLayout places objects left to right, wrapping to a new line when
// the width is used (tag chips).
type FlowLayout struct{ width float32 }

// Layout places the objects in lines.
func (l *FlowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, true)
}

// MinSize is the height of the lines at the last width laid out.
func (l *FlowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := l.width
	if w <= 0 {
		w = 300
	}
	h := l.place(objects, w, false)
	return fyne.NewSize(0, h)
}

func (l *FlowLayout) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, lineH := float32(0), float32(0), float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if x > 0 && x+s.Width > width {
			x, y = 0, y+lineH+pad
			lineH = 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(s)
		}
		x += s.Width + pad
		lineH = max(lineH, s.Height)
	}
	return y + lineH
}

// DimWrapped is text in the placeholder colour, wrapped at words.
func DimWrapped(text string) *widget.RichText {
	rt := DimLabel(text)
	rt.Segments[0].(*widget.TextSegment).Style.Inline = false
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// DimLabel is text in the theme's placeholder colour: the keys of the
// metadata panel, secondary facts.
func DimLabel(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder, Inline: true}})
}

// ExamplePlaceholder is the placeholder of a field whose value has a
// format: what the empty field means, then a sample marked as one, so that
// it is never taken for a value already set ("From, e.g. 2017-10-01").
func ExamplePlaceholder(what, sample string) string { return what + ", e.g. " + sample }

// CopiedFor is how long a copy button says that it copied.
var CopiedFor = 1500 * time.Millisecond

// CopyButton puts text() on the clipboard when tapped, and says so for a
// moment: "Copied", with a check mark, then its label again.
func CopyButton(label string, clip fyne.Clipboard, text func() string) *widget.Button {
	var b *widget.Button
	var back *time.Timer
	b = widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), func() {
		clip.SetContent(text())
		b.SetText("Copied")
		b.SetIcon(theme.ConfirmIcon())
		if back != nil {
			back.Stop()
		}
		back = time.AfterFunc(CopiedFor, func() {
			fyne.Do(func() {
				b.SetText(label)
				b.SetIcon(theme.ContentCopyIcon())
			})
		})
	})
	return b
}
