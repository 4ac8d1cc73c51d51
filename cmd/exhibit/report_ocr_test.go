package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/assets"
	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// runSplit runs the command line with its standard output and error
// apart.
func runSplit(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd, cleanup := newRootCmd()
	defer cleanup()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err = cmd.Execute()
	return out.String(), errOut.String(), err
}

// scannedDenial writes a PDF whose only page is a scan (pdftoppm at 200
// DPI, put back as an image) of a printed denial, and the scan as JPEG at
// jpg (when not ""); skips without Tesseract or pdftoppm (fails in CI).
func scannedDenial(t testing.TB, path, jpg string) {
	t.Helper()
	if langs, err := ocr.Installed(context.Background(), ocr.Options{}); err != nil || !slices.Contains(langs, "eng") {
		testkit.Missing(t, "Tesseract with English (tesseract-ocr-eng) is not installed")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		testkit.Missing(t, "pdftoppm (poppler-utils) is not installed")
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.AddUTF8FontFromBytes("dejavu", "", assets.FontRegular)
	f.SetFont("dejavu", "", 12)
	f.SetMargins(72, 72, 72)
	f.AddPage()
	f.MultiCell(0, 16, "The ministry denies that its aircraft struck the bakery on Al-Nour street on 16 October.", "", "L", false)
	f.Ln(12)
	f.MultiCell(0, 16, "No sorties were flown over the district that morning.", "", "L", false)
	dir := t.TempDir()
	text := filepath.Join(dir, "text.pdf")
	if err := f.OutputFileAndClose(text); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "200", "-png", "-singlefile", text, filepath.Join(dir, "scan")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	if jpg != "" {
		if out, err := exec.Command("pdftoppm", "-r", "200", "-jpeg", "-singlefile", text, strings.TrimSuffix(jpg, ".jpg")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v: %s", err, out)
		}
	}
	s := fpdf.New("P", "pt", "Letter", "")
	s.AddPage()
	s.ImageOptions(filepath.Join(dir, "scan.png"), 0, 0, 612, 792, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	if err := s.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

func TestReportAddScan(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "C.exhibit")
	scan := filepath.Join(dir, "denial.pdf")
	scannedDenial(t, scan, "")

	out, stderr, err := runSplit(t, "--case", caseDir, "report", "add", scan, "--ocr-lang", "eng", "--json")
	if err != nil {
		t.Fatalf("report add of a scan: %v\n%s", err, stderr)
	}
	add := hasKeys(t, "report add", decode(t, out), "report", "excerpts", "ocr_pages", "ocr_langs", "ocr_confidence")
	if pages := add["ocr_pages"].([]any); len(pages) != 1 || pages[0] != float64(1) || add["ocr_langs"] != "eng" || add["ocr_confidence"].(float64) < 80 {
		t.Errorf("report add --json: %v", add)
	}
	if !strings.Contains(stderr, "OCR: page 1 read (1 of 1)") {
		t.Errorf("no progress on stderr: %q", stderr)
	}
	show := hasKeys(t, "report show", decode(t, mustRun(t, "--case", caseDir, "report", "show", "1", "--json")), "excerpts")
	var bakery string
	for _, e := range show["excerpts"].([]any) {
		m := hasKeys(t, "report show excerpt", e, "ocr", "ocr_confidence")
		if m["ocr"] != true || m["ocr_confidence"].(float64) < 50 {
			t.Errorf("excerpt read by OCR: %v", m)
		}
		if strings.Contains(m["text"].(string), "bakery") {
			bakery = jsonID(m["id"])
		}
	}
	if bakery == "" {
		t.Fatalf("no excerpt about the bakery: %v", show["excerpts"])
	}
	hits := decode(t, mustRun(t, "--case", caseDir, "search", "sorties", "--json")).([]any)
	if len(hits) != 1 || hasKeys(t, "search", hits[0], "ocr", "ocr_confidence")["ocr"] != true {
		t.Errorf("search of a scan's word: %v", hits)
	}
	text := mustRun(t, "--case", caseDir, "report", "show", "1")
	if !strings.Contains(text, "read by OCR, confidence") {
		t.Errorf("report show does not say which excerpts OCR read:\n%s", text)
	}

	// The excerpt highlighted on its scanned page, from its words' boxes.
	png := filepath.Join(dir, "p1.png")
	j := decode(t, mustRun(t, "--case", caseDir, "report", "page", "1", "1", "-o", png, "--excerpt", bakery, "--json")).(map[string]any)
	if j["highlighted"] != true || j["boxes"].(float64) < 10 {
		t.Errorf("report page of a scan: %v (want highlighted, a box a word)", j)
	}
}

func TestReportAddScanWithoutTesseract(t *testing.T) {
	dir := t.TempDir()
	scan := filepath.Join(dir, "denial.pdf")
	scannedDenial(t, scan, "")
	t.Setenv("PATH", t.TempDir())
	caseDir := filepath.Join(dir, "C.exhibit")
	_, _, err := runSplit(t, "--case", caseDir, "report", "add", scan)
	if err == nil || !strings.Contains(err.Error(), "tesseract (the OCR engine) is not installed") || !strings.Contains(err.Error(), "tesseract-ocr-ara") {
		t.Fatalf("error %v, want one saying Tesseract is missing and how to install it", err)
	}
	if ls := decode(t, mustRun(t, "--case", caseDir, "report", "ls", "--json")).([]any); len(ls) != 0 {
		t.Errorf("reports after the failed import: %v", ls)
	}
	if _, _, err := runSplit(t, "--case", caseDir, "report", "add", scan, "--no-ocr"); err == nil || !strings.Contains(err.Error(), "no text layer") {
		t.Errorf("--no-ocr: %v, want the scan refused for its missing text layer", err)
	}
}

func TestReportAddPicture(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "C.exhibit")
	jpg := filepath.Join(dir, "statement.jpg")
	scannedDenial(t, filepath.Join(dir, "denial.pdf"), jpg)
	out, _, err := runSplit(t, "--case", caseDir, "report", "add", jpg, "--ocr-lang", "eng")
	if err != nil || !strings.Contains(out, "read by OCR (eng): the picture") {
		t.Fatalf("report add of a JPEG: %v\n%s", err, out)
	}
	show := hasKeys(t, "report show", decode(t, mustRun(t, "--case", caseDir, "report", "show", "1", "--json")), "format", "excerpts")
	es := show["excerpts"].([]any)
	if show["format"] != "image" || len(es) == 0 {
		t.Fatalf("report show of a picture: %v", show)
	}
	e := es[0].(map[string]any)
	if e["ocr"] != true || e["page"] != nil {
		t.Errorf("excerpt of a picture: %v (want ocr, no page)", e)
	}
	png := filepath.Join(dir, "statement.png")
	j := decode(t, mustRun(t, "--case", caseDir, "report", "page", "1", "1", "-o", png, "--excerpt", jsonID(e["id"]), "--json")).(map[string]any)
	if j["highlighted"] != true || j["boxes"].(float64) < 5 || j["width"] != float64(1700) {
		t.Errorf("report page of a picture: %v (want highlighted, the picture's 1700 pixels wide)", j)
	}
	if _, err := run(t, "--case", caseDir, "report", "page", "1", "2", "-o", filepath.Join(dir, "p2.png")); err == nil || !strings.Contains(err.Error(), "no page 2") {
		t.Errorf("page 2 of a picture: %v", err)
	}
}
