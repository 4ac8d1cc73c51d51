package pdfengine

import (
	"math"
	"testing"
)

// TextQuick reads what Text reads: the same characters, fonts and
// generated marks, and the same box for every word (only the boxes inside
// simple words are spread evenly).
func TestTextQuickMatchesText(t *testing.T) {
	d := open(t, makePDF(t, [][]line{page1}, ""))
	exact, err := d.Text(1)
	if err != nil {
		t.Fatal(err)
	}
	quick, err := d.TextQuick(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(exact.Chars) != len(quick.Chars) || exact.String() != quick.String() {
		t.Fatalf("TextQuick reads %q, Text %q", quick.String(), exact.String())
	}
	spread, generated := 0, 0
	var we, wq Rect
	for i, e := range exact.Chars {
		q := quick.Chars[i]
		// The page is in DejaVu Sans 12 pt, regular.
		if e.Generated {
			generated++
		} else if e.Rune != ' ' && math.Abs(e.Size-12) > 0.01 || e.Weight != 0 && e.Weight >= 600 {
			t.Errorf("char %d %q: size %v weight %d, want 12 pt, not bold", i, e.Rune, e.Size, e.Weight)
		}
		if e.Generated != q.Generated || e.Size != q.Size || e.Weight != q.Weight {
			t.Errorf("char %d %q: quick %+v, exact %+v", i, e.Rune, q, e)
		}
		if e.Box != q.Box {
			spread++
		}
		if isBreak(e) {
			if !boxNear(we, wq) {
				t.Errorf("word ending at char %d: quick box %v, exact %v", i, wq, we)
			}
			we, wq = Rect{}, Rect{}
			continue
		}
		if q.Box.Empty() {
			t.Errorf("char %d %q has no box", i, e.Rune)
		}
		we, wq = we.Union(e.Box), wq.Union(q.Box)
	}
	if generated == 0 {
		t.Error("no space or line break made up by PDFium: Generated is never set")
	}
	if spread == 0 {
		t.Error("no box was spread: TextQuick read every box")
	}
}

func boxNear(a, b Rect) bool {
	return math.Abs(a.Left-b.Left) < 0.01 && math.Abs(a.Right-b.Right) < 0.01 && math.Abs(a.Top-b.Top) < 0.01 && math.Abs(a.Bottom-b.Bottom) < 0.01
}
