package main

import "testing"

func TestShown(t *testing.T) {
	for in, want := range map[string]string{
		"/photos/IMG 1.jpg":    "/photos/IMG 1.jpg",
		"/صور شاهد/صورة ١.jpg": "/صور شاهد/صورة ١.jpg",
		"/odd/new\nline.jpg":   `"/odd/new\nline.jpg"`,
		"/odd/bad\x01.jpg":     `"/odd/bad\x01.jpg"`,
	} {
		if got := shown(in); got != want {
			t.Errorf("shown(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/ana/Raqqa.exhibit":         "/home/ana/Raqqa.exhibit",
		"/tmp/hash test/Demo #1?.exhibit": "'/tmp/hash test/Demo #1?.exhibit'",
		"/tmp/ana's case":                 `'/tmp/ana'\''s case'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
