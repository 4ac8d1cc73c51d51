package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestMarkProvisional: the mark is a small triangle in the top-right
// corner; the rest of the thumbnail is untouched, and its size kept.
func TestMarkProvisional(t *testing.T) {
	black := image.NewUniform(color.Black)
	for _, size := range []image.Point{{256, 170}, {40, 30}, {170, 256}} {
		img := image.NewRGBA(image.Rectangle{Max: size})
		for y := range size.Y {
			for x := range size.X {
				img.Set(x, y, black.C)
			}
		}
		m := markProvisional(img)
		if m.Bounds().Size() != size {
			t.Errorf("%v: marked size %v", size, m.Bounds().Size())
		}
		if r, _, _, _ := m.At(size.X-1, 0).RGBA(); r < 0x8000 {
			t.Errorf("%v: top-right corner not marked", size)
		}
		for _, p := range []image.Point{{0, 0}, {0, size.Y - 1}, {size.X - 1, size.Y - 1}, {size.X / 2, size.Y / 2}} {
			if r, _, _, _ := m.At(p.X, p.Y).RGBA(); r != 0 {
				t.Errorf("%v: pixel %v changed", size, p)
			}
		}
	}
}

// TestLibraryShowsProvisionalThumbs: while an import makes the real
// thumbnails, the library's source gives the camera's embedded one,
// marked, and remembers it; once the import is done it gives the real one.
func TestLibraryShowsProvisionalThumbs(t *testing.T) {
	src := filepath.Join(apptest.CorpusDir(t), "exif-samples", "jpg", "Canon_40D.jpg")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.jpg"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Open(context.Background(), filepath.Join(t.TempDir(), "P.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := ui.NewSession(c)
	ctx := context.Background()
	sawFirst := false
	res, err := c.Import(ctx, []string{dir}, catalog.ImportOptions{FirstLook: func() {
		ims, err := c.Images(ctx, catalog.Filter{})
		if err != nil || len(ims) != 1 {
			t.Fatalf("first look: %d images, %v", len(ims), err)
		}
		src := newImageSource(s, ims, nil)
		img, err := src.Thumb(ctx, ims[0].ID)
		if err != nil || img == nil {
			t.Fatalf("first look: no thumbnail: %v", err)
		}
		if ids := src.provisionalIDs(); len(ids) != 1 || ids[0] != ims[0].ID {
			t.Errorf("first look: provisional ids %v", ids)
		}
		sawFirst = true
	}})
	if err != nil || res.Provisional != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if !sawFirst {
		t.Fatal("FirstLook never called")
	}
	ims, err := c.Images(ctx, catalog.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	after := newImageSource(s, ims, nil)
	if _, err := after.Thumb(ctx, ims[0].ID); err != nil {
		t.Fatal(err)
	}
	if ids := after.provisionalIDs(); len(ids) != 0 {
		t.Errorf("after the import: provisional ids %v", ids)
	}
}
