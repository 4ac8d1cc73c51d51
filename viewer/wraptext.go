package viewer

import (
	"strings"

	"fyne.io/fyne/v2"
)

// wrapText breaks s into at most maxLines lines no wider than width when
// drawn at size, breaking between words (and inside a word longer than a
// line); what does not fit ends the last line with "…".
func wrapText(s string, width, size float32, maxLines int) []string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width }
	var lines []string
	line := ""
	words := strings.Fields(s)
	for i := 0; i < len(words); i++ {
		w := words[i]
		cand := w
		if line != "" {
			cand = line + " " + w
		}
		if fits(cand) {
			line = cand
			continue
		}
		if line == "" {
			// a word wider than the line: cut it
			r := []rune(w)
			n := len(r) - 1
			for n > 1 && !fits(string(r[:n])) {
				n--
			}
			line = string(r[:n])
			words[i] = string(r[n:])
			i--
		} else {
			i--
		}
		lines = append(lines, line)
		line = ""
		if len(lines) == maxLines {
			return ellipsize(lines, fits)
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// ellipsize marks the last line as cut.
func ellipsize(lines []string, fits func(string) bool) []string {
	last := []rune(lines[len(lines)-1])
	for len(last) > 0 && !fits(string(last)+"…") {
		last = last[:len(last)-1]
	}
	lines[len(lines)-1] = strings.TrimRight(string(last), " ") + "…"
	return lines
}
