package reportparse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseText splits a plain-text report into paragraphs.
//
// Paragraphs are separated by blank lines (a form feed counts as one).
// Headings, which are not blocks themselves:
//   - a line followed by an underline of "=" (level 1) or "-" (level 2), at
//     least three characters long;
//   - a line of UPPER CASE (level 1): at most 100 characters, at least two
//     letters, no lowercase letter, letters making at least half of its
//     non-space characters, and not ending with "." or ",".
//
// Within a chunk of lines, lines that start with a bullet ("-", "*", "•")
// or a number ("1." "2)") start a new paragraph when the chunk holds at
// least two of them; bullet characters are dropped, numbers kept. The
// title is a heading that opens the file.
func parseText(text string, info *Info, b *builder) error {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\f", "\n\n")
	lines := strings.Split(text, "\n")

	// First pass: the title, when the file opens with a heading.
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if lvl := underlineLevel(lines, i); lvl > 0 || isUpperHeading(l) {
			info.Title = collapse(l)
		}
		break
	}

	b.setTitle(info.Title)
	var para []string
	flush := func() error {
		err := flushTextChunk(b, para)
		para = para[:0]
		return err
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		if lvl := underlineLevel(lines, i); lvl > 0 {
			if err := flush(); err != nil {
				return err
			}
			b.heading(lvl, l)
			i++ // skip the underline
			continue
		}
		if isUpperHeading(l) && (len(para) == 0 || isUpperHeading(para[len(para)-1])) {
			// A heading line opens a chunk (or follows another heading line).
			if err := flush(); err != nil {
				return err
			}
			b.heading(1, l)
			continue
		}
		para = append(para, l)
	}
	return flush()
}

// flushTextChunk emits a chunk of non-blank lines: one paragraph, or one per
// list item when the chunk is a list.
func flushTextChunk(b *builder, lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	items := 0
	for _, l := range lines {
		if _, ok := listMarker(l); ok {
			items++
		}
	}
	if items < 2 {
		return b.block(strings.Join(lines, " "), 0, 0, "")
	}
	var cur []string
	for _, l := range lines {
		if rest, ok := listMarker(l); ok {
			if err := b.block(strings.Join(cur, " "), 0, 0, ""); err != nil {
				return err
			}
			cur = append(cur[:0], rest)
			continue
		}
		cur = append(cur, l)
	}
	return b.block(strings.Join(cur, " "), 0, 0, "")
}

// listMarker reports whether l starts a list item, and returns the item's
// text: without a bullet character, with its number.
func listMarker(l string) (string, bool) {
	t := strings.TrimLeft(l, " \t")
	for _, bullet := range []string{"- ", "* ", "• ", "· ", "– "} {
		if strings.HasPrefix(t, bullet) {
			return strings.TrimSpace(t[len(bullet):]), true
		}
	}
	digits := 0
	for digits < len(t) && digits < 3 && t[digits] >= '0' && t[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits+1 < len(t) && (t[digits] == '.' || t[digits] == ')') && t[digits+1] == ' ' {
		return strings.TrimSpace(t), true
	}
	return "", false
}

// underlineLevel returns 1 or 2 when lines[i] is a heading underlined on the
// next line with "=" or "-", else 0.
func underlineLevel(lines []string, i int) int {
	if i+1 >= len(lines) || strings.TrimSpace(lines[i]) == "" {
		return 0
	}
	if _, ok := listMarker(lines[i]); ok {
		return 0
	}
	u := strings.TrimSpace(lines[i+1])
	if len(u) < 3 {
		return 0
	}
	if strings.Trim(u, "=") == "" {
		return 1
	}
	if strings.Trim(u, "-") == "" {
		return 2
	}
	return 0
}

// isUpperHeading reports whether a line reads as an upper-case heading.
func isUpperHeading(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || utf8.RuneCountInString(l) > 100 || strings.HasSuffix(l, ".") || strings.HasSuffix(l, ",") {
		return false
	}
	letters, other := 0, 0
	for _, r := range l {
		switch {
		case unicode.IsSpace(r):
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		default:
			other++
		}
	}
	return letters >= 2 && letters >= other
}
