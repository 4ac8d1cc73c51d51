package demo

import (
	_ "embed"
	"html"
	"strings"
)

// reportMarkdown is the fictional field report that comes with the
// sample pictures.
//
//go:embed report.md
var reportMarkdown string

// Report returns the sample report in Markdown.
func Report() string { return reportMarkdown }

// reportHTML renders the report as a standalone HTML page. The report uses
// only headings, paragraphs, **bold** and *italic*, which is all this
// converter knows.
func reportHTML() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	title := "Kafr Nadim field report (fictional sample)"
	for _, line := range strings.Split(reportMarkdown, "\n") {
		if strings.HasPrefix(line, "# ") {
			title = strings.TrimPrefix(line, "# ")
			break
		}
	}
	b.WriteString("<title>" + html.EscapeString(title) + "</title>\n")
	b.WriteString("<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}</style>\n</head>\n<body>\n")
	for _, block := range strings.Split(strings.ReplaceAll(reportMarkdown, "\r\n", "\n"), "\n\n") {
		block = strings.TrimSpace(block)
		if block == "" {
			continue
		}
		level := 0
		for level < len(block) && level < 6 && block[level] == '#' {
			level++
		}
		if level > 0 && level < len(block) && block[level] == ' ' {
			tag := string(rune('0' + level))
			b.WriteString("<h" + tag + ">" + inline(strings.TrimSpace(block[level:])) + "</h" + tag + ">\n")
			continue
		}
		b.WriteString("<p>" + inline(strings.Join(strings.Fields(block), " ")) + "</p>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.String()
}

// inline escapes text and turns **bold** and *italic* into tags.
func inline(s string) string {
	s = html.EscapeString(s)
	s = pairs(s, "**", "<strong>", "</strong>")
	return pairs(s, "*", "<em>", "</em>")
}

// pairs replaces matched delimiters by open and close tags; an unmatched
// last delimiter stays as it is.
func pairs(s, delim, open, close string) string {
	parts := strings.Split(s, delim)
	if len(parts) < 3 {
		return s
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			switch {
			case i == len(parts)-1 && i%2 == 1:
				b.WriteString(delim) // unmatched
			case i%2 == 1:
				b.WriteString(open)
			default:
				b.WriteString(close)
			}
		}
		b.WriteString(p)
	}
	return b.String()
}
