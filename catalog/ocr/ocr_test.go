package ocr

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// scanPDF is a PDF of one page: the English statement printed, rendered
// at dpi and put back as an image, without text.
func scanPDF(t testing.TB, dpi int) (scan, text []byte) {
	text = textPDF(t, englishText)
	return mixedPDF(t, pdfPage{scan: renderPNG(t, text, 1, dpi)}), text
}

func TestPDFEnglishRecall(t *testing.T) {
	needTesseract(t)
	scan, text := scanPDF(t, 200)
	for _, langs := range []string{"eng", "ara+eng"} { // English alone, and the default
		t.Run(langs, func(t *testing.T) {
			var progress []Progress
			start := time.Now()
			res, err := PDF(context.Background(), scan, PDFOptions{Options: Options{Langs: langs}, Engine: testEngine,
				Progress: func(p Progress) { progress = append(progress, p) }})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("one Letter page scanned at 200 DPI, read at %d DPI in %s: %v", DefaultDPI, langs, time.Since(start))
			if !slices.Equal(res.Read, []int{1}) || res.Pages != 1 || res.Langs != langs {
				t.Errorf("read pages %v of %d in %q, want [1] of 1 in %s", res.Read, res.Pages, res.Langs, langs)
			}
			if len(progress) != 1 || progress[0] != (Progress{Done: 1, Total: 1, Page: 1}) {
				t.Errorf("progress %v, want one report of page 1", progress)
			}
			got := blockText(res.Blocks)
			r := recall(strings.Join(englishText, " "), got)
			t.Logf("English word recall %.3f, mean confidence %.1f, %d paragraphs", r, res.Conf, len(res.Blocks))
			if r < 0.9 {
				t.Errorf("word recall %.3f, want ≥ 0.9; read:\n%s", r, got)
			}
			if len(res.Blocks) != len(englishText) {
				t.Errorf("%d paragraphs, want %d: %q", len(res.Blocks), len(englishText), got)
			}
			if res.Conf < 80 {
				t.Errorf("mean confidence %.1f on a clean scan, want ≥ 80", res.Conf)
			}
			checkFirstWordBox(t, text, res)
		})
	}
}

// checkFirstWordBox checks that the box of the first word read, in
// points, is where the text PDF prints it, and that every block has its
// page, a confidence and word boxes.
func checkFirstWordBox(t *testing.T, text []byte, res *Result) {
	t.Helper()
	doc, err := testEngine.Open(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	defer doc.Close()
	pt, err := doc.Text(1)
	if err != nil {
		t.Fatal(err)
	}
	m := pdfengine.Locate(pt, "Statement", pdfengine.Whole)
	if !m.Found || len(res.Blocks) == 0 || len(res.Blocks[0].Words) == 0 {
		t.Fatalf("no first word to compare: %+v", m)
	}
	want, have := m.Boxes[0], res.Blocks[0].Words[0]
	for _, d := range []float64{want.Left - have.X0, want.Right - have.X1, want.Bottom - have.Y0, want.Top - have.Y1} {
		if d > 4 || d < -4 {
			t.Errorf("first word's box %+v, the text's %+v: over 4 points apart", have, want)
			break
		}
	}
	for _, b := range res.Blocks {
		if b.Page != 1 || b.Conf <= 0 || len(b.Words) == 0 {
			t.Errorf("block %+v: want page 1, a confidence and word boxes", b)
		}
	}
}

func TestPDFMixedReadsOnlyScans(t *testing.T) {
	needTesseract(t)
	scan := renderPNG(t, textPDF(t, englishText), 1, 150)
	data := mixedPDF(t, pdfPage{text: []string{"A page with its text layer."}}, pdfPage{scan: scan}, pdfPage{text: []string{"Another one."}})
	res, err := PDF(context.Background(), data, PDFOptions{Options: Options{Langs: "eng"}, Engine: testEngine})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Read, []int{2}) || res.Pages != 3 {
		t.Fatalf("read pages %v of %d, want [2] of 3", res.Read, res.Pages)
	}
	for _, b := range res.Blocks {
		if b.Page != 2 {
			t.Errorf("a block on page %d: %q", b.Page, b.Text)
		}
	}
	if r := recall(strings.Join(englishText, " "), blockText(res.Blocks)); r < 0.9 {
		t.Errorf("recall %.3f at 150 DPI, want ≥ 0.9", r)
	}
}

// A long scan outlives a document's life on the engine: the document is
// opened anew between pages, which read as before.
func TestPDFReopensTheDocument(t *testing.T) {
	needTesseract(t)
	old := reopenAfter
	reopenAfter = 0 // opened anew for every page
	t.Cleanup(func() { reopenAfter = old })
	page := renderPNG(t, textPDF(t, englishText), 1, 150)
	res, err := PDF(context.Background(), mixedPDF(t, pdfPage{scan: page}, pdfPage{scan: page}), PDFOptions{Options: Options{Langs: "eng"}, Engine: testEngine})
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, b := range res.Blocks {
		if len(pages) == 0 || pages[len(pages)-1] != b.Page {
			pages = append(pages, b.Page)
		}
	}
	if !slices.Equal(res.Read, []int{1, 2}) || !slices.Equal(pages, []int{1, 2}) || len(res.Blocks) != 2*len(englishText) {
		t.Errorf("read %v, blocks on pages %v (%d): want both pages, each its %d paragraphs", res.Read, pages, len(res.Blocks), len(englishText))
	}
}

func TestPDFWithTextNeedsNoTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	res, err := PDF(context.Background(), textPDF(t, englishText), PDFOptions{Engine: testEngine})
	if err != nil || len(res.Read) != 0 || len(res.Blocks) != 0 {
		t.Fatalf("PDF with text, no Tesseract: %+v, %v; want nothing read, no error", res, err)
	}
}

func TestNotInstalled(t *testing.T) {
	scan, _ := scanPDF(t, 100)
	t.Setenv("PATH", t.TempDir())
	res, err := PDF(context.Background(), scan, PDFOptions{Engine: testEngine})
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("error %v, want ErrNotInstalled", err)
	}
	if !strings.Contains(err.Error(), "apt-get install tesseract-ocr") {
		t.Errorf("error %q does not say how to install Tesseract", err)
	}
	if res == nil || !slices.Equal(res.Read, []int{1}) {
		t.Errorf("result %+v: want the scanned pages named", res)
	}
	if _, err := Picture(context.Background(), jpegOf(t, image.NewGray(image.Rect(0, 0, 50, 50))), Options{}, nil); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("picture: error %v, want ErrNotInstalled", err)
	}
}

func TestLanguageMissing(t *testing.T) {
	needTesseract(t)
	_, err := Ready(context.Background(), Options{Langs: "eng+xyz"})
	var le *LangError
	if !errors.As(err, &le) || !slices.Equal(le.Missing, []string{"xyz"}) || !strings.Contains(err.Error(), "tesseract-ocr-xyz") {
		t.Fatalf("error %v, want a LangError naming xyz and its package", err)
	}
	opt, err := Ready(context.Background(), Options{})
	if err != nil || opt.Langs != "ara+eng" {
		t.Errorf("default languages %q, %v; want ara+eng", opt.Langs, err)
	}
}

func TestCancel(t *testing.T) {
	needTesseract(t)
	page := renderPNG(t, textPDF(t, englishText), 1, 100)
	data := mixedPDF(t, pdfPage{scan: page}, pdfPage{scan: page}, pdfPage{scan: page})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var done []int
	_, err := PDF(ctx, data, PDFOptions{Options: Options{Langs: "eng"}, Engine: testEngine, DPI: 100,
		Progress: func(p Progress) { done = append(done, p.Page); cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !slices.Equal(done, []int{1}) {
		t.Errorf("pages read %v, want [1] before the cancel", done)
	}
}

func TestTimeout(t *testing.T) {
	needTesseract(t)
	img := pangoPNG(t, strings.Join(englishText, "\n\n"), 200, false)
	_, err := Image(context.Background(), img, 200, Options{Langs: "eng", Timeout: time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "took over") {
		t.Fatalf("error %v, want one saying Tesseract took too long", err)
	}
}

func TestPictureOfADocument(t *testing.T) {
	needTesseract(t)
	img := pangoPNG(t, strings.Join(englishText, "\n\n"), 200, false)
	res, err := Picture(context.Background(), jpegOf(t, img), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := recall(strings.Join(englishText, " "), blockText(res.Blocks))
	t.Logf("JPEG at 200 DPI, languages %s: recall %.3f, confidence %.1f", res.Langs, r, res.Conf)
	if r < 0.9 {
		t.Errorf("recall %.3f, want ≥ 0.9:\n%s", r, blockText(res.Blocks))
	}
	b := img.Bounds()
	for _, bl := range res.Blocks {
		for _, w := range bl.Words {
			if w.X0 < 0 || w.Y0 < 0 || w.X1 > float64(b.Dx()) || w.Y1 > float64(b.Dy()) || w.X1 <= w.X0 || w.Y1 <= w.Y0 {
				t.Errorf("word box %+v outside the %v picture", w, b)
			}
		}
	}
}

// arabicText is a statement in Arabic, its paragraphs.
var arabicText = []string{
	"بيان وزارة الدفاع بتاريخ العشرين من تشرين الأول",
	"تنفي الوزارة أن طائراتها قصفت السوق في المدينة القديمة صباح السابع عشر من تشرين الأول، ولم تنفذ أي طلعات جوية فوق الحي بين الساعة السادسة والعاشرة بحسب سجلات الطيران التي راجعتها اللجنة.",
	"وصف الشهود الذين قابلهم المحققون انفجارين قرب المسجد والمخبز، والضرر في الجدار الشمالي ظاهر في صور الأقمار الصناعية التي التقطت بعد ثلاثة أيام.",
}

func TestArabicRecall(t *testing.T) {
	needTesseract(t)
	for _, dpi := range []int{200, 300} {
		img := pangoPNG(t, strings.Join(arabicText, "\n\n"), dpi, true)
		for _, langs := range []string{"ara", "ara+eng"} {
			p, err := Image(context.Background(), img, dpi, Options{Langs: langs})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, para := range p.Paragraphs {
				got = append(got, para.Text)
			}
			r := recall(strings.Join(arabicText, " "), strings.Join(got, " "))
			t.Logf("Arabic at %d DPI, %s: word recall %.3f, mean confidence %.1f", dpi, langs, r, p.Conf)
			if r < 0.8 {
				t.Errorf("Arabic at %d DPI, %s: word recall %.3f, want ≥ 0.8; read:\n%s", dpi, langs, r, strings.Join(got, "\n"))
			}
		}
	}
	// The same scan at 200 DPI in an image-only PDF, read as a report's
	// page is: rendered again at 300 DPI, in the default languages.
	var b bytes.Buffer
	if err := png.Encode(&b, pangoPNG(t, strings.Join(arabicText, "\n\n"), 200, true)); err != nil {
		t.Fatal(err)
	}
	res, err := PDF(context.Background(), mixedPDF(t, pdfPage{scan: b.Bytes()}), PDFOptions{Engine: testEngine})
	if err != nil {
		t.Fatal(err)
	}
	r := recall(strings.Join(arabicText, " "), blockText(res.Blocks))
	t.Logf("Arabic scanned at 200 DPI in a PDF, read in %s: word recall %.3f, mean confidence %.1f", res.Langs, r, res.Conf)
	if r < 0.8 {
		t.Errorf("Arabic in a PDF: word recall %.3f, want ≥ 0.8; read:\n%s", r, blockText(res.Blocks))
	}
}

// jpegOf encodes img as JPEG.
func jpegOf(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
