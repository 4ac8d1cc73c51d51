package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// copyCorpus copies corpus JPEGs into a new folder, named as given.
func copyCorpus(t *testing.T, names map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for to, from := range names {
		data, err := os.ReadFile(filepath.Join(apptest.CorpusDir(t), "exif-samples", "jpg", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLibraryShowsArrivals: while an import reads and hashes its files,
// the library shows them after the case's images, by the previews their
// cameras embedded, marked, captioned as being imported and counted so.
// A file cataloged already at its path is shown once. Nothing can be done
// with one yet: it is never selected for Review, tags or sheets, and
// opening it says why. A filter shows none (nothing is known to filter
// by); once the import has cataloged them they are gone.
func TestLibraryShowsArrivals(t *testing.T) {
	ctx := context.Background()
	c, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "A.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	old := copyCorpus(t, map[string]string{"a.jpg": "Canon_40D.jpg"})
	if _, err := c.Import(ctx, []string{old}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The glimpses of a real import, stopped before it reads a byte more.
	fresh := copyCorpus(t, map[string]string{"b.jpg": "Nikon_D70.jpg"})
	stop, cancel := context.WithCancel(ctx)
	var gs []catalog.Glimpse
	_, err = c.Import(stop, []string{fresh}, catalog.ImportOptions{Glimpses: func(g []catalog.Glimpse) { gs = g; cancel() }})
	if !errors.Is(err, context.Canceled) || len(gs) != 1 || gs[0].Preview == nil {
		t.Fatalf("import stopped at its glimpses: %v, %+v", err, gs)
	}
	gs = append(gs, catalog.Glimpse{Path: filepath.Join(old, "a.jpg")}) // cataloged already

	tw := newTestWindow(t, c)
	l := tw.library()
	tw.sess.SetArriving(gs)
	l.Reload()
	tw.waitLibrary(t)
	if n := l.src.Len(); n != 2 {
		t.Fatalf("the grid shows %d items; want the image and the one file arriving", n)
	}
	imageID, arrID := l.src.ID(0), l.src.ID(1)
	if imageID <= 0 || arrID >= 0 {
		t.Fatalf("ids %d, %d: want the image's, then a negative one", imageID, arrID)
	}
	if got := l.src.Caption(1); got != "Importing…  b.jpg" {
		t.Errorf("caption of the file arriving = %q", got)
	}
	if got := l.count.Text; got != "1 image · 1 being imported" {
		t.Errorf("count = %q", got)
	}
	img, err := l.src.Thumb(ctx, arrID)
	if err != nil || img == nil {
		t.Fatalf("thumbnail of the file arriving: %v", err)
	}
	b := img.Bounds()
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(gs[0].Preview)); err != nil || b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		t.Errorf("thumbnail of the file arriving is %v; want the camera's preview, %d×%d (%v)", b, cfg.Width, cfg.Height, err)
	}
	if r, g, bl, _ := img.At(b.Max.X-1, b.Min.Y).RGBA(); r < 0xC000 || g < 0xC000 || bl < 0xC000 {
		t.Error("the file arriving's thumbnail has no provisional mark")
	}

	l.grid.SelectAll()
	if sel := l.Selected(); len(sel) != 1 || sel[0] != imageID {
		t.Errorf("selected with everything in the grid = %v; want only the image %d", sel, imageID)
	}
	if l.pair.Disabled() == false {
		t.Error("Make a pair is offered for an image and a file arriving")
	}
	l.activated(arrID)
	if len(tw.Shown) != 0 {
		t.Errorf("opening a file arriving showed %v", tw.Shown)
	}
	if !strings.Contains(l.selInfo.Text, "b.jpg is being imported") {
		t.Errorf("opening a file arriving says %q", l.selInfo.Text)
	}

	d, err := fetchLibrary(ctx, tw.sess, libraryQuery{text: "Canon"}, false)
	if err != nil || d.src.Len() != 1 {
		t.Errorf("filtered: %d shown (%v); want the one image matching", d.src.Len(), err)
	}

	tw.sess.SetArriving(nil)
	l.Reload()
	tw.waitLibrary(t)
	if n := l.src.Len(); n != 1 || l.count.Text != "1 image" {
		t.Errorf("after the import: %d shown, %q", n, l.count.Text)
	}
}
