package reportparse

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseHTML(t *testing.T) {
	got, info, err := parseAll(t, testdata("report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "html" || info.Title != "Strikes on Tal Hamra — field report" {
		t.Errorf("info = %+v", info)
	}
	const ev = "Events of 17 October 2017"
	want := numbered([]Block{
		{Text: "Documentation team, November 2017"},
		{Heading: ev, Text: "On 17 October 2017, shortly after 14:00, at least three munitions struck the western quarter. The strikes hit Al-Nour Street and the covered market."},
		{Heading: ev, Text: "The bakery at the corner of Al-Nour Street."},
		{Heading: ev, Text: "The Al-Rahma clinic."},
		{Heading: ev, Text: "East wall collapsed."},
		{Heading: ev + " › Witness account", Text: "“I was closing the shutter when the first one fell.”"},
		{Heading: ev + " › Witness account", Text: "The bakery, photographed on 20/10/2017."},
		{Heading: ev + " › Witness account", Text: "Name | Age | Injury"},
		{Heading: ev + " › Witness account", Text: "Witness B | 34 | shrapnel, left arm"},
		{Heading: ev + " › Witness account", Text: "Source"},
		{Heading: ev + " › Witness account", Text: "Interviews in person, 3 November 2017."},
		{Heading: ev + " › Witness account", Text: "Text directly in a div & an entity."},
	})
	compareBlocks(t, got, want)

	// Nothing of the scripts, styles, navigation, forms or hidden parts.
	all := blockTexts(got)
	for _, banned := range []string{"SCRIPT TEXT", "script text", "tracking", "written", "STYLE TEXT", "Menu item", "Home", "Privacy", "Enable JavaScript", "Hidden paragraph", "Invisible paragraph", "Search", "query", "SVG TEXT", "Template text", "IFRAME TEXT", "ALT TEXT"} {
		if strings.Contains(all, banned) {
			t.Errorf("extracted text contains %q", banned)
		}
	}
}

func TestParseHTMLDetectedByContent(t *testing.T) {
	// An HTML file with a .txt name is read as HTML; a fragment with an
	// .html name too.
	data, err := os.ReadFile(testdata("report.html"))
	if err != nil {
		t.Fatal(err)
	}
	got, info, err := parseAll(t, writeTemp(t, "saved.txt", data))
	if err != nil || info.Format != "html" || len(got) != 12 {
		t.Errorf("as .txt: format %q, %d blocks, err %v", info.Format, len(got), err)
	}
	got, info, err = parseAll(t, writeTemp(t, "frag.html", []byte("<p>One <i>two</i></p><script>x()</script><p>Three</p>")))
	if err != nil || info.Format != "html" {
		t.Fatalf("fragment: %+v %v", info, err)
	}
	compareBlocks(t, got, numbered([]Block{{Text: "One two"}, {Text: "Three"}}))
}

func TestParseHTMLWindows1256(t *testing.T) {
	// <meta charset> names the encoding of a legacy page.
	page := []byte("<html><head><meta charset=\"windows-1256\"><title>t</title></head><body><p>\xd4\xc7\xd1\xda \xc7\xe1\xe4\xe6\xd1</p></body></html>")
	got, info, err := parseAll(t, writeTemp(t, "ar.html", page))
	if err != nil {
		t.Fatal(err)
	}
	if info.Encoding != "windows-1256" {
		t.Errorf("encoding %q", info.Encoding)
	}
	compareBlocks(t, got, numbered([]Block{{Text: "شارع النور"}}))
}

// HTML nested deeper than its parser reads (512 elements) gets a clear
// error that names the file.
func TestParseHTMLTooDeep(t *testing.T) {
	path := writeTemp(t, "deep.html", []byte("<html><body>"+strings.Repeat("<div>", 600)+"text"))
	_, _, err := parseAll(t, path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "nested too deeply") || !strings.HasPrefix(err.Error(), path) {
		t.Errorf("err = %v", err)
	}
}

// A heading is cut to maxHeadingRunes: every block under it carries it.
func TestLongHeadingCut(t *testing.T) {
	html := "<html><body><h1>Report</h1><h2>" + strings.Repeat("word ", 200) + "</h2><p>Text.</p>"
	got, _, err := parseAll(t, writeTemp(t, "headings.html", []byte(html)))
	if err != nil || len(got) != 1 {
		t.Fatalf("err %v, blocks %q", err, blockTexts(got))
	}
	h := got[0].Heading
	if n := utf8.RuneCountInString(h); n != maxHeadingRunes || !strings.HasPrefix(h, "word word") || !strings.HasSuffix(h, "word…") {
		t.Errorf("heading of %d runes: %q", n, h)
	}
}

// A heading path keeps at most maxHeadingDepth levels, the deepest
// replaced by a deeper heading.
func TestHeadingPathDepthBounded(t *testing.T) {
	var got []Block
	b := newBuilder(func(bl Block) error { got = append(got, bl); return nil }, nil)
	for i := 1; i <= 20; i++ {
		b.heading(i, fmt.Sprintf("L%d", i))
	}
	b.block("Deep.", 0, 0, "")
	b.heading(2, "Back up")
	b.block("Up.", 0, 0, "")
	want := "L1 › L2 › L3 › L4 › L5 › L6 › L7 › L8 › L9 › L10 › L11 › L12 › L13 › L14 › L15 › L20"
	if len(got) != 2 || got[0].Heading != want || got[1].Heading != "L1 › Back up" {
		t.Errorf("blocks %+v", got)
	}
}
