package apptest

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestSmallJPEGMetadata checks the generated photos' EXIF reads back.
func TestSmallJPEGMetadata(t *testing.T) {
	dir := t.TempDir()
	files := filepath.Join(dir, "files")
	os.MkdirAll(files, 0o755)
	for i := range 4 {
		os.WriteFile(filepath.Join(files, fmt.Sprintf("IMG_%d.jpg", i)), SmallJPEG(t, i), 0o644)
	}
	c, err := catalog.Open(context.Background(), filepath.Join(dir, "T.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Import(context.Background(), []string{files}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ims, _ := c.Images(context.Background(), catalog.Filter{Sort: catalog.SortName})
	if len(ims) != 4 {
		t.Fatalf("%d images", len(ims))
	}
	im := ims[1]
	if im.Make != "Apple" || im.Model != "iPhone 6" || im.TakenAt == nil || im.TakenAt.Format("2006-01-02 15:04") != "2017-06-01 08:07" {
		t.Errorf("image 1: %q %q %v", im.Make, im.Model, im.TakenAt)
	}
	if !im.HasGPS() || math.Abs(*im.Lat-35.9501) > 1e-4 || ims[0].HasGPS() {
		t.Errorf("GPS: %v %v (image 0 %v)", im.Lat, im.Lon, ims[0].HasGPS())
	}
}
