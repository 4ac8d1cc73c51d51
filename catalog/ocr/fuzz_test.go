package ocr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseTSV feeds arbitrary text to ParseTSV: it must return a page or
// an error, never panic, and a page's paragraphs must hold words, with
// confidences within 0 to 100. Seeded with real Tesseract output.
func FuzzParseTSV(f *testing.F) {
	f.Add(tsvHead +
		"1\t1\t0\t0\t0\t0\t0\t0\t800\t600\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.14\tStatement\n" +
		"5\t1\t1\t1\t1\t2\t70\t10\t80\t20\t91.3\tinvesti-\n" +
		"5\t1\t1\t1\t2\t1\t10\t40\t80\t20\t70\tgation\n" +
		"5\t1\t2\t1\t1\t1\t4126\t16\t48\t30\t91.3\t\u200fبيان\n")
	f.Add("level\n5\t1\n")
	f.Add("5\t1\t1\t1\t1\t1\t0\t0\t1\t1\tNaN\tx\n")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseTSV(strings.NewReader(s))
		if err != nil {
			return
		}
		if !(p.Conf >= 0 && p.Conf <= 100) {
			t.Errorf("page confidence %v", p.Conf)
		}
		for _, para := range p.Paragraphs {
			if len(para.Lines) == 0 || !(para.Conf >= 0 && para.Conf <= 100) || !utf8.ValidString(para.Text) && utf8.ValidString(s) {
				t.Errorf("paragraph %+v", para)
			}
		}
	})
}
