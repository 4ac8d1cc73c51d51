package main

import (
	"strconv"
	"strings"
	"unicode"
)

// shown returns a file name or path as it can be printed on a terminal:
// unchanged when it has only printable characters, quoted with escapes
// (as Go quotes strings) when it holds a newline or another control
// character, which would otherwise break or hide part of the output.
func shown(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) < 0 {
		return s
	}
	return strconv.Quote(s)
}
