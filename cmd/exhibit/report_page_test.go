package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/assets"
)

// reportPDF writes a two-page PDF report (US Letter, DejaVu Sans 12 pt):
// page 1 has a heading and a paragraph about a bakery.
func reportPDF(t *testing.T, path string) {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddUTF8FontFromBytes("dejavu", "", assets.FontRegular)
	f.SetFont("dejavu", "", 12)
	f.AddPage()
	f.Text(72, 100, "Field report")
	for i, l := range []string{"The bakery on Al-Nour street was struck", "in the morning of 16 October; its roof", "collapsed and the ovens were destroyed."} {
		f.Text(72, 140+float64(i)*14, l)
	}
	f.AddPage()
	f.Text(72, 100, "A second page, about the school by the river.")
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

func TestReportPage(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "C.exhibit")
	rep := filepath.Join(dir, "report.pdf")
	reportPDF(t, rep)
	mustRun(t, "--case", caseDir, "report", "add", rep)
	show := hasKeys(t, "report show", decode(t, mustRun(t, "--case", caseDir, "report", "show", "1", "--json")), "excerpts")
	var bakery, school string
	for _, e := range show["excerpts"].([]any) {
		m := e.(map[string]any)
		id := jsonID(m["id"])
		switch text := m["text"].(string); {
		case strings.Contains(text, "bakery"):
			bakery = id
		case strings.Contains(text, "school"):
			school = id
		}
	}
	if bakery == "" || school == "" {
		t.Fatalf("no excerpts about the bakery and the school: %v", show["excerpts"])
	}

	out := filepath.Join(dir, "page1.png")
	j := hasKeys(t, "report page", decode(t, mustRun(t, "--case", caseDir, "report", "page", "1", "1", "-o", out, "--excerpt", bakery, "--json")),
		"path", "sha256", "report", "page", "excerpt", "highlighted", "boxes")
	if j["highlighted"] != true || j["boxes"] != float64(21) || j["page"] != float64(1) {
		t.Errorf("report page --json: %v (want highlighted, 21 word boxes)", j)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != j["sha256"] {
		t.Errorf("sha256 %v is not the file's", j["sha256"])
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w < 1000 {
		t.Errorf("%d pixels wide, want at least 1000", w)
	}
	// Yellow where the paragraph stands (at 150 DPI: 72 pt is 150 px),
	// white elsewhere.
	yellow := func(x, y int) bool {
		r, g, b, _ := img.At(x, y).RGBA()
		return r > 0xf000 && g > 0xd000 && b < 0x8000
	}
	if !yellow(151, 140*150/72+2) || yellow(151, 400*150/72) {
		t.Errorf("no highlight under the paragraph, or one elsewhere")
	}
	exports := mustRun(t, "--case", caseDir, "exports")
	if !strings.Contains(exports, "report-page") {
		t.Errorf("exports do not list a report-page:\n%s", exports)
	}
	mustRun(t, "--case", caseDir, "verify", out)

	errs := []struct {
		name string
		args []string
		want string
	}{
		{"no --force", []string{"report", "page", "1", "1", "-o", out}, "--force"},
		{"no such page", []string{"report", "page", "1", "3", "-o", filepath.Join(dir, "p3.png")}, "there is no page 3"},
		{"excerpt on another page", []string{"report", "page", "1", "1", "-o", filepath.Join(dir, "x.png"), "--excerpt", school}, "is on page 2, not on page 1"},
		{"over the report", []string{"report", "page", "1", "1", "-o", rep, "--force"}, "report"},
		{"not a page", []string{"report", "page", "1", "one", "-o", filepath.Join(dir, "y.png")}, "not a page number"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			outText, err := run(t, append([]string{"--case", caseDir}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%v (%s), want an error saying %q", err, outText, tt.want)
			}
		})
	}
	mustRun(t, "--case", caseDir, "report", "page", "1", "2", "-o", out, "--force", "--dpi", "72")

	// A report whose file changed is refused; a text report has no pages.
	if err := os.WriteFile(rep, append(b[:0:0], "%PDF-1.4 changed"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "--case", caseDir, "report", "page", "1", "1", "-o", filepath.Join(dir, "c.png")); err == nil || !strings.Contains(err.Error(), "changed since it was imported") {
		t.Errorf("changed report: %v", err)
	}
	txt := filepath.Join(dir, "notes.txt")
	os.WriteFile(txt, []byte("Notes.\n\nThe bakery burned.\n"), 0o644)
	mustRun(t, "--case", caseDir, "report", "add", txt)
	if _, err := run(t, "--case", caseDir, "report", "page", "2", "1", "-o", filepath.Join(dir, "t.png")); err == nil || !strings.Contains(err.Error(), "no pages") {
		t.Errorf("text report: %v", err)
	}
}

// jsonID is a JSON number (an id) as a command-line argument.
func jsonID(v any) string {
	f, _ := v.(float64)
	return strconv.FormatInt(int64(f), 10)
}
