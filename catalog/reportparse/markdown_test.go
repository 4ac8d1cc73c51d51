package reportparse

import (
	"errors"
	"strings"
	"testing"
)

func TestParseMarkdown(t *testing.T) {
	got, info, err := parseAll(t, testdata("report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "markdown" || info.Title != "Strikes on Tal Hamra" {
		t.Errorf("info = %+v", info)
	}
	const ev = "Events of 17 October 2017"
	want := numbered([]Block{
		{Text: "Prepared by the documentation team after two visits to the town."},
		{Heading: ev, Text: "On 17 October 2017, shortly after 14:00, at least three munitions struck the western quarter. The strikes hit Al-Nour Street and the covered market."},
		{Heading: ev, Text: "Damaged places:"},
		{Heading: ev, Text: "The bakery at the corner of Al-Nour Street."},
		{Heading: ev, Text: "The Al-Rahma clinic."},
		{Heading: ev, Text: "East wall collapsed."},
		{Heading: ev, Text: "Roof holed in two places."},
		{Heading: ev, Text: `"I was closing the shutter when the first one fell."`},
		{Heading: ev, Text: "The second came a minute later, on the bakery."},
		{Heading: ev + " › Casualties", Text: "Name | Age | Injury"},
		{Heading: ev + " › Casualties", Text: "Witness B | 34 | shrapnel, left arm"},
		{Heading: ev + " › Casualties", Text: "Child C | 9 | burns & fracture"},
		{Heading: ev + " › Casualties", Text: "Photograph: taken on 20/10/2017."},
		{Heading: ev + " › Casualties", Text: "Notes are kept in the case file*."},
	})
	compareBlocks(t, got, want)
}

func TestParseMarkdownTitleAndHeadings(t *testing.T) {
	src := "# Report\n\nIntro.\n\n## Part A\n\n### Detail\n\nText A.\n\n## Part B\n\nText B.\n\n# Annex\n\nText C.\n"
	got, info, err := parseAll(t, writeTemp(t, "r.markdown", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != "Report" {
		t.Errorf("title %q", info.Title)
	}
	compareBlocks(t, got, numbered([]Block{
		{Text: "Intro."},
		{Heading: "Part A › Detail", Text: "Text A."},
		{Heading: "Part B", Text: "Text B."},
		{Heading: "Annex", Text: "Text C."},
	}))
}

func TestMarkdownDepth(t *testing.T) {
	cases := []struct {
		src  string
		want int
	}{
		{"Plain text.\n", 0},
		{"> quote\n", 1},
		{"> > > nested\n", 3},
		{"- item\n  - sub\n    - subsub\n", 3},
		{"1. one\n2) two\n", 1},
		{"* * *\n---\n- - - -\n", 0}, // thematic breaks
		{"> > >\n", 3},               // empty quotes still nest
		{"    code\n", 2},
		{"\t\tcode\n", 4},
		{"12345678901. not a list marker\n", 0},
	}
	for _, c := range cases {
		if got := markdownDepth([]byte(c.src)); got != c.want {
			t.Errorf("markdownDepth(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}

// Quotes or lists nested past maxMarkdownDepth (goldmark takes time that
// grows faster than their square) are refused with a clear error.
func TestMarkdownTooDeep(t *testing.T) {
	deep := writeTemp(t, "deep.md", []byte(strings.Repeat("> ", 100)+"text\n"))
	_, _, err := parseAll(t, deep)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "nests quotes or lists 100 deep") || !strings.Contains(err.Error(), deep) {
		t.Errorf("err = %v", err)
	}
	ok := writeTemp(t, "ok.md", []byte(strings.Repeat("> ", 20)+"text\n"))
	if blocks, _, err := parseAll(t, ok); err != nil || len(blocks) != 1 || blocks[0].Text != "text" {
		t.Errorf("20 levels: err %v, blocks %q", err, blockTexts(blocks))
	}
}
