package reportparse

import (
	"fmt"
	"strings"
	"testing"
)

// A document that sets its text in a font of size 1 scaled by the text
// matrix (Tf 1, Tm 10.5 0 0 10.5), as some standards are, double-spaced:
// its lines are read at the size they print at, and a paragraph of such
// lines is one excerpt, not one a line.
func TestScaledFontDoubleSpacedParagraph(t *testing.T) {
	lines := []string{
		"This standard specifies the formats to be used for images, sound and tags in digital",
		"still cameras and in other systems handling the image and sound files they record;",
		"its scope covers devices, recording media and the application software that handles",
		"them, from capture to printing.",
	}
	var content strings.Builder
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 1 Tf 10.5 0 0 10.5 60 %d Tm (%s) Tj ET\n", 700-21*i, l)
	}
	content.WriteString("BT /F1 1 Tf 10.5 0 0 10.5 60 595 Tm (A second paragraph, after a paragraph's space, that stands alone.) Tj ET\n")
	data := craftPDF(craftDoc(stm("", content.String()), ""), "/Root 1 0 R")
	got, _, err := parseAll(t, writeTemp(t, "scaled.pdf", data))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != strings.Join(lines, " ") {
		t.Errorf("read %d excerpts:\n%s", len(got), blockTexts(got))
	}
}

// A page's line spacing is that of its body text: a table in small type
// at 10 pt spacing on the same page does not make double-spaced
// paragraphs (17.5 pt) look like a line each.
func TestLineGapIgnoresTableRows(t *testing.T) {
	var body []line
	y := 700.0
	for range 20 {
		body = append(body, line{text: "Image width | ImageWidth | 256", y: y, size: 8, row: true})
		y -= 10
	}
	y -= 20
	for range 3 {
		body = append(body, line{text: "Some off-the-shelf software lacks a function for handling valid", y: y, size: 10})
		y -= 17.5
	}
	if g := lineGap(body, 10); g != 17.5 {
		t.Errorf("line gap %.2f, want 17.5 (the body's, not the table's)", g)
	}
}
