package reportparse

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// This file tests the layout of PDF pages read with PDFium: ligatures,
// columns, tables, running headers, rotated pages and CJK text, on PDFs
// typeset here.

// typeset makes a PDF with fpdf (DejaVu, mm) by calling draw on it, and
// returns its path.
func typeset(t *testing.T, draw func(f *fpdf.Fpdf)) string {
	t.Helper()
	f := newFpdf(t)
	f.SetAutoPageBreak(false, 0)
	draw(f)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatalf("typeset: %v", err)
	}
	return writeTemp(t, "layout.pdf", buf.Bytes())
}

// column draws paragraphs in a column at x, width wide, from y, and
// returns where it stopped; 11 pt lines 6 mm apart, paragraphs 9 mm.
func column(f *fpdf.Fpdf, x, y, width float64, paras ...string) float64 {
	f.SetFont("dejavu", "", 11)
	for _, p := range paras {
		for _, l := range wrap(f, p, width) {
			f.Text(x, y, l)
			y += 6
		}
		y += 3
	}
	return y
}

func texts(t *testing.T, path string) []string {
	t.Helper()
	blocks, _, err := parseAll(t, path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range blocks {
		out = append(out, b.Text)
	}
	return out
}

func sameTexts(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// Ligature glyphs (ﬁ, ﬂ, mapped to U+FB01 and U+FB02 by the font's
// ToUnicode map) read as their letters.
func TestPDFLigatures(t *testing.T) {
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.AddPage()
		column(f, 20, 30, 170, "The \ufb01le was \ufb01rst \ufb02agged by the of\ufb01cer.")
	})
	sameTexts(t, texts(t, path), []string{"The file was first flagged by the officer."})
}

var (
	colParas = []string{
		"The first column opens with a paragraph of several lines, long enough to wrap three or four times in a narrow column of text.",
		"A second paragraph follows in the first column. It runs on to the bottom of the column and its last sentence does not end there but carries on",
		"at the top of the second column, where it ends with a full stop.",
		"The second column then has a paragraph of its own, which also wraps over a few lines before the page ends.",
	}
)

// Two columns are read one after the other, and a sentence that runs from
// the foot of the first to the head of the second is one excerpt.
func TestPDFTwoColumns(t *testing.T) {
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.AddPage()
		f.SetFont("dejavu", "B", 16)
		f.Text(20, 20, "Two columns")
		column(f, 20, 35, 80, colParas[0], colParas[1])
		column(f, 110, 35, 80, colParas[2], colParas[3])
	})
	sameTexts(t, texts(t, path), []string{colParas[0], colParas[1] + " " + colParas[2], colParas[3]})
}

// A table is one excerpt per row, its cells joined with " | "; a cell
// wrapped over two lines stays in its row.
func TestPDFTable(t *testing.T) {
	rows := [][]string{
		{"Site", "Date", "Damage"},
		{"Bakery", "17/10/2017", "Front and roof destroyed"},
		{"Clinic", "17/10/2017", "East wall collapsed"},
		{"Market", "18/10/2017", "Crater, filled by January"},
		{"Mill", "", "None seen"},
	}
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.AddPage()
		y := column(f, 20, 30, 170, "The places inspected are listed below, with the date of the strike and what was seen.")
		f.SetFont("dejavu", "", 10)
		for _, r := range rows {
			for k, c := range r {
				f.Text(20+float64(k)*45, y, c)
			}
			y += 6
		}
		column(f, 20, y+6, 170, "Every place was photographed on both visits.")
	})
	want := []string{"The places inspected are listed below, with the date of the strike and what was seen."}
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			if c != "" {
				cells = append(cells, c)
			}
		}
		want = append(want, strings.Join(cells, " | "))
	}
	want = append(want, "Every place was photographed on both visits.")
	sameTexts(t, texts(t, path), want)
}

// A running header and a page number footer are page furniture: not
// glued into the body, the header kept once; on a page where they are
// the only text they are its text.
func TestPDFRunningHeaderFooter(t *testing.T) {
	body := []string{
		"The first page has a paragraph that does not end at the foot of the page but runs on",
		"to the next page, past the header and the footer, which are not read into it.",
		"The last page has a paragraph of its own.",
	}
	path := typeset(t, func(f *fpdf.Fpdf) {
		page := func(n int, paras ...string) {
			f.AddPage()
			f.SetFont("dejavu", "", 8)
			f.Text(20, 12, "Field report — Tal Hamra")
			f.Text(100, 285, fmt.Sprintf("%d", n))
			if len(paras) > 0 {
				column(f, 20, 30, 170, paras...)
			}
		}
		page(1, body[0])
		page(2, body[1])
		page(3)
		page(4, body[2])
	})
	blocks, _, err := parseAll(t, path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range blocks {
		got = append(got, fmt.Sprintf("p%d-%d [%s] %s", b.Page, b.PageEnd, b.PageLabel, b.Text))
	}
	sameTexts(t, got, []string{
		"p1-2 [1] " + body[0] + " " + body[1],
		"p3-3 [3] Field report — Tal Hamra",
		"p3-3 [3] 3",
		"p4-4 [4] " + body[2],
		"p1-4 [] Field report — Tal Hamra",
	})
}

// rotatedPDF is a page shown turned a quarter (/Rotate 90) whose text is
// drawn running up the page, so that it reads upright: a paragraph of
// three lines, then one drawn the ordinary way on a /Rotate 90 page.
func rotatedPDF() []byte {
	lines := []string{"A landscape table of the strikes was printed", "on a page turned a quarter, and its text", "reads upright once the page is turned."}
	var up strings.Builder
	for i, l := range lines {
		// Text running up (+y); the next line is further right (+x).
		fmt.Fprintf(&up, "BT /F1 12 Tf 0 1 -1 0 %d 100 Tm (%s) Tj ET\n", 100+14*i, l)
	}
	return craftPDF(craftPages(stm("", up.String()), stm("", "BT /F1 12 Tf 72 700 Td (An ordinary page, shown turned.) Tj ET")), "/Root 1 0 R")
}

func TestPDFRotatedPage(t *testing.T) {
	data := rotatedPDF()
	data = bytes.ReplaceAll(data, []byte("/Type/Page /Parent 2 0 R"), []byte("/Type/Page /Rotate 90 /Parent 2 0 R"))
	sameTexts(t, texts(t, writeTemp(t, "rotated.pdf", data)), []string{
		"A landscape table of the strikes was printed on a page turned a quarter, and its text reads upright once the page is turned.",
		"An ordinary page, shown turned.",
	})
}

// cjkPDF draws Japanese text in a CID font (not embedded, as many CJK
// PDFs have it: the reader supplies the glyphs) mapped to Unicode by its
// ToUnicode map.
func cjkPDF(text string) []byte {
	rs := []rune(text)
	var cmap, codes strings.Builder
	fmt.Fprintf(&cmap, "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n%d beginbfchar\n", len(rs))
	for i, r := range rs {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", i+1, r)
		fmt.Fprintf(&codes, "%04X", i+1)
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	content := fmt.Sprintf("BT /F1 12 Tf 72 700 Td <%s> Tj ET", codes.String())
	return craftPDF([]craftObj{
		{id: 1, body: "<</Type/Catalog /Pages 2 0 R>>"},
		{id: 2, body: "<</Type/Pages /Kids [3 0 R] /Count 1>>"},
		{id: 3, body: "<</Type/Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R>>"},
		{id: 4, body: stm("", content)},
		{id: 5, body: "<</Type/Font /Subtype/Type0 /BaseFont/MS-Mincho /Encoding/Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R>>"},
		{id: 6, body: "<</Type/Font /Subtype/CIDFontType2 /BaseFont/MS-Mincho /CIDSystemInfo <</Registry(Adobe) /Ordering(Japan1) /Supplement 6>> /DW 1000 /FontDescriptor 8 0 R>>"},
		{id: 7, body: stm("", cmap.String())},
		{id: 8, body: "<</Type/FontDescriptor /FontName/MS-Mincho /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80>>"},
	}, "/Root 1 0 R")
}

// CJK text is read in order, with no spaces made up between its
// characters.
func TestPDFCJK(t *testing.T) {
	const text = "東京地方裁判所に提出された報告書によれば、被害は三月に始まった。"
	sameTexts(t, texts(t, writeTemp(t, "cjk.pdf", cjkPDF(text))), []string{text})
}

// Words hyphenated at a line end, with a hyphen or a soft hyphen, are
// joined; arrows, dashes and hyphens inside a line are kept as drawn.
func TestPDFHyphensAndDashes(t *testing.T) {
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.AddPage()
		f.SetFont("dejavu", "", 11)
		for i, l := range []string{
			"The team's investi-",
			"gation of the site -> the mill — took two days; its recon\u00ad",
			"struction began in spring, on the Al-Nour road.",
		} {
			f.Text(20, 30+float64(i)*6, l)
		}
	})
	sameTexts(t, texts(t, path), []string{"The team's investigation of the site -> the mill — took two days; its reconstruction began in spring, on the Al-Nour road."})
}

// A report with a scanned page among pages of text is read, with a
// warning naming the scanned page.
func TestPDFPartlyScanned(t *testing.T) {
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, testImage()); err != nil {
		t.Fatal(err)
	}
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(pngData.Bytes()))
		f.AddPage()
		column(f, 20, 30, 170, "The first page has text.")
		f.AddPage()
		f.ImageOptions("scan", 10, 10, 190, 0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		f.AddPage()
		column(f, 20, 30, 170, "The third page has text too.")
	})
	blocks, info, err := parseAll(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || len(info.Warnings) != 1 || info.Warnings[0] != "page 2 has no text layer (scanned?); run OCR to read them" {
		t.Errorf("blocks %q, warnings %q", blockTexts(blocks), info.Warnings)
	}
}

// A line in bold of the body's size, that ends no sentence, is a heading
// (PDFium gives the font's weight).
func TestPDFBoldHeading(t *testing.T) {
	path := typeset(t, func(f *fpdf.Fpdf) {
		f.AddPage()
		y := column(f, 20, 30, 170, "The opening paragraph is set in the body font, long enough to count as body text.")
		f.SetFont("dejavu", "B", 11)
		f.Text(20, y+3, "Findings at the mill")
		column(f, 20, y+12, 170, "The mill's roof was intact on both visits.")
	})
	blocks, _, err := parseAll(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || blocks[0].Heading != "" || blocks[1].Heading != "Findings at the mill" {
		for _, b := range blocks {
			t.Log(showBlock(b))
		}
		t.Error("want the bold line as the second paragraph's heading")
	}
}
