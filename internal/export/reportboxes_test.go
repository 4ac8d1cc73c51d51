package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/xml"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// bboxWord is a word of `pdftotext -bbox`: points from the top left.
type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// pdftotextWords is the words of a page of pdf with their boxes, as
// `pdftotext -bbox` reads them.
func pdftotextWords(t testing.TB, pdf string, page int) []bboxWord {
	t.Helper()
	p := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-f", p, "-l", p, "-bbox", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Words []bboxWord `xml:"body>doc>page>word"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	return doc.Words
}

// TestHighlightFromKeptBoxes: an excerpt of a PDF is highlighted from the
// boxes kept when it was imported, one per word, each within a point of
// the box pdftotext gives the same word; on a page of its own they are
// drawn where the words are (72 DPI: a pixel a point).
func TestHighlightFromKeptBoxes(t *testing.T) {
	t.Run("kept", func(t *testing.T) { testHighlightBoxes(t, false) })
	t.Run("located", func(t *testing.T) { testHighlightBoxes(t, true) })
}

// forgetBoxes makes c a case imported before boxes were kept: the rows of
// excerpt_boxes deleted behind Exhibit's back (only a test may).
func forgetBoxes(t *testing.T, c *catalog.Case) {
	t.Helper()
	db, err := sql.Open("sqlite", catalog.SQLiteURI(filepath.Join(c.Dir(), catalog.DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM excerpt_boxes`); err != nil {
		t.Fatal(err)
	}
}

// testHighlightBoxes: see TestHighlightFromKeptBoxes; old, the excerpts
// have no boxes kept and are found in the page's text, the same boxes.
func testHighlightBoxes(t *testing.T, old bool) {
	need(t, "pdftotext")
	// each page its own text: none of it is taken for a running header
	places := []string{"", "mill by the river road", "school on the hill", "bakery in the market square"}
	c, r := addReportPDF(t, 3, func(p int) []string {
		return []string{"Witnesses saw the roof of the " + places[p], "collapse during the flood; the fence " + strings.Repeat("was ", p),
			"knocked down and the well " + places[4-p] + " filled with mud."}
	})
	ctx := context.Background()
	want := BoxesKept
	if old {
		forgetBoxes(t, c)
		want = BoxesLocated
	}
	es, err := c.Excerpts(ctx, r.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, e := range es {
		if !strings.HasPrefix(e.Text, "Witnesses") {
			continue
		}
		checked++
		out, img, err := RenderReportPage(ctx, c, r, ReportPageOptions{Page: e.Page, ExcerptID: e.ID, DPI: 72})
		if err != nil {
			t.Fatal(err)
		}
		if !out.Highlighted || out.BoxesFrom != want {
			t.Fatalf("excerpt %d: highlighted %v from %q, want from %q", e.ID, out.Highlighted, out.BoxesFrom, want)
		}
		words := pdftotextWords(t, r.Path, e.Page)
		first := -1
		for i, w := range words {
			if w.Text == "Witnesses" {
				first = i
			}
		}
		n := len(strings.Fields(e.Text))
		if first < 0 || first+n > len(words) || len(out.Rects) != n {
			t.Fatalf("excerpt %d: %d boxes for %d words (pdftotext: %d words, the first at %d)", e.ID, len(out.Rects), n, len(words), first)
		}
		height := float64(img.Bounds().Dy())
		for i, rc := range out.Rects {
			w := words[first+i]
			got := [4]float64{float64(rc.Min.X), float64(rc.Min.Y), float64(rc.Max.X), float64(rc.Max.Y)}
			exp := [4]float64{w.XMin, w.YMin, w.XMax, w.YMax}
			for k := range got {
				// pixel boxes cover the point box: a pixel more at most
				if math.Abs(got[k]-exp[k]) > 2 {
					t.Errorf("excerpt %d, word %q: box %v, pdftotext's %.1f (page %.0f high)", e.ID, w.Text, got, exp, height)
					break
				}
			}
		}
	}
	if checked != 3 {
		t.Fatalf("%d excerpts checked, want 3", checked)
	}
}
