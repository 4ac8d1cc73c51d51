package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// columnsLayout lays its objects out in pairs, one pair a row: a key
// column of fixed width and a value column taking the rest. A row is as
// tall as its taller object at its width, so that wrapped text (paths,
// hashes, notes) gets the lines it needs.
type columnsLayout struct {
	keyWidth float32
	width    float32 // last width laid out, for MinSize
}

func NewColumnsLayout(keyWidth float32) *columnsLayout { return &columnsLayout{keyWidth: keyWidth} }

func (l *columnsLayout) widths(total float32) (kw, vw float32) {
	pad := theme.Padding()
	kw = min(l.keyWidth, total/2)
	return kw, max(total-kw-pad, 10)
}

func (l *columnsLayout) rows(objects []fyne.CanvasObject, total float32, place bool) float32 {
	pad := theme.Padding()
	kw, vw := l.widths(total)
	y := float32(0)
	for i := 0; i < len(objects); i += 2 {
		k := objects[i]
		var v fyne.CanvasObject
		if i+1 < len(objects) {
			v = objects[i+1]
		}
		if !k.Visible() && (v == nil || !v.Visible()) {
			continue
		}
		h := heightAt(k, kw)
		if v != nil {
			h = max(h, heightAt(v, vw))
		}
		if place {
			k.Move(fyne.NewPos(0, y))
			k.Resize(fyne.NewSize(kw, h))
			if v != nil {
				v.Move(fyne.NewPos(kw+pad, y))
				v.Resize(fyne.NewSize(vw, h))
			}
		}
		y += h + pad
	}
	return max(0, y-pad)
}

// heightAt returns o's minimum height once o is width wide.
func heightAt(o fyne.CanvasObject, width float32) float32 {
	if o.Size().Width != width {
		o.Resize(fyne.NewSize(width, o.MinSize().Height))
	}
	return o.MinSize().Height
}

// Layout places the pairs in rows.
func (l *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.rows(objects, size.Width, true)
}

// MinSize is the height of the rows at the last width laid out.
func (l *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := l.width
	if w <= 0 {
		w = l.keyWidth * 3
	}
	return fyne.NewSize(l.keyWidth+100, l.rows(objects, w, false))
}

// WidthLayout gives its objects (stacked) a fixed width, or the width
// available when less, and their height at that width.
type WidthLayout struct{ Width float32 }

// Layout stacks the objects, width wide, centred.
func (l WidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := min(l.Width, size.Width)
	for _, o := range objects {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

// MinSize is the width and the tallest object at that width.
func (l WidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, heightAt(o, l.Width))
	}
	return fyne.NewSize(l.Width, h)
}
