package reportparse

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary bytes to Parse under each report extension:
// it must return blocks or an error, never panic (ErrInternal means a
// recovered panic in this package) and never hang. Seeded with the sample
// reports and a generated PDF; the seeds run as regression tests.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"report.txt", "report-ar.txt", "report.md", "report.html", "lo-report.pdf", "owner-password-aes128.pdf"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b, filepath.Ext(name))
		}
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Contents 4 0 R>>endobj\n4 0 obj<</Length 20>>stream\nBT (Hello) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF"), ".pdf")
	// An xref stream with an object stream, and a form drawn from the
	// page: structures the fuzzer would hardly find by itself.
	doc := append(craftDoc(stm("", craftText+" /X Do"), ""), craftObj{id: 6, body: stm("/Type/XObject /Subtype/Form /BBox [0 0 10 10]", craftText)})
	f.Add(craftPDFStm(inStream(doc, 7, "", 5, 2), ""), ".pdf")
	f.Add([]byte("<html><script>alert(1)</script><p>x</p>"), ".html")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		switch ext {
		case ".txt", ".md", ".html", ".pdf":
		default:
			ext = ".txt"
		}
		path := filepath.Join(t.TempDir(), "r"+ext)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := Parse(path, func(b Block) error {
				if b.Paragraph < 1 || strings.TrimSpace(b.Text) == "" {
					t.Errorf("bad block %+v", b)
				}
				return nil
			})
			done <- err
		}()
		select {
		case err := <-done:
			if errors.Is(err, ErrInternal) {
				t.Fatalf("internal error (a recovered panic): %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("Parse did not return within 20 s")
		}
	})
}
