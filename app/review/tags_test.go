package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestTagsView: typing in the filter narrows the list; a row's copy button
// copies "group:name=value", Copy all shown every tag shown, a line each.
func TestTagsView(t *testing.T) {
	tags := []catalog.FileTag{
		{Group: "IFD0", Name: "Make", Value: "NIKON"},
		{Group: "IFD0", Name: "Model", Value: "COOLPIX P6000"},
		{Group: "GPS", Name: "GPSLatitude", Value: "43.468", Note: "degrees, from 43 28 5.676"},
		{Group: "XMP-dc", Name: "Subject", Value: "bakery, street"},
	}
	clip := test.NewClipboard()
	v := newTagsView(tags, clip)
	w := test.NewTempWindow(t, v.content)
	w.Resize(fyne.NewSize(700, 500))

	rows := func() []string {
		var out []string
		apptest.Walk(v.list, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Visible() && strings.HasPrefix(l.Text, "[") {
				out = append(out, l.Text)
			}
		})
		return out
	}
	if got := rows(); len(got) != 4 {
		t.Fatalf("unfiltered rows: %q, want 4", got)
	}
	for _, c := range []struct {
		filter string
		want   []string
	}{
		{"model", []string{"[IFD0] Model: COOLPIX P6000"}},
		{"GPS", []string{"[GPS] GPSLatitude: 43.468 (degrees, from 43 28 5.676)"}},
		{"ifd0", []string{"[IFD0] Make: NIKON", "[IFD0] Model: COOLPIX P6000"}},
		{"nothing like it", nil},
	} {
		v.filter.SetText("")
		test.Type(v.filter, c.filter)
		if got := rows(); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("filter %q: rows %q, want %q", c.filter, got, c.want)
		}
		if want := len(c.want); v.count.Text != strings.Replace("N of 4 tags", "N", string(rune('0'+want)), 1) {
			t.Errorf("filter %q: count %q", c.filter, v.count.Text)
		}
	}

	v.filter.SetText("model")
	var rowCopy *widget.Button
	apptest.Walk(v.list, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && rowCopy == nil {
			rowCopy = b
		}
	})
	if rowCopy == nil {
		t.Fatal("no copy button in the row")
	}
	test.Tap(rowCopy)
	if got := clip.Content(); got != "IFD0:Model=COOLPIX P6000" {
		t.Errorf("row copy: clipboard %q", got)
	}

	v.filter.SetText("IFD0")
	test.Tap(v.copyAll)
	if got, want := clip.Content(), "IFD0:Make=NIKON\nIFD0:Model=COOLPIX P6000\n"; got != want {
		t.Errorf("copy all: clipboard %q, want %q", got, want)
	}
}
