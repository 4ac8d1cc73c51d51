// Package fallbackfonts lets Fyne draw Chinese, Japanese and Korean on a
// machine without a font for them: it puts Exhibit's embedded fallback
// fonts (the ones its sheets use) in a folder of the user's cache and
// adds that folder to XDG_DATA_DIRS, in this process only, before Fyne
// looks for system fonts. Fyne 2.7 draws a character the theme's font
// lacks in a system font that has it, and it finds system fonts through
// go-text's fontscan, which reads $XDG_DATA_DIRS/fonts. Nothing is
// installed for other programs; the user's font folders are not touched.
package fallbackfonts

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/exhibit-app/exhibit/assets"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// fonts are the files written, by name.
var fonts = []struct {
	name string
	data []byte
}{
	{"DroidSansFallbackFull.ttf", assets.FontCJK},
	{"NanumSquareR.ttf", assets.FontKorean},
}

// defaultDataDirs is XDG_DATA_DIRS when it is unset (the XDG Base
// Directory specification's default), kept first when ours is added.
const defaultDataDirs = "/usr/local/share:/usr/share"

// Provide writes the fonts into dir/fonts (when they are not already
// there) and adds dir to XDG_DATA_DIRS. Call it before the first
// text is drawn.
func Provide(dir string) error {
	fontsDir := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fontsDir, 0o755); err != nil {
		return fmt.Errorf("provide fallback fonts: %w", err)
	}
	for _, f := range fonts {
		path := filepath.Join(fontsDir, f.name)
		// Written whole or not at all (renamed into place): a file of the
		// right size is the one written before, and is not read again
		// at each start.
		if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(f.data)) {
			continue
		}
		if err := picture.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return fmt.Errorf("provide fallback fonts: %w", err)
		}
	}
	os.Setenv("XDG_DATA_DIRS", withDir(os.Getenv("XDG_DATA_DIRS"), dir))
	return nil
}

// withDir returns the list dirs (XDG_DATA_DIRS) with dir added last,
// once; an empty list stands for the specification's default.
func withDir(dirs, dir string) string {
	if dirs == "" {
		dirs = defaultDataDirs
	}
	for _, d := range filepath.SplitList(dirs) {
		if d == dir {
			return dirs
		}
	}
	return strings.Join([]string{dirs, dir}, string(os.PathListSeparator))
}
