package pdfengine

import (
	"math"
	"strings"
	"testing"
)

// page1 has a paragraph of three lines, the second ending with a word
// hyphenated across the line break.
var page1 = []line{
	{72, 100, "Report of the field mission"},
	{72, 140, "The bakery on Al-Nour street was struck"},
	{72, 154, "in the morning of 16 October; its recon-"},
	{72, 168, "struction began in spring, said the baker."},
	{72, 300, "Then came the ﬁre."},
	{300, 400, "An unrelated note."},
}

func TestLocateMatchesPdftotextWords(t *testing.T) {
	data := makePDF(t, [][]line{page1}, "")
	path := writeTemp(t, "report.pdf", data)
	words := pdftotextWords(t, path, 1)
	d := open(t, data)
	text, err := d.Text(1)
	if err != nil {
		t.Fatal(err)
	}
	_, height, err := d.PageSize(1)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, excerpt string
		first, n      int // the words of pdftotext expected, by index
	}{
		{"one line", "Report of the field mission", 0, 5},
		{"across lines, hyphenated, spaces differ", "was struck in the  morning of 16 October; its\nreconstruction began", 10, 12},
		{"case and a dash", "AL–NOUR STREET", 8, 2},
		{"a ligature", "the fire.", 29, 2},
		{"last line", "An unrelated note.", 31, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Locate(text, tt.excerpt, Whole)
			if !m.Found || m.Partial {
				t.Fatalf("Locate(%q): found %v, partial %v", tt.excerpt, m.Found, m.Partial)
			}
			want := words[tt.first : tt.first+tt.n]
			if len(m.Boxes) != len(want) {
				t.Fatalf("%d boxes, want %d (pdftotext's words %v)", len(m.Boxes), len(want), want)
			}
			for i, b := range m.Boxes {
				w := want[i]
				// pdftotext measures from the top.
				got := [4]float64{b.Left, height - b.Top, b.Right, height - b.Bottom}
				exp := [4]float64{w.XMin, w.YMin, w.XMax, w.YMax}
				for k := range got {
					if math.Abs(got[k]-exp[k]) > 1 {
						t.Errorf("box %d: %.2f, pdftotext's %q: %.2f (more than 1 pt apart)", i, got, w.Text, exp)
						break
					}
				}
			}
		})
	}
}

func TestLocateNotFound(t *testing.T) {
	data := makePDF(t, [][]line{page1}, "")
	text, err := open(t, data).Text(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "   ", "the school was spared", "Report of the field office"} {
		if m := Locate(text, q, Whole); m.Found {
			t.Errorf("Locate(%q) found %d boxes: %q", q, len(m.Boxes), text.String()[m.First:m.Last+1])
		}
	}
}

// chars makes a page's text from s, one box per character on one line.
func chars(s string) *PageText {
	t := &PageText{Page: 1}
	for i, r := range []rune(s) {
		x := float64(i) * 6
		t.Chars = append(t.Chars, Char{Rune: r, Box: Rect{x, 0, x + 6, 10}})
	}
	return t
}

const convoy = "The convoy left the town at dawn and reached the bridge at noon."

func TestLocateNormalises(t *testing.T) {
	tests := []struct {
		name, page, excerpt string
		part                Part
		found, partial      bool
		boxes               int
	}{
		{"ligature on the page", "the ﬁre at the ofﬁce", "the fire at the office", Whole, true, false, 5},
		{"ligature in the excerpt", "the fire", "the ﬁre", Whole, true, false, 2},
		{"curly quotes", "he said “leave” now", `he said "leave" now`, Whole, true, false, 4},
		{"soft hyphen and PDFium's line-end hyphen", "recon\u00ad\r\nstruc\x02\r\ntion", "reconstruction", Whole, true, false, 3},
		{"start of a paragraph that runs on", "Intro. The convoy left the town at dawn and", convoy, Start, true, true, 8},
		{"its start, whole wanted", "Intro. The convoy left the town at dawn and", convoy, Whole, false, false, 0},
		{"its start, its end wanted", "Intro. The convoy left the town at dawn and", convoy, End, false, false, 0},
		{"end of a paragraph from the page before", "reached the bridge at noon. Next", convoy, End, true, true, 5},
		{"whole, a part allowed", "x " + convoy + " y", convoy, End, true, false, 13},
		{"too little of it", "Intro. The convoy", "The convoy left the town at dawn", Start, false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Locate(chars(tt.page), tt.excerpt, tt.part)
			if m.Found != tt.found || m.Partial != tt.partial || len(m.Boxes) != tt.boxes {
				got := ""
				if m.Found {
					got = string([]rune(tt.page)[m.First : m.Last+1])
				}
				t.Errorf("found %v partial %v, %d boxes (%q); want %v %v %d", m.Found, m.Partial, len(m.Boxes), got, tt.found, tt.partial, tt.boxes)
			}
		})
	}
}

func TestKeyIgnoresLayout(t *testing.T) {
	a := key("Well-known  reconstruction\n“work”")
	b := key("well known recon- struction \"WORK\"")
	if a != b || strings.ContainsAny(a, " -\n") {
		t.Errorf("key: %q and %q", a, b)
	}
}
