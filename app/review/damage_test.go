package review

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/catalog"
)

// A JPEG cut short is reviewed with a warning that it is damaged, naming
// the damage; an image decoded whole has none.
func TestReviewSaysAFileIsDamaged(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	img := image.NewRGBA(image.Rect(0, 0, 640, 480))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 13)
	}
	img.Set(0, 0, color.RGBA{1, 2, 3, 255})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.jpg")
	if err := os.WriteFile(path, b.Bytes()[:b.Len()*6/10], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(ctx, []string{dir}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	cut, err := c.FindImage(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	tw := newTestWindow(t, c)
	r := openReview(t, tw, slices.Index(tw.ids, cut.ID))
	if !r.damage.Visible() || !strings.Contains(r.damage.Text, "damaged") || !strings.Contains(r.damage.Text, cut.Damage()) || cut.Damage() == "" {
		t.Errorf("a file cut short reviewed with the warning %q (shown %v); its damage %q", r.damage.Text, r.damage.Visible(), cut.Damage())
	}
	r = openReview(t, tw, 0)
	if r.im.ID == cut.ID || r.damage.Visible() {
		t.Errorf("image %d, decoded whole, reviewed with the warning %q", r.im.ID, r.damage.Text)
	}
}
