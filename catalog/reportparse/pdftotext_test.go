package reportparse

import (
	"fmt"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestPDFMatchesPdftotext compares the text read from the sample PDFs with
// what poppler's `pdftotext -layout` reads, word for word, white space
// aside. Differences that are by design are removed from pdftotext's text
// first:
//   - the running header and the page-number footers, which Parse drops,
//     and the bullets of list items, which it drops too;
//   - words hyphenated at a line end, which Parse joins (same rule);
//   - presentation forms (pdftotext keeps the contextual glyph forms;
//     Parse folds them to letters) and the bidi embedding controls that
//     pdftotext adds: both sides are compared after NFKC, with format
//     characters read as spaces (pdftotext moves spaces into them);
//   - in right-to-left text only, punctuation: pdftotext leaves brackets
//     unmirrored ("(" drawn as ")") and puts a comma that follows a number
//     on the number's other side, and it orders a haraka after or before
//     its letter as they were drawn; so Arabic samples are compared on
//     their letters and digits.
func TestPDFMatchesPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testkit.Missing(t, "pdftotext (Debian poppler-utils) is not installed")
	}
	en, _ := englishPDF(t)
	ar, _ := arabicPDF(t)
	cases := []struct {
		name    string
		data    []byte
		drop    func(line string) bool
		letters bool
	}{
		{"english", en, func(l string) bool {
			return l == runningHeader || strings.HasPrefix(l, "Page ") && len(l) < 9
		}, false},
		{"arabic", ar, func(l string) bool { return strings.HasPrefix(l, "صفحة") }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, c.name+".pdf", c.data)
			// Parse's text: the blocks with the headings between them.
			var mine strings.Builder
			_, err := parse(path, func(b Block) error {
				if b.Text == runningHeader {
					return nil // page furniture, compared below without it
				}
				mine.WriteString(b.Text + "\n")
				return nil
			}, func(h string) { mine.WriteString(h + "\n") })
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			var lines []string
			for _, l := range strings.Split(string(out), "\n") {
				l = strings.TrimSpace(comparable(l, false))
				if l == "" || c.drop(l) {
					continue
				}
				l = strings.TrimPrefix(l, "• ") // Parse drops bullets
				lines = append(lines, l)
			}
			// Join words hyphenated at a line end, as Parse does.
			theirs := ""
			for i, l := range lines {
				if i > 0 {
					if endsWithHyphen(theirs) && startsLower(l) {
						theirs = strings.TrimSuffix(theirs, "-")
					} else {
						theirs += " "
					}
				}
				theirs += l
			}
			ours := comparable(mine.String(), false)
			if c.letters {
				ours, theirs = comparable(ours, true), comparable(theirs, true)
			}
			mw, tw := strings.Fields(ours), strings.Fields(theirs)
			if len(mw) < 40 {
				t.Fatalf("only %d words read", len(mw))
			}
			for i := 0; i < max(len(mw), len(tw)); i++ {
				var a, b string
				if i < len(mw) {
					a = mw[i]
				}
				if i < len(tw) {
					b = tw[i]
				}
				if a != b {
					t.Fatalf("word %d differs: Parse %q, pdftotext %q\ncontext, Parse:     %s\ncontext, pdftotext: %s", i+1, a, b, around(mw, i), around(tw, i))
				}
			}
		})
	}
}

// comparable folds text for the comparison: NFKC, no format characters;
// with letters, only letters, digits and spaces.
func comparable(s string, letters bool) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Cf, r):
			return ' ' // pdftotext's embeddings also move spaces

		case letters && unicode.Is(unicode.Mn, r):
			return -1
		case letters && !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r)):
			return ' '
		}
		return r
	}, s)
}

func around(words []string, i int) string {
	lo, hi := max(0, i-5), min(len(words), i+5)
	return fmt.Sprint(words[lo:hi])
}
