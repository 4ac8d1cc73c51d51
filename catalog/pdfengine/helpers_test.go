package pdfengine

import (
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// testEngine is the engine the tests share (its compiled module cached
// where the program caches it).
var testEngine = New(Options{})

func TestMain(m *testing.M) {
	code := m.Run()
	testEngine.Close()
	os.Exit(code)
}

// line is a line of text placed on a test page: its baseline's start in
// points from the page's top left.
type line struct {
	X, Y float64
	Text string
}

// makePDF makes a PDF of US Letter pages (612 × 792 points) in DejaVu Sans
// 12 pt (embedded, as real reports' fonts are), with lines at known
// places; protect sets a user password.
func makePDF(t testing.TB, pages [][]line, protect string) []byte {
	t.Helper()
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCompression(false)
	if protect != "" {
		f.SetProtection(fpdf.CnProtectPrint, protect, "owner-secret")
	}
	font, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", "DejaVuSans.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f.AddUTF8FontFromBytes("dejavu", "", font)
	f.SetFont("dejavu", "", 12)
	for _, p := range pages {
		f.AddPage()
		for _, l := range p {
			f.Text(l.X, l.Y, l.Text)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("make PDF: %v", err)
	}
	return b.Bytes()
}

// writeTemp writes data to a file in a test folder.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tool finds a reference tool (poppler-utils), or skips (fails in CI).
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		testkit.Missing(t, name+" (poppler-utils) is not installed")
	}
	return p
}

// bboxWord is a word of `pdftotext -bbox`: points from the top left.
type bboxWord struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// pdftotextWords is the words of page with their boxes, as
// `pdftotext -bbox` reads them.
func pdftotextWords(t testing.TB, pdf string, page int) []bboxWord {
	t.Helper()
	bin := tool(t, "pdftotext")
	pg := []string{"-f", itoa(page), "-l", itoa(page)}
	out, err := exec.Command(bin, append(pg, "-bbox", pdf, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var doc struct {
		Words []bboxWord `xml:"body>doc>page>word"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	return doc.Words
}

func itoa(i int) string { return string(appendInt(nil, i)) }

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

// open opens data on the test engine, closed with the test.
func open(t testing.TB, data []byte) *Doc {
	t.Helper()
	d, err := testEngine.Open(context.Background(), data)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
