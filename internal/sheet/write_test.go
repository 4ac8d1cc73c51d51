package sheet

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestWriteIsDeterministic(t *testing.T) {
	sheets := []Sheet{pairSheet(900, 600), singleSheet(600, 800)}
	var a bytes.Buffer
	if err := Write(&a, sheets, testOptions()); err != nil {
		t.Fatal(err)
	}
	// Several tries: what could vary comes from map order, at random.
	for range 5 {
		var b bytes.Buffer
		if err := Write(&b, sheets, testOptions()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("two writes of the same sheets differ (%d and %d bytes)", a.Len(), b.Len())
		}
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start as a PDF: %q", a.Bytes()[:min(a.Len(), 16)])
	}
	// The creation time is part of the output: another one changes it.
	opt := testOptions()
	opt.Created = fixedTime.Add(time.Minute)
	var c bytes.Buffer
	if err := Write(&c, sheets, opt); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Error("a different creation time gave the same bytes")
	}
}

// panicImage is an image whose pixels cannot be read.
type panicImage struct{ image.Rectangle }

func (p panicImage) ColorModel() color.Model { return color.RGBAModel }
func (p panicImage) Bounds() image.Rectangle { return p.Rectangle }
func (p panicImage) At(x, y int) color.Color { panic("broken decoder") }

func TestWriteRejectsBadInput(t *testing.T) {
	good := func() Sheet { return singleSheet(60, 40) }
	three := good()
	three.Images = append(three.Images, three.Images[0], three.Images[0])
	none := good()
	none.Images = nil
	nilImage := good()
	nilImage.Images[0].Image = nil
	empty := good()
	empty.Images[0].Image = image.NewRGBA(image.Rect(0, 0, 0, 10))
	broken := good()
	broken.Images[0].Image = panicImage{image.Rect(0, 0, 50, 50)}
	tests := []struct {
		name   string
		sheets []Sheet
		opt    Options
		want   string
	}{
		{"no sheet", nil, Options{}, "no sheet"},
		{"no image", []Sheet{none}, Options{}, "has 0"},
		{"three images", []Sheet{good(), three}, Options{}, "sheet 2"},
		{"nil image", []Sheet{nilImage}, Options{}, "no image"},
		{"empty image", []Sheet{empty}, Options{}, "empty image"},
		{"image that panics", []Sheet{broken}, Options{}, "broken decoder"},
		{"unknown paper", []Sheet{good()}, Options{Paper: "A3"}, "A3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.sheets, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Write: error %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// oddSheet is a sheet of extreme and broken content.
func oddSheet() Sheet {
	nan := math.NaN()
	s := singleSheet(300, 200)
	s.Title = strings.Repeat("A very long title that goes on and on ", 60)
	s.Subtitle = strings.Repeat("x", 500)
	s.Notes = strings.Repeat("ﻻ", 3000) + "\n\n\x07\x00" + strings.Repeat("Ω", 400)
	s.Images[0].FileName = strings.Repeat("very_long_file_name_without_any_space_", 30) + ".jpg"
	s.Images[0].SHA256 = ""
	s.Images[0].Camera = strings.Repeat("Camera ", 100)
	s.Images[0].Annotations = []catalog.Annotation{
		{Kind: catalog.KindRect},                                     // no points
		{Kind: "hexagon", Points: []catalog.Point{{X: 0.1, Y: 0.1}}}, // unknown kind
		{Kind: catalog.KindArrow, Points: []catalog.Point{{X: nan, Y: 2}, {X: -5, Y: 0.5}}},
		{Kind: catalog.KindArrow, Points: []catalog.Point{{X: 0.5, Y: 0.5}, {X: 0.5, Y: 0.5}}, Label: "zero length"},
		{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.99, Y: 0.99}}, Number: 123456, Label: strings.Repeat("label ", 80), Width: 1e9},
		{Kind: catalog.KindText, Points: []catalog.Point{{X: 1, Y: 1}}, Label: "corner", Color: "not a colour"},
		{Kind: catalog.KindPolyline, Points: []catalog.Point{{X: 0.1, Y: 0.1}, {X: 0.1, Y: 0.1}}, Label: "a dot"},
	}
	s.Excerpts = []Quote{{}, {Text: strings.Repeat("word ", 3000), Page: 3, PageEnd: 2}}
	return s
}

func TestWriteSurvivesOddContent(t *testing.T) {
	s := oddSheet()
	for _, opt := range []Options{{}, {Paper: "letter", Landscape: true}} {
		var buf bytes.Buffer
		if err := Write(&buf, []Sheet{s}, opt); err != nil {
			t.Fatalf("Write(%+v): %v", opt, err)
		}
		if buf.Len() == 0 {
			t.Fatal("empty output")
		}
	}
}

// TestWritePrintsExtremeShapes checks that an image far thinner than it
// is long (a strip), printed less than a pixel wide at the print
// resolution, is still printed, at least one pixel wide.
func TestWritePrintsExtremeShapes(t *testing.T) {
	for _, size := range []image.Point{{2, 20000}, {20000, 2}} {
		img := image.NewRGBA(image.Rect(0, 0, size.X, size.Y))
		var buf bytes.Buffer
		if err := Write(&buf, []Sheet{{Title: "strip", Images: []Panel{{Image: img}}}}, testOptions()); err != nil {
			t.Errorf("%d×%d image: %v", size.X, size.Y, err)
		}
	}
}

func TestCitation(t *testing.T) {
	tests := []struct {
		q    Quote
		want string
	}{
		{Quote{ReportTitle: "R", Page: 4, PageEnd: 5, Paragraph: 2}, "R, pp. 4–5, ¶ 2"},
		{Quote{ReportTitle: "R", Page: 4, PageEnd: 4, Paragraph: 2}, "R, p. 4, ¶ 2"},
		{Quote{ReportTitle: "R", Page: 4}, "R, p. 4"},
		{Quote{ReportTitle: "R", Paragraph: 7}, "R, ¶ 7"},
		{Quote{ReportTitle: "R", Page: 76, PageLabel: "71", Paragraph: 7}, "R, p. 76 (printed 71), ¶ 7"},
		{Quote{ReportTitle: "R", Page: 3, PageLabel: "3", Paragraph: 7}, "R, p. 3, ¶ 7"},
		{Quote{ReportTitle: "R", Page: 3, Paragraph: 7, ReportSHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}, "R, p. 3, ¶ 7 · report SHA-256 0123456789ab"},
		{Quote{ReportTitle: "  "}, "Untitled report"},
		{Quote{ReportTitle: "R", Page: 9, PageEnd: 3}, "R, p. 9"},
	}
	for _, tt := range tests {
		if got := citation(tt.q); got != tt.want {
			t.Errorf("citation(%+v) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestImageSlotsFitThePage(t *testing.T) {
	for _, opt := range []Options{{}, {Landscape: true}, {Paper: "Letter"}, {Paper: "Letter", Landscape: true}} {
		pg, err := newPage(opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range [][2]int{{4000, 3000}, {3000, 4000}, {5000, 500}, {300, 3000}} {
			for _, n := range []int{1, 2} {
				s := Sheet{}
				for range n {
					s.Images = append(s.Images, Panel{Image: image.NewGray(image.Rect(0, 0, size[0], size[1]))})
				}
				slots, rowH := pg.imageSlots(&s, 0)
				for j, sl := range slots {
					if sl.x < -1e-9 || sl.x+sl.w > pg.cw+1e-9 || sl.h > rowH+1e-9 || rowH > pg.soloHeight+1e-9 {
						t.Errorf("%+v, %d images of %v: slot %d = %+v outside the page (row %v)", opt, n, size, j, sl, rowH)
					}
					if r := sl.w / sl.h; math.Abs(r-float64(size[0])/float64(size[1])) > 1e-6 {
						t.Errorf("%+v, %v: slot %+v distorts the image", opt, size, sl)
					}
				}
				if n == 2 && slots[0].x+slots[0].w > slots[1].x {
					t.Errorf("%+v, %v: images overlap: %+v", opt, size, slots)
				}
			}
		}
	}
}

func TestCheckMark(t *testing.T) {
	pt2 := []catalog.Point{{X: 0.1, Y: 0.1}, {X: 0.5, Y: 0.5}}
	tests := []struct {
		name   string
		a      catalog.Annotation
		drawn  bool
		color  string
		remark string
	}{
		{"valid", catalog.Annotation{Kind: catalog.KindRect, Points: pt2, Color: "#00FF00"}, true, "#00FF00", ""},
		{"bad colour is drawn red", catalog.Annotation{Kind: catalog.KindRect, Points: pt2, Color: "green"}, true, "#E53935", `colour "green" unreadable`},
		{"bad width is drawn at default", catalog.Annotation{Kind: catalog.KindRect, Points: pt2, Color: "#00FF00", Width: 1e6}, true, "#00FF00", "width 1e+06 out of range"},
		{"long label still drawn", catalog.Annotation{Kind: catalog.KindText, Points: pt2[:1], Color: "#00FF00", Label: strings.Repeat("x", 100000)}, true, "#00FF00", ""},
		{"missing point", catalog.Annotation{Kind: catalog.KindArrow, Points: pt2[:1], Color: "#00FF00"}, false, "", "needs 2 point(s), has 1"},
		{"point off the image", catalog.Annotation{Kind: catalog.KindEllipse, Points: []catalog.Point{{X: 0.1, Y: 0.1}, {X: 3, Y: 0.5}}, Color: "#00FF00"}, false, "", "outside the image"},
		{"callout without number", catalog.Annotation{Kind: catalog.KindCallout, Points: pt2[:1], Color: "#00FF00"}, false, "", "number of 1 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, drawn, remark := checkMark(tt.a)
			if drawn != tt.drawn || !strings.Contains(remark, tt.remark) || (tt.remark == "" && remark != "") {
				t.Errorf("checkMark = drawn %v, %q; want %v, %q", drawn, remark, tt.drawn, tt.remark)
			}
			if drawn && m.Color != tt.color {
				t.Errorf("drawn in %q, want %q", m.Color, tt.color)
			}
		})
	}
}

func TestFlowNeverStartsAPageForNothing(t *testing.T) {
	pg, err := newPage(Options{})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := newWriter(pg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wr.sheet = &Sheet{Title: "Flow"}
	wr.newPage(false)
	drawn := 0
	text := line{h: 10, draw: func(x, y, w float64) { drawn++ }}
	// Lines up to the foot of the page, then only spacers: no new page.
	var ls []line
	for y := pg.top; y+10 <= pg.bottom; y += 10 {
		ls = append(ls, text)
	}
	ls = append(ls, spacer(3), spacer(3))
	wr.lines(ls)
	if n := wr.pdf.PageCount(); n != 1 {
		t.Errorf("%d pages for what fits on one", n)
	}
	// One more line goes on a second page, without the spacers before it.
	wr.lines([]line{spacer(5), text})
	if n := wr.pdf.PageCount(); n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
	if drawn != len(ls)-2+1 {
		t.Errorf("%d lines drawn, want %d", drawn, len(ls)-1)
	}
}
