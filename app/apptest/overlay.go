package apptest

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TopOverlay returns the dialog or pop-up on top of w, or nil.
func TopOverlay(w fyne.Window) fyne.CanvasObject { return w.Canvas().Overlays().Top() }

// OverlayText returns the text of the top dialog of w ("": none).
func OverlayText(w fyne.Window) string {
	top := TopOverlay(w)
	if top == nil {
		return ""
	}
	return strings.Join(Texts(top), "\n")
}

// TapOverlayButton taps the button with this text in the top dialog of w.
func TapOverlayButton(t testing.TB, w fyne.Window, text string) {
	t.Helper()
	top := TopOverlay(w)
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	b := FindButton(top, text)
	if b == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	test.Tap(b)
}

// FormWidget returns the widget of the form item labelled label under o
// (the first such form item), or nil.
func FormWidget(o fyne.CanvasObject, label string) fyne.CanvasObject {
	var found fyne.CanvasObject
	Walk(o, func(c fyne.CanvasObject) {
		if f, ok := c.(*widget.Form); ok && found == nil {
			for _, it := range f.Items {
				if it.Text == label {
					found = it.Widget
					return
				}
			}
		}
	})
	return found
}

// FormEntry returns the entry of the form item labelled label in the top
// dialog of w, failing the test when there is none.
func FormEntry(t testing.TB, w fyne.Window, label string) *widget.Entry {
	t.Helper()
	top := TopOverlay(w)
	if top == nil {
		t.Fatalf("no dialog open with a field %q", label)
	}
	var e *widget.Entry
	Walk(FormWidget(top, label), func(c fyne.CanvasObject) {
		if x, ok := c.(*widget.Entry); ok && e == nil {
			e = x
		}
	})
	if e == nil {
		t.Fatalf("no field %q in the dialog", label)
	}
	return e
}

// Find returns the first object of type T under o (depth first), and
// whether there is one.
func Find[T fyne.CanvasObject](o fyne.CanvasObject) (T, bool) {
	var found T
	ok := false
	Walk(o, func(c fyne.CanvasObject) {
		if x, is := c.(T); is && !ok {
			found, ok = x, true
		}
	})
	return found, ok
}
