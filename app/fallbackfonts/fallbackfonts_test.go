package fallbackfonts

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
)

// Provide puts fonts for Chinese, Japanese and Korean where Fyne's font
// lookup (go-text's fontscan) looks, without dropping the folders it
// looked in before; twice is the same as once.
func TestProvide(t *testing.T) {
	t.Setenv("XDG_DATA_DIRS", "")
	dir := t.TempDir()
	for range 2 {
		if err := Provide(dir); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := os.Getenv("XDG_DATA_DIRS"), defaultDataDirs+string(os.PathListSeparator)+dir; got != want {
		t.Errorf("XDG_DATA_DIRS %q, want %q", got, want)
	}
	dirs, err := fontscan.DefaultFontDirectories(log.New(io.Discard, "", 0))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(dirs, filepath.Join(dir, "fonts")) {
		t.Fatalf("fontscan looks in %v, not in %s", dirs, filepath.Join(dir, "fonts"))
	}
	have := map[rune]bool{}
	for _, f := range fonts {
		data, err := os.ReadFile(filepath.Join(dir, "fonts", f.name))
		if err != nil || !bytes.Equal(data, f.data) {
			t.Fatalf("%s: %v (%d bytes, want %d)", f.name, err, len(data), len(f.data))
		}
		face, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		for _, r := range "東京の橋桥损피해" {
			if _, ok := face.NominalGlyph(r); ok {
				have[r] = true
			}
		}
	}
	for _, r := range "東京の橋桥损피해" {
		if !have[r] {
			t.Errorf("no font provided for %c", r)
		}
	}
}

// The list keeps what it held and gains the folder once.
func TestWithDir(t *testing.T) {
	for _, tc := range []struct{ dirs, want string }{
		{"", defaultDataDirs + ":/c"},
		{"/a:/b", "/a:/b:/c"},
		{"/a:/c", "/a:/c"},
	} {
		if got := withDir(tc.dirs, "/c"); got != tc.want {
			t.Errorf("withDir(%q) = %q, want %q", tc.dirs, got, tc.want)
		}
	}
}
