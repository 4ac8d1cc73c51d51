package catalog

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// TestFileTags reads the tags of an imported image from its original, and
// refuses an original whose bytes changed.
func TestFileTags(t *testing.T) {
	corpus := corpusDir(t)
	ctx := context.Background()
	src := t.TempDir()
	a := filepath.Join(src, "a.jpg")
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), a)
	c := openTestCase(t)
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	im, err := c.FindImage(ctx, "a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	tags, path, err := c.FileTags(ctx, im)
	if err != nil {
		t.Fatal(err)
	}
	if path != a {
		t.Errorf("read from %s, want %s", path, a)
	}
	want := map[string]string{"IFD0:Make": "NIKON", "GPS:GPSLatitudeRef": "N", "ExifIFD:ExifVersion": "0220"}
	for _, tg := range tags {
		if w, ok := want[tg.Group+":"+tg.Name]; ok {
			if tg.Value != w {
				t.Errorf("%s:%s = %q, want %q", tg.Group, tg.Name, tg.Value, w)
			}
			delete(want, tg.Group+":"+tg.Name)
		}
	}
	if len(want) > 0 {
		t.Errorf("not listed: %v", want)
	}
	flipByte(t, a, 100)
	if _, _, err := c.FileTags(ctx, im); !errors.Is(err, ErrChanged) {
		t.Errorf("FileTags of a changed original: %v, want ErrChanged", err)
	}
}
