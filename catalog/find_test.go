package catalog

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// An image is found by its id, a SHA-256 prefix, its path, or its file name
// alone when no other image has that name.
func TestFindImage(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	a := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")
	b := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0012.jpg")
	copyFile(t, a, filepath.Join(src, "day1/IMG_0001.JPG"))
	copyFile(t, b, filepath.Join(src, "day2/IMG_0001.JPG")) // same name, other bytes
	copyFile(t, b, filepath.Join(src, "day2/bakery.jpg"))   // the same bytes again
	c := openTestCase(t)
	ctx := context.Background()
	if _, err := c.Import(ctx, []string{src}, ImportOptions{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	first, err := c.FindImage(ctx, filepath.Join(src, "day1/IMG_0001.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.FindImage(ctx, filepath.Join(src, "day2/IMG_0001.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		ref     string
		want    int64  // 0: an error
		errWant string // in the error
	}{
		{"1", 1, ""},
		{first.SHA256[:8], first.ID, ""},
		{"bakery.jpg", second.ID, ""},
		{"IMG_0001.JPG", 0, "more than one image is named so"},
		{"img_0001.jpg", 0, "no image"},
		{"0001.JPG", 0, "no image"}, // a name, not the end of one
		{"nothing.jpg", 0, "no image"},
	}
	for _, tt := range tests {
		im, err := c.FindImage(ctx, tt.ref)
		switch {
		case tt.want != 0 && (err != nil || im.ID != tt.want):
			t.Errorf("FindImage(%q) = %v, %v; want image %d", tt.ref, im, err, tt.want)
		case tt.want == 0 && (err == nil || !strings.Contains(err.Error(), tt.errWant)):
			t.Errorf("FindImage(%q) error = %v; want one saying %q", tt.ref, err, tt.errWant)
		case tt.errWant == "no image" && !errors.Is(err, ErrNotFound):
			t.Errorf("FindImage(%q) error %v is not ErrNotFound", tt.ref, err)
		}
	}
}
