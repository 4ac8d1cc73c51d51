package annot

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

// Golden comparison tolerances, in the spirit of disintegration/imaging's
// resize tests: small per-channel differences (rounding, another CPU's
// float rounding in font rasterisation) are fine, visible changes are not.
const (
	goldenChannelDelta = 24     // a pixel differs when a channel moves more
	goldenMaxDiffering = 0.0001 // fraction of pixels allowed to differ
	goldenMaxMeanDelta = 0.5    // mean absolute channel difference allowed
)

// checkGolden compares got with testdata/name.png, or rewrites the file
// when the test runs with -update. On a mismatch it writes what it got
// next to the test's temporary files, to be looked at.
func checkGolden(t *testing.T, name string, got *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := writePNG(path, got); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open golden image (run with -update to create it): %v", err)
	}
	defer f.Close()
	wantImg, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	want := toRGBA(wantImg)
	if err := compareImages(got, want); err != nil {
		out := filepath.Join(os.TempDir(), "annot-golden-"+name+".png")
		_ = writePNG(out, got)
		t.Errorf("%s: %v (got written to %s)", path, err, out)
	}
}

// compareImages returns an error describing how a and b differ beyond
// the golden tolerances.
func compareImages(a, b *image.RGBA) error {
	if a.Bounds().Size() != b.Bounds().Size() {
		return fmt.Errorf("size %v, want %v", a.Bounds().Size(), b.Bounds().Size())
	}
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	differing, sum := 0, 0
	for y := range h {
		for x := range w {
			pa := a.Pix[a.PixOffset(x+a.Rect.Min.X, y+a.Rect.Min.Y):][:4]
			pb := b.Pix[b.PixOffset(x+b.Rect.Min.X, y+b.Rect.Min.Y):][:4]
			worst := 0
			for c := range 4 {
				d := int(pa[c]) - int(pb[c])
				if d < 0 {
					d = -d
				}
				sum += d
				worst = max(worst, d)
			}
			if worst > goldenChannelDelta {
				differing++
			}
		}
	}
	n := float64(w * h)
	if frac := float64(differing) / n; frac > goldenMaxDiffering {
		return fmt.Errorf("%d pixels (%.3f%%) differ by more than %d", differing, 100*frac, goldenChannelDelta)
	}
	if mean := float64(sum) / (4 * n); mean > goldenMaxMeanDelta {
		return fmt.Errorf("mean channel difference %.3f > %.3f", mean, goldenMaxMeanDelta)
	}
	return nil
}

func writePNG(path string, m image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
