package ocr

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// testEngine renders the tests' PDFs.
var testEngine = pdfengine.New(pdfengine.Options{})

func TestMain(m *testing.M) {
	code := m.Run()
	testEngine.Close()
	os.Exit(code)
}

// needTesseract skips a test without Tesseract and its English and
// Arabic data (fails in CI).
func needTesseract(t testing.TB) {
	t.Helper()
	langs, err := Installed(context.Background(), Options{})
	if err != nil {
		testkit.Missing(t, err.Error())
	}
	for _, l := range []string{"eng", "ara"} {
		if !strings.Contains(strings.Join(langs, " "), l) {
			testkit.Missing(t, "Tesseract has no "+l+" data (tesseract-ocr-"+l+")")
		}
	}
}

// englishText is the statement the English scans show.
var englishText = []string{
	"Statement of the Ministry of Defence, 20 October 2017.",
	"The ministry denies that its aircraft struck the market in the old town on the morning of 17 October. " +
		"No sorties were flown over the district between six and ten o'clock, according to the flight logs " +
		"reviewed by the committee.",
	"Witnesses interviewed by the investigators described two explosions near the mosque and the bakery; " +
		"the damage to the northern wall is visible in the satellite images taken three days later.",
}

// textPDF makes a PDF of one Letter page per entry of pages, each its
// paragraphs in DejaVu Sans 12 pt.
func textPDF(t testing.TB, pages ...[]string) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	font, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetFont("dejavu", "", 12)
	f.SetMargins(72, 72, 72)
	for _, paras := range pages {
		f.AddPage()
		for _, p := range paras {
			f.MultiCell(0, 16, p, "", "L", false)
			f.Ln(12)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// renderPNG renders page of data at dpi, as PNG: a scan of it.
func renderPNG(t testing.TB, data []byte, page, dpi int) []byte {
	t.Helper()
	doc, err := testEngine.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	r, err := doc.Render(page, dpi)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, r.Image); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfPage is a page of a PDF made by mixedPDF: text paragraphs, or a
// scan (a PNG filling the page, no text).
type pdfPage struct {
	text []string
	scan []byte
}

// mixedPDF makes a Letter PDF of pages, a scan as wide as its page.
func mixedPDF(t testing.TB, pages ...pdfPage) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	font, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetFont("dejavu", "", 12)
	f.SetMargins(72, 72, 72)
	for i, p := range pages {
		f.AddPage()
		if p.scan != nil {
			name := "scan" + string(rune('a'+i))
			f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(p.scan))
			f.ImageOptions(name, 0, 0, 612, 0, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "") // the width of the page, in proportion
			continue
		}
		for _, s := range p.text {
			f.MultiCell(0, 16, s, "", "L", false)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// pangoPNG renders text with pango-view (HarfBuzz shaping: Arabic as it
// is printed) at dpi, right to left when rtl; skips without pango-view
// (fails in CI).
func pangoPNG(t testing.TB, text string, dpi int, rtl bool) image.Image {
	t.Helper()
	bin, err := exec.LookPath("pango-view")
	if err != nil {
		testkit.Missing(t, "pango-view (pango1.0-tools) is not installed")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.png")
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--font=DejaVu Sans 12", "--dpi=" + itoa(dpi), "--width=470", "--wrap=word", "--margin=72", "-q", "-o", out}
	if rtl {
		args = append(args, "--rtl", "--align=right")
	}
	if msg, err := exec.Command(bin, append(args, in)...).CombinedOutput(); err != nil {
		t.Fatalf("pango-view: %v: %s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// words are the words of s, lower case, punctuation trimmed.
func words(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// recall is the share of the words of want found in got (each found
// word used once).
func recall(want, got string) float64 {
	have := map[string]int{}
	for _, w := range words(got) {
		have[w]++
	}
	ws := words(want)
	found := 0
	for _, w := range ws {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	if len(ws) == 0 {
		return 0
	}
	return float64(found) / float64(len(ws))
}

// blockText is the text of every block, joined.
func blockText(bs []Block) string {
	var s []string
	for _, b := range bs {
		s = append(s, b.Text)
	}
	return strings.Join(s, "\n")
}
