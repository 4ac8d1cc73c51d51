package export

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// largeJPEG encodes a w×h picture (a gradient crossed by stripes, with
// some noise) as a camera might, once per size for the whole run.
var largeJPEGs = map[[2]int][]byte{}

func largeJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	if b, ok := largeJPEGs[[2]int{w, h}]; ok {
		return b
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 28)
			stripe := uint8(0)
			if (x/97+y/61)%2 == 0 {
				stripe = 60
			}
			img.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*180/h) + stripe, 90 + n, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 88}); err != nil {
		t.Fatal(err)
	}
	largeJPEGs[[2]int{w, h}] = buf.Bytes()
	return buf.Bytes()
}

// variant returns a JPEG with the same pixels and other bytes (a comment
// after the start marker): another original for the catalog.
func variant(b []byte, k int) []byte {
	com := []byte(fmt.Sprintf("copy %d", k))
	seg := append([]byte{0xFF, 0xFE, 0, byte(len(com) + 2)}, com...)
	out := append([]byte{}, b[:2]...)
	out = append(out, seg...)
	return append(out, b[2:]...)
}

// truncatedJPEG is a JPEG cut just after its header: cataloged with a
// warning, nothing of its picture can be decoded.
func truncatedJPEG(t testing.TB) []byte {
	t.Helper()
	b := largeJPEG(t, 400, 300)
	i := bytes.Index(b, []byte{0xFF, 0xDA})
	if i < 0 {
		t.Fatal("no start of scan")
	}
	n := int(b[i+2])<<8 | int(b[i+3])
	return append([]byte{}, b[:i+2+n+10]...)
}

// newCase makes a case of the files (name → bytes), imported, and
// returns it with the images by file name.
func newCase(t testing.TB, files map[string][]byte) (*catalog.Case, map[string]*catalog.Image) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	src := filepath.Join(dir, "evidence")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := catalog.Open(ctx, filepath.Join(dir, "Case.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if _, err := c.Import(ctx, []string{src}, catalog.ImportOptions{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	ims, err := c.Images(ctx, catalog.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*catalog.Image{}
	for _, im := range ims {
		byName[fileName(im)] = im
	}
	if len(byName) != len(files) {
		t.Fatalf("%d images cataloged of %d files", len(byName), len(files))
	}
	return c, byName
}

// pageText is the text pdftotext reads on page n.
func pageText(t *testing.T, path string, n int) string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext page %d: %v", n, err)
	}
	return string(b)
}

// TestImageSheetsPrintFromOriginals exports single-image sheets of a
// 4000×3000 photo, a JPEG cut after its header and (when the corpus is
// there) an iPhone HEIC, decoded by libheif. The export succeeds; the
// photo's page states the original's size, and pdfimages finds the image
// embedded at the size and resolution the text states; the HEIC is
// printed too; the cut JPEG's page holds a placeholder that says why, with
// the image's SHA-256; the result and the export's record list it.
func TestImageSheetsPrintFromOriginals(t *testing.T) {
	need(t, "pdftotext", "pdfimages", "pdfinfo")
	files := map[string][]byte{"large.jpg": largeJPEG(t, 4000, 3000), "cut.jpg": truncatedJPEG(t)}
	heic := filepath.Join("..", "..", "..", "shared", "corpus", "exif-samples", "heic", "IMG_5195.HEIC")
	if b, err := os.ReadFile(heic); err == nil {
		files["IMG_5195.HEIC"] = b
	} else {
		t.Logf("the corpus HEIC is not there (%v): tested with the cut JPEG only", err)
	}
	c, ims := newCase(t, files)
	ctx := context.Background()
	var ids []int64
	for _, name := range []string{"large.jpg", "cut.jpg", "IMG_5195.HEIC"} {
		if im := ims[name]; im != nil {
			ids = append(ids, im.ID)
		}
	}
	out := filepath.Join(t.TempDir(), "sheets.pdf")
	res, err := ExportSheets(ctx, c, Target{Images: ids}, out, sheet.Options{}, nil)
	if err != nil {
		t.Fatalf("the export failed: %v", err)
	}
	if info, _ := exec.Command("pdfinfo", out).Output(); !strings.Contains(string(info), fmt.Sprintf("Pages:           %d\n", len(ids))) {
		t.Errorf("want one page per sheet (%d):\n%s", len(ids), info)
	}
	// The photo: its original's size stated, the embedded image as stated.
	large := pageText(t, out, 1)
	m := regexp.MustCompile(`(\d+) × (\d+) px at (\d+) dpi, reduced from the original of 4000 × 3000 px`).FindStringSubmatch(strings.Join(strings.Fields(large), " "))
	if m == nil || strings.Contains(large, "1600 ×") {
		t.Fatalf("page 1 does not state the original's size (4000 × 3000 px):\n%s", large)
	}
	list, err := exec.Command("pdfimages", "-list", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\s+(\d+)\s+\d+\s+image\s+(\d+)\s+(\d+).*\s(\d+)\s+(\d+)\s+\S+\s+\S+$`).FindAllStringSubmatch(string(list), -1)
	wantRows := 1
	if ims["IMG_5195.HEIC"] != nil {
		wantRows = 2 // the HEIC, printed on page 3
	}
	if len(rows) != wantRows || rows[0][1] != "1" || rows[0][2] != m[1] || rows[0][3] != m[2] || (wantRows == 2 && rows[1][1] != "3") {
		t.Fatalf("pdfimages does not find the photo embedded at %s × %s px on page 1 (and the HEIC on page 3, nothing else):\n%s", m[1], m[2], list)
	}
	if ppi, dpi := atoi(rows[0][4]), atoi(m[3]); ppi < dpi-1 || ppi > dpi+1 {
		t.Errorf("embedded at %d ppi, the caption says %d dpi", ppi, dpi)
	}
	// The others: a placeholder saying why, with the hash.
	if len(res.Unprinted) != 1 {
		t.Fatalf("%d images reported unprinted, want 1 (the cut JPEG): %+v", len(res.Unprinted), res.Unprinted)
	}
	for i, u := range res.Unprinted {
		im, _ := c.Image(ctx, u.ImageID)
		if u.Sheet != i+2 || u.ImageID != ids[i+1] || u.SHA256 != im.SHA256 || u.Reason == "" {
			t.Errorf("unprinted %+v: want sheet %d, image %d, its SHA-256 and why", u, i+2, ids[i+1])
		}
		text := strings.Join(strings.Fields(pageText(t, out, u.Sheet)), " ")
		for _, want := range []string{"Image not printed", im.SHA256, "not printed: " + strings.Fields(u.Reason)[0], fmt.Sprintf("Image %d", im.ID)} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q:\n%s", u.Sheet, want, text)
			}
		}
	}
	if !strings.Contains(res.Unprinted[0].Reason, "nothing of its picture could be decoded") {
		t.Errorf("the cut JPEG's reason: %q", res.Unprinted[0].Reason)
	}
	es, _ := c.Audit(ctx, "")
	if last := es[len(es)-1]; last.Action != "export.sheet" || !strings.Contains(last.Details, "unprinted") || !strings.Contains(last.Details, res.Unprinted[0].SHA256) {
		t.Errorf("the export's record does not name the unprinted images: %s %s", last.Action, last.Details)
	}
}
