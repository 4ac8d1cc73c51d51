package reportparse

import (
	"os"
	"strings"
	"testing"
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
