package demo

import (
	"bytes"
	"crypto/sha256"
	hexenc "encoding/hex"
	"image"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The sample is generated once for all tests (it takes a few seconds).
var (
	genOnce   sync.Once
	genDir    string
	genImages []File
	genRep    []string
	genErr    error
)

func generated(t *testing.T) (string, []File, []string) {
	t.Helper()
	genOnce.Do(func() {
		genDir, genErr = os.MkdirTemp("", "exhibit-demo-")
		if genErr == nil {
			genImages, genRep, genErr = Generate(genDir)
		}
	})
	if genErr != nil {
		t.Fatalf("Generate: %v", genErr)
	}
	return genDir, genImages, genRep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if genDir != "" {
		os.RemoveAll(genDir)
	}
	os.Exit(code)
}

func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hexenc.EncodeToString(s[:])
}

func TestGenerateIsDeterministic(t *testing.T) {
	_, images, reports := generated(t)
	dir2 := t.TempDir()
	images2, reports2, err := Generate(dir2)
	if err != nil {
		t.Fatal(err)
	}
	if len(images2) != len(images) || len(reports2) != len(reports) {
		t.Fatalf("second run wrote %d images and %d reports, first %d and %d", len(images2), len(reports2), len(images), len(reports))
	}
	for i := range images {
		if a, b := sha(t, images[i].Path), sha(t, images2[i].Path); a != b {
			t.Errorf("%s: SHA-256 %s then %s", filepath.Base(images[i].Path), a, b)
		}
		if images[i].Role != images2[i].Role || !images[i].TakenAt.Equal(images2[i].TakenAt) || images[i].Lat != images2[i].Lat {
			t.Errorf("%s: described differently: %+v then %+v", images[i].Role, images[i], images2[i])
		}
	}
	for i := range reports {
		if a, b := sha(t, reports[i]), sha(t, reports2[i]); a != b {
			t.Errorf("%s: SHA-256 %s then %s", filepath.Base(reports[i]), a, b)
		}
	}
}

func TestImagesDecodeWithTheirSizes(t *testing.T) {
	_, images, _ := generated(t)
	if len(images) < 10 || len(images) > 14 {
		t.Errorf("%d images, want 10 to 14", len(images))
	}
	roles := map[string]bool{}
	portrait := 0
	for _, f := range images {
		if roles[f.Role] {
			t.Errorf("role %q used twice", f.Role)
		}
		roles[f.Role] = true
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		im, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", f.Role, err)
			continue
		}
		b := im.Bounds()
		if b.Dx() != f.Width || b.Dy() != f.Height {
			t.Errorf("%s: decoded %dx%d, File says %dx%d", f.Role, b.Dx(), b.Dy(), f.Width, f.Height)
		}
		long := max(b.Dx(), b.Dy())
		if long < 2000 || long > 3000 {
			t.Errorf("%s: long side %d, want 2000..3000", f.Role, long)
		}
		if f.Orientation == 6 {
			portrait++
			if b.Dx() <= b.Dy() {
				t.Errorf("%s: orientation 6 but stored %dx%d is not on its side", f.Role, b.Dx(), b.Dy())
			}
		}
		if !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF, 0xE1}) {
			t.Errorf("%s: does not start with SOI and APP1", f.Role)
		}
		// A rendered picture is not flat: its pixels vary.
		if sd := lumaSpread(im); sd < 20 {
			t.Errorf("%s: luma standard deviation %.1f, looks flat", f.Role, sd)
		}
	}
	if portrait != 1 {
		t.Errorf("%d pictures with orientation 6, want 1", portrait)
	}
	for _, r := range []string{"street-before", "street-after", "satellite-before", "satellite-after"} {
		if !roles[r] {
			t.Errorf("no %s picture", r)
		}
	}
}

func lumaSpread(im image.Image) float64 {
	y, ok := im.(*image.YCbCr)
	if !ok {
		return 0
	}
	var s, s2, n float64
	for i := 0; i < len(y.Y); i += 97 {
		v := float64(y.Y[i])
		s += v
		s2 += v * v
		n++
	}
	m := s / n
	return math.Sqrt(max(0, s2/n-m*m))
}

func TestCaptureTimesAroundTheStrike(t *testing.T) {
	_, images, _ := generated(t)
	strike := at(14, 23, 0, 0)
	for _, f := range images {
		after := strings.Contains(f.Role, "after") || strings.HasPrefix(f.Role, "witness") && !strings.Contains(f.Role, "before")
		if after != f.TakenAt.After(strike) {
			t.Errorf("%s taken %v: on the wrong side of the strike", f.Role, f.TakenAt)
		}
		if d := f.TakenAt.Sub(strike).Hours(); d < -24*7 || d > 24*7 {
			t.Errorf("%s taken %v: more than a week from the strike", f.Role, f.TakenAt)
		}
		if _, off := f.TakenAt.Zone(); off != 3*3600 {
			t.Errorf("%s: zone offset %d, want +03:00", f.Role, off)
		}
	}
}

func TestReportFiles(t *testing.T) {
	_, _, reports := generated(t)
	if len(reports) != 2 {
		t.Fatalf("reports %v, want Markdown and HTML", reports)
	}
	md, err := os.ReadFile(reports[0])
	if err != nil {
		t.Fatal(err)
	}
	if string(md) != Report() {
		t.Error("the Markdown file differs from Report()")
	}
	h, err := os.ReadFile(reports[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>", "<h2>Witness accounts</h2>", "<strong>FICTIONAL SAMPLE DATA.</strong>", "تشرين الأول", "<meta charset=\"utf-8\">"} {
		if !bytes.Contains(h, []byte(want)) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}
