package reportparse

import (
	"strings"
	"unicode"
)

// headingSep joins the levels of a heading path.
const headingSep = " › "

// maxHeadingRunes and maxHeadingDepth bound the heading path, which
// every block under it carries: a longer heading is cut (with "…"), and a
// heading deeper than maxHeadingDepth replaces the deepest one.
const (
	maxHeadingRunes = 300
	maxHeadingDepth = 16
)

// builder numbers blocks, tracks the heading path and calls emit.
type builder struct {
	emit      func(Block) error
	onHeading func(string)
	title     string
	n         int
	headings  []heading
	path      string // of headings, made when stale
	stale     bool
}

type heading struct {
	level int
	text  string
}

func newBuilder(emit func(Block) error, onHeading func(string)) *builder {
	return &builder{emit: emit, onHeading: onHeading}
}

// setTitle sets the report's title, which heading paths leave out.
func (b *builder) setTitle(title string) {
	b.title = collapse(title)
	b.stale = true
}

// heading opens a heading of the given level (1 is outermost): it closes
// the headings of the same or a deeper level.
func (b *builder) heading(level int, text string) {
	text = collapse(text)
	if text == "" {
		return
	}
	if r := []rune(text); len(r) > maxHeadingRunes {
		text = strings.TrimSpace(string(r[:maxHeadingRunes-1])) + "…"
	}
	for len(b.headings) > 0 && b.headings[len(b.headings)-1].level >= level {
		b.headings = b.headings[:len(b.headings)-1]
	}
	b.headings = append(b.headings[:min(len(b.headings), maxHeadingDepth-1)], heading{level, text})
	b.stale = true
	if b.onHeading != nil {
		b.onHeading(text)
	}
}

// headingPath is the current heading path, without a heading equal to
// the title.
func (b *builder) headingPath() string {
	if !b.stale {
		return b.path
	}
	var parts []string
	for _, h := range b.headings {
		if b.title != "" && strings.EqualFold(h.text, b.title) {
			continue
		}
		parts = append(parts, h.text)
	}
	b.path, b.stale = strings.Join(parts, headingSep), false
	return b.path
}

// block emits one paragraph. Text without a single letter or digit (blank,
// or a separator such as "* * *") is skipped.
func (b *builder) block(text string, page, pageEnd int, label string, boxes ...Box) error {
	text = collapse(text)
	if !hasWordChar(text) {
		return nil
	}
	b.n++
	return b.emit(Block{Paragraph: b.n, Page: page, PageEnd: pageEnd, PageLabel: label, Heading: b.headingPath(), Text: text, Boxes: boxes})
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// hasWordChar reports whether s has a letter or a digit.
func hasWordChar(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
