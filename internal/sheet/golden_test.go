package sheet

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// Tolerances of the golden comparison: the mean difference per channel
// (0..255), and the share of pixels that differ by more than bigDiff in
// some channel.
const (
	maxMeanDiff = 1.5
	bigDiff     = 64
	maxBigShare = 0.005
)

func TestGoldenPages(t *testing.T) {
	needPoppler(t)
	docs := []struct {
		name   string
		sheets func() []Sheet
		opt    Options
	}{
		{"a4-pair-and-single", func() []Sheet { return []Sheet{pairSheet(1600, 1200), singleSheet(1200, 900)} }, Options{}},
		{"letter-landscape-pair", func() []Sheet { return []Sheet{pairSheet(1600, 1200)} }, Options{Paper: "Letter", Landscape: true}},
		{"a4-long", func() []Sheet { return []Sheet{longSheet(900, 1200)} }, Options{}},
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			opt := d.opt
			opt.Created, opt.Version, opt.CaseName = fixedTime, "1.0.0-test", "Raqqa 2017"
			path, _ := writePDF(t, d.sheets(), opt)
			dir := t.TempDir()
			run(t, "pdftoppm", "-r", "50", "-png", path, filepath.Join(dir, "page"))
			pages, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
			if err != nil || len(pages) == 0 {
				t.Fatalf("pdftoppm made no page: %v", err)
			}
			sort.Strings(pages)
			goldens, _ := filepath.Glob(filepath.Join("testdata", d.name+"-*.png"))
			if *update {
				for _, g := range goldens {
					os.Remove(g)
				}
				for i, p := range pages {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(goldenPath(d.name, i+1), b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			if len(goldens) != len(pages) {
				t.Fatalf("%d pages, the golden files have %d (run go test -update to accept)", len(pages), len(goldens))
			}
			for i, p := range pages {
				got, want := readPNG(t, p), readPNG(t, goldenPath(d.name, i+1))
				mean, big, err := compareImages(got, want)
				if err != nil {
					t.Errorf("page %d: %v", i+1, err)
					continue
				}
				if mean > maxMeanDiff || big > maxBigShare {
					out := filepath.Join(os.TempDir(), fmt.Sprintf("sheet-%s-%d.png", d.name, i+1))
					b, _ := os.ReadFile(p)
					os.WriteFile(out, b, 0o644)
					t.Errorf("page %d differs from its golden file: mean %.2f, %.2f%% of pixels far off (rendered page: %s)", i+1, mean, 100*big, out)
				}
			}
		})
	}
}

func goldenPath(name string, page int) string {
	return filepath.Join("testdata", fmt.Sprintf("%s-%d.png", name, page))
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return img
}

// compareImages returns the mean difference per channel of two images of
// the same size, and the share of pixels that differ by more than bigDiff.
func compareImages(a, b image.Image) (mean, bigShare float64, err error) {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 0, 0, fmt.Errorf("size %v, golden %v", a.Bounds().Size(), b.Bounds().Size())
	}
	ab, bb := a.Bounds(), b.Bounds()
	var sum float64
	var big int
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			worst := 0.0
			for _, d := range []float64{diff8(r1, r2), diff8(g1, g2), diff8(b1, b2)} {
				sum += d
				worst = max(worst, d)
			}
			if worst > bigDiff {
				big++
			}
		}
	}
	n := float64(ab.Dx() * ab.Dy())
	return sum / (3 * n), float64(big) / n, nil
}

func diff8(a, b uint32) float64 {
	d := float64(a>>8) - float64(b>>8)
	if d < 0 {
		return -d
	}
	return d
}

func TestCompareImagesSeesADifference(t *testing.T) {
	a := streetScene(200, 150, false)
	b := streetScene(200, 150, true)
	if mean, big, err := compareImages(a, a); err != nil || mean != 0 || big != 0 {
		t.Errorf("an image compared with itself: %v %v %v", mean, big, err)
	}
	if mean, big, err := compareImages(a, b); err != nil || (mean <= maxMeanDiff && big <= maxBigShare) {
		t.Errorf("the damaged street passes for the intact one: mean %v, big %v, err %v", mean, big, err)
	}
	if _, _, err := compareImages(a, streetScene(100, 150, false)); err == nil {
		t.Error("images of different sizes compared without error")
	}
}
