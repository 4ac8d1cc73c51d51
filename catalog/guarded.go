package catalog

import (
	"fmt"
	"os"
	"path/filepath"
)

// Some formats (BMP, icons, PCX, Photoshop) are decoded by ImageMagick,
// through libvips, inside Exhibit's process: a crash there on a hostile
// file would stop the import, and every import after it at the same
// file. So the import marks such a file in cache/decoding/ while it
// decodes it: a mark found at the next import means an import stopped
// while decoding that file, which is then cataloged without a picture,
// saying so, rather than tried again.

// guardedFormat tells whether the import marks a file of format while it
// decodes it.
func guardedFormat(format string) bool {
	switch format {
	case "bmp", "ico", "pcx", "psd":
		return true
	}
	return false
}

// decodingMark returns the path of the mark of the file with this SHA-256.
func (c *Case) decodingMark(sha string) string {
	return filepath.Join(c.CacheDir(), "decoding", sha)
}

// guardDecode runs decode for the file at path (SHA-256 sha) with its
// mark in place, unless an earlier import left its mark: then it returns
// why it does not decode it.
func (c *Case) guardDecode(sha, path string, decode func()) (refused string) {
	mark := c.decodingMark(sha)
	if _, err := os.Stat(mark); err == nil {
		return fmt.Sprintf("no picture: an earlier import stopped while its decoder (ImageMagick, through libvips) read this file, "+
			"so it is not decoded again (delete %s to try again)", mark)
	}
	if err := os.MkdirAll(filepath.Dir(mark), 0o755); err == nil {
		if err := os.WriteFile(mark, []byte(path+"\n"), 0o644); err == nil {
			defer os.Remove(mark)
		}
	}
	decode()
	return ""
}
