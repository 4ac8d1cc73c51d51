package catalog

import (
	"bytes"
	"context"
	"errors"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/catalog/ocr"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// statement is the text the test scans show, a paragraph an entry.
var statement = []string{
	"Statement of the Ministry of Defence, 20 October 2017.",
	"The ministry denies that its aircraft struck the market in the old town on the morning of 17 October. " +
		"No sorties were flown over the district between six and ten o'clock.",
	"Witnesses described two explosions near the mosque and the bakery; the damage to the northern wall " +
		"is visible in the satellite images taken three days later.",
}

// needOCR skips a test without Tesseract's English data or pdftoppm
// (fails in CI).
func needOCR(t testing.TB) {
	t.Helper()
	langs, err := ocr.Installed(context.Background(), ocr.Options{})
	if err != nil || !slices.Contains(langs, "eng") {
		testkit.Missing(t, "Tesseract with English (tesseract-ocr-eng) is not installed")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		testkit.Missing(t, "pdftoppm (poppler-utils) is not installed")
	}
}

// testPage is a page of a test PDF: text paragraphs, or a scan of them
// (printed, rendered by pdftoppm at 200 DPI and put back as an image).
type testPage struct {
	text []string
	scan bool
}

// newPDF starts a Letter PDF in DejaVu Sans 12 pt.
func newPDF(t testing.TB) *fpdf.Fpdf {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	font, err := os.ReadFile(filepath.Join("..", "assets", "fonts", "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetFont("dejavu", "", 12)
	f.SetMargins(72, 72, 72)
	return f
}

func pdfBytes(t testing.TB, f *fpdf.Fpdf) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// scanOf prints paras on a page and scans it: the PNG pdftoppm renders
// at 200 DPI.
func scanOf(t testing.TB, paras []string) []byte {
	t.Helper()
	f := newPDF(t)
	f.AddPage()
	for _, p := range paras {
		f.MultiCell(0, 16, p, "", "L", false)
		f.Ln(12)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "text.pdf")
	if err := os.WriteFile(in, pdfBytes(t, f), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "200", "-png", "-singlefile", in, filepath.Join(dir, "scan")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "scan.png"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writePDF writes a PDF of pages in dir.
func writePDF(t testing.TB, dir, name string, pages ...testPage) string {
	t.Helper()
	f := newPDF(t)
	for i, p := range pages {
		f.AddPage()
		if p.scan {
			img := "scan" + string(rune('a'+i))
			f.RegisterImageOptionsReader(img, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(scanOf(t, p.text)))
			f.ImageOptions(img, 0, 0, 612, 792, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
			continue
		}
		for _, s := range p.text {
			f.MultiCell(0, 16, s, "", "L", false)
			f.Ln(12)
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pdfBytes(t, f), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wordRecall is the share of want's words (lower case, punctuation
// trimmed) found in got.
func wordRecall(want, got string) float64 {
	split := func(s string) []string {
		var out []string
		for _, w := range strings.Fields(s) {
			if w = strings.ToLower(strings.TrimFunc(w, unicode.IsPunct)); w != "" {
				out = append(out, w)
			}
		}
		return out
	}
	have := map[string]int{}
	for _, w := range split(got) {
		have[w]++
	}
	ws, found := split(want), 0
	for _, w := range ws {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	return float64(found) / float64(max(1, len(ws)))
}

func excerptsText(es []*Excerpt) string {
	var s []string
	for _, e := range es {
		s = append(s, e.Text)
	}
	return strings.Join(s, "\n")
}

func TestAddReportScannedPDF(t *testing.T) {
	needOCR(t)
	ctx := context.Background()
	c := openTestCase(t)
	path := writePDF(t, t.TempDir(), "denial.pdf", testPage{text: statement, scan: true})
	var progress []OCRProgress
	res, err := c.AddReport(ctx, path, ReportOptions{OCR: OCROptions{Langs: "eng", Progress: func(p OCRProgress) { progress = append(progress, p) }}})
	if err != nil {
		t.Fatalf("a scanned PDF: %v", err)
	}
	if !slices.Equal(res.OCRPages, []int{1}) || res.OCRLangs != "eng" || res.OCRConfidence < 80 || len(progress) != 1 {
		t.Errorf("OCR pages %v in %q, confidence %.1f, progress %v; want page 1 in eng, ≥ 80, one report",
			res.OCRPages, res.OCRLangs, res.OCRConfidence, progress)
	}
	if res.Report.Format != "pdf" || res.Report.Pages != 1 {
		t.Errorf("format %q, %d pages; want pdf, 1", res.Report.Format, res.Report.Pages)
	}
	es, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := wordRecall(strings.Join(statement, " "), excerptsText(es)); r < 0.9 {
		t.Errorf("word recall %.3f, want ≥ 0.9:\n%s", r, excerptsText(es))
	}
	for i, e := range es {
		if !e.OCR || e.OCRConfidence < 50 || e.Page != 1 || e.PageEnd != 1 || e.Paragraph != i+1 {
			t.Errorf("excerpt %+v: want OCR, a confidence, page 1, paragraph %d", e, i+1)
		}
		boxes, err := c.ExcerptWordBoxes(ctx, e.ID)
		if err != nil || len(boxes) != len(strings.Fields(e.Text)) {
			t.Errorf("excerpt %d: %d word boxes (%v) for %d words", e.ID, len(boxes), err, len(strings.Fields(e.Text)))
		}
		for _, b := range boxes {
			if b.X0 < 0 || b.X1 > 612 || b.Y0 < 0 || b.Y1 > 792 || b.X1 <= b.X0 || b.Y1 <= b.Y0 {
				t.Errorf("excerpt %d: word box %+v is not on the Letter page", e.ID, b)
			}
		}
	}
	hits, err := c.Search(ctx, "sorties", 10)
	if err != nil || len(hits) != 1 || hits[0].Excerpt == nil || !hits[0].Excerpt.OCR {
		t.Errorf("search of a word read by OCR: %+v, %v", hits, err)
	}
	// The case is open: its last entries are signed by a checkpoint, made
	// here rather than waited for.
	if err := c.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if rep, err := c.VerifyChain(ctx); err != nil || !rep.OK() {
		t.Errorf("chain after an OCR import: %+v, %v", rep, err)
	}
}

func TestAddReportMixedPDFReadsOnlyItsScans(t *testing.T) {
	needOCR(t)
	ctx := context.Background()
	c := openTestCase(t)
	path := writePDF(t, t.TempDir(), "mixed.pdf",
		testPage{text: []string{"Covering letter of the ministry, with its text layer."}},
		testPage{text: statement, scan: true},
		testPage{text: []string{"Annex: the list of sorties flown that week."}})
	res, err := c.AddReport(ctx, path, ReportOptions{OCR: OCROptions{Langs: "eng"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.OCRPages, []int{2}) {
		t.Errorf("OCR pages %v, want [2]", res.OCRPages)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "run OCR") {
			t.Errorf("warning %q after OCR", w)
		}
	}
	es, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) < 3 {
		t.Fatalf("%d excerpts: %s", len(es), excerptsText(es))
	}
	first, last := es[0], es[len(es)-1]
	if first.OCR || first.Page != 1 || !strings.Contains(first.Text, "Covering letter") || last.OCR || last.Page != 3 {
		t.Errorf("first %+v, last %+v: want the text pages' excerpts, not OCR'd, around the scan", first, last)
	}
	for i, e := range es {
		if e.Paragraph != i+1 {
			t.Errorf("excerpt %d is paragraph %d, want %d", e.ID, e.Paragraph, i+1)
		}
		if e.OCR != (e.Page == 2) {
			t.Errorf("excerpt on page %d: OCR %v", e.Page, e.OCR)
		}
	}
	if r := wordRecall(strings.Join(statement, " "), excerptsText(es[1:len(es)-1])); r < 0.9 {
		t.Errorf("recall on the scanned page %.3f, want ≥ 0.9", r)
	}
}

func TestAddReportPictureOfADocument(t *testing.T) {
	needOCR(t)
	ctx := context.Background()
	c := openTestCase(t)
	img, err := png.Decode(bytes.NewReader(scanOf(t, statement)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "statement photo.jpg")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.AddReport(ctx, path, ReportOptions{OCR: OCROptions{Langs: "eng"}})
	if err != nil {
		t.Fatalf("a JPEG of a document: %v", err)
	}
	if res.Report.Format != "image" || res.Report.Title != "statement photo" || !slices.Equal(res.OCRPages, []int{1}) {
		t.Errorf("report %+v, OCR pages %v: want format image, titled by its file, page 1 read", res.Report, res.OCRPages)
	}
	es, err := c.Excerpts(ctx, res.Report.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if r := wordRecall(strings.Join(statement, " "), excerptsText(es)); r < 0.9 {
		t.Errorf("recall %.3f, want ≥ 0.9", r)
	}
	for _, e := range es {
		if !e.OCR || e.Page != 0 {
			t.Errorf("excerpt %+v: want OCR, no page", e)
		}
	}
	if _, err := c.AddReport(ctx, path, ReportOptions{}); err != nil {
		t.Errorf("the same picture again: %v", err)
	}
}

func TestAddReportWithoutTesseract(t *testing.T) {
	needOCR(t)
	ctx := context.Background()
	dir := t.TempDir()
	scanned := writePDF(t, dir, "scan.pdf", testPage{text: statement, scan: true})
	mixed := writePDF(t, dir, "mixed.pdf", testPage{text: []string{"A letter with its text layer."}}, testPage{text: statement, scan: true})
	photo := filepath.Join(dir, "photo.png")
	if err := os.WriteFile(photo, scanOf(t, statement[:1]), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir()) // no tesseract
	c := openTestCase(t)
	for _, p := range []string{scanned, photo} {
		_, err := c.AddReport(ctx, p, ReportOptions{})
		if !errors.Is(err, ocr.ErrNotInstalled) || !strings.Contains(err.Error(), "apt-get install tesseract-ocr") {
			t.Errorf("%s without Tesseract: error %v, want one saying Tesseract is missing and how to install it", filepath.Base(p), err)
		}
	}
	if rs, _ := c.Reports(ctx); len(rs) != 0 {
		t.Fatalf("%d reports stored after failed imports", len(rs))
	}
	res, err := c.AddReport(ctx, mixed, ReportOptions{})
	if err != nil {
		t.Fatalf("a PDF with text on one page, without Tesseract: %v", err)
	}
	if res.Excerpts != 1 || len(res.OCRPages) != 0 || len(res.Warnings) != 1 ||
		!strings.Contains(res.Warnings[0], "page 2 has no text layer and could not be read") {
		t.Errorf("%d excerpts, OCR pages %v, warnings %q: want the text page only, a warning naming page 2", res.Excerpts, res.OCRPages, res.Warnings)
	}
}

func TestAddReportOCROff(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	photo := filepath.Join(dir, "photo.jpg")
	testkit.WriteJPEGs(t, dir, "photo.jpg")
	c := openTestCase(t)
	_, err := c.AddReport(ctx, photo, ReportOptions{OCR: OCROptions{Off: true}})
	if err == nil || !strings.Contains(err.Error(), "OCR, which is turned off") {
		t.Errorf("a picture with OCR off: %v", err)
	}
}

func TestAddReportOCRCancelStoresNothing(t *testing.T) {
	needOCR(t)
	c := openTestCase(t)
	path := writePDF(t, t.TempDir(), "two scans.pdf", testPage{text: statement, scan: true}, testPage{text: statement[1:], scan: true})
	before, err := c.Audit(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var pages []int
	_, err = c.AddReport(ctx, path, ReportOptions{OCR: OCROptions{Langs: "eng", Progress: func(p OCRProgress) {
		pages = append(pages, p.Page)
		cancel() // Ctrl-C after the first page
	}}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !slices.Equal(pages, []int{1}) {
		t.Errorf("pages read %v, want [1]", pages)
	}
	rs, _ := c.Reports(context.Background())
	after, _ := c.Audit(context.Background(), "")
	if len(rs) != 0 || len(after) != len(before) {
		t.Errorf("after a cancelled import: %d reports, %d audit entries (%d before)", len(rs), len(after), len(before))
	}
}

// A case made before OCR (schema 9) is migrated: its excerpts are not
// OCR'd, and its chain still verifies.
func TestMigrateToOCRColumns(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Old.exhibit")
	c, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddReport(ctx, writeReport(t, t.TempDir(), "r.md", reportV1), ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	c.Close()
	tamper(t, dir, `ALTER TABLE excerpts DROP COLUMN ocr`, `ALTER TABLE excerpts DROP COLUMN ocr_confidence`,
		`ALTER TABLE excerpts DROP COLUMN ocr_boxes`, `DROP TABLE excerpt_boxes`, `DROP INDEX excerpts_current`, // 0012
		`DROP TABLE on_hub`, `DROP TABLE audit_data`, `DROP TABLE conflicts`, // 0011, team cases
		`PRAGMA user_version = 9`)
	rep := verifyChainOf(t, dir)
	if !rep.OK() {
		t.Fatalf("migrated case: %s", problemsText(rep))
	}
	c, err = Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	es, err := c.Excerpts(ctx, 1, false)
	if err != nil || len(es) == 0 {
		t.Fatalf("excerpts after migration: %v", err)
	}
	for _, e := range es {
		if e.OCR || e.OCRConfidence != 0 {
			t.Errorf("excerpt %d: OCR %v %.1f after migration", e.ID, e.OCR, e.OCRConfidence)
		}
	}
	entries, _ := c.Audit(ctx, "")
	if last := entries[len(entries)-1]; last.Action != "schema.migrate" {
		t.Errorf("last entry %q, want schema.migrate", last.Action)
	}
}
