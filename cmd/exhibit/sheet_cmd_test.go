package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSheetReportsUnprintedImages: `sheet --image` of a photo, a JPEG cut
// after its header (cataloged with a warning) and a HEIC (cataloged
// without pixels) succeeds; the pages of the two hold a placeholder with
// their SHA-256, and the command names them, in its text and in --json.
func TestSheetReportsUnprintedImages(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skipf("pdftotext is not installed (Debian poppler-utils): %v", err)
	}
	corpus := corpusDir(t)
	src := t.TempDir()
	photo, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	sos := bytes.LastIndex(photo, []byte{0xFF, 0xDA}) // the main picture's (the EXIF thumbnail's comes first)
	cut := photo[:sos+2+(int(photo[sos+2])<<8|int(photo[sos+3]))+10]
	// Its EXIF alone, no picture: cataloged with its metadata, no pixels.
	app1 := 4 + (int(photo[4])<<8 | int(photo[5]))
	exifOnly := append(append([]byte{}, photo[:app1]...), 0xFF, 0xD9)
	for name, b := range map[string][]byte{"a-photo.jpg": photo, "b-cut.jpg": cut, "c-exif-only.jpg": exifOnly} {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "S.exhibit")
	mustRun(t, "--case", dir, "import", src)
	ls := decode(t, mustRun(t, "--case", dir, "ls", "--json", "--sort", "name")).([]any)
	var ids []string
	sums := map[string]string{}
	for _, v := range ls {
		im := v.(map[string]any)
		id := strconv.Itoa(int(im["id"].(float64)))
		ids = append(ids, id)
		sums[id] = im["sha256"].(string)
	}
	if len(ids) != 3 {
		t.Fatalf("%d images cataloged, want 3", len(ids))
	}
	out := filepath.Join(t.TempDir(), "sheets.pdf")
	text := mustRun(t, append([]string{"--case", dir, "sheet", "--image", "-o", out}, ids...)...)
	for _, id := range ids[1:] {
		if !strings.Contains(text, "image "+id+" (") || !strings.Contains(text, sums[id]) {
			t.Errorf("the output does not name image %d as printed as a placeholder:\n%s", atoiT(id), text)
		}
	}
	j := hasKeys(t, "sheet --json", decode(t, mustRun(t, append([]string{"--case", dir, "sheet", "--json", "--force", "--image", "-o", out}, ids...)...)),
		"kind", "path", "sha256", "export_id", "sheets", "unprinted")
	un := j["unprinted"].([]any)
	if j["sheets"].(float64) != 3 || len(un) != 2 {
		t.Fatalf("--json: %v", j)
	}
	for i, v := range un {
		u := hasKeys(t, "unprinted", v, "sheet", "image", "sha256", "file", "reason")
		id := ids[i+1]
		if strconv.Itoa(int(u["image"].(float64))) != id || u["sha256"] != sums[id] || u["sheet"].(float64) != float64(i+2) || u["reason"] == "" {
			t.Errorf("unprinted %v: want image %s, sheet %d, its SHA-256 and why", u, id, i+2)
		}
		page, err := exec.Command("pdftotext", "-f", strconv.Itoa(i+2), "-l", strconv.Itoa(i+2), out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if p := string(page); !strings.Contains(p, "Image not printed") || !strings.Contains(p, sums[id]) {
			t.Errorf("page %d has no placeholder with the SHA-256 of image %s:\n%s", i+2, id, p)
		}
	}
}

func atoiT(s string) int { n, _ := strconv.Atoi(s); return n }
