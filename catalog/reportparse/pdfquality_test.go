package reportparse

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// This file measures how faithful the excerpts of a PDF are: the share of
// pdftotext's words they hold (recall), and the share of adjacent
// excerpts that split a sentence.

// splitRate is the share of adjacent excerpts that split a sentence: the
// first does not end one and stops on a letter or a comma, semicolon,
// colon or dash (mid-sentence; not on "[Function]", a version number, a
// URL's ">" or a page number, which end a signature, a field or an index
// line), and the second starts with a lowercase letter (the sentence
// visibly goes on). unterminated is the share where the
// first merely does not end a sentence (in a real document also code,
// list items without punctuation, captions). Table rows (cells joined
// with " | ") are left out: they are no sentences.
func splitRate(blocks []Block) (rate, unterminated float64, pairs int) {
	split, open := 0, 0
	for i := 1; i < len(blocks); i++ {
		a, b := blocks[i-1].Text, blocks[i].Text
		if strings.Contains(a, " | ") || strings.Contains(b, " | ") {
			continue
		}
		pairs++
		if !endsSentence(a) {
			open++
			if midSentence(a) && startsLower(strings.TrimLeft(b, "\"'‘“«([")) {
				split++
			}
		}
	}
	if pairs == 0 {
		return 0, 0, 0
	}
	return float64(split) / float64(pairs), float64(open) / float64(pairs), pairs
}

// midSentence tells whether s stops where a sentence goes on: on a
// letter, or on a comma, semicolon, colon or dash.
func midSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return unicode.IsLetter(r) || strings.ContainsRune(",;:-–—", r)
}

// words folds text into words for counting: NFKC, lower case, joined
// across a hyphen at a line end, trimmed of punctuation.
func words(text string) []string {
	text = norm.NFKC.String(text)
	text = strings.NewReplacer("-\n", "", "\u00ad\n", "", "\u00ad", "").Replace(text)
	var out []string
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(strings.ToLower(w), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// recall is the share of the words of want (a multiset) found in got.
func recall(got, want []string) float64 {
	have := map[string]int{}
	for _, w := range got {
		have[w]++
	}
	found := 0
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	if len(want) == 0 {
		return 1
	}
	return float64(found) / float64(len(want))
}

// pdftotextWords is the words pdftotext reads in path (reading order, no
// layout).
func pdftotextWords(t testing.TB, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testkit.Missing(t, "pdftotext (Debian poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return words(string(out))
}

// quality parses path and measures its excerpts.
type quality struct {
	blocks  []Block
	pages   int
	elapsed time.Duration
	recall  float64
	split   float64
	open    float64 // unterminated
	pairs   int
}

func measure(t testing.TB, path string) quality {
	t.Helper()
	start := time.Now()
	var q quality
	var all strings.Builder
	info, err := parse(path, func(b Block) error {
		q.blocks = append(q.blocks, b)
		all.WriteString(b.Text + "\n")
		return nil
	}, func(h string) { all.WriteString(h + "\n") })
	q.elapsed = time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	q.pages = info.Pages
	q.recall = recall(words(all.String()), pdftotextWords(t, path))
	q.split, q.open, q.pairs = splitRate(q.blocks)
	return q
}

// longReport typesets a long report (fpdf's MultiCell breaks its lines
// and pages: paragraphs run over page breaks anywhere) and returns it
// with its paragraphs.
func longReport(t testing.TB, n int) ([]byte, []string) {
	rng := rand.New(rand.NewPCG(7, 12))
	vocab := strings.Fields("the team witness street market clinic bakery strike damage wall roof crater photograph satellite image morning evening residents municipal engineer water main repair shelter school river bridge mill road north south east west quarter house shop gravel rubble fragment munition analyst record register nurse doctor child family neighbour report visit second first third October November January")
	sentence := func() string {
		k := 6 + rng.IntN(14)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		if rng.IntN(4) == 0 {
			ws[rng.IntN(k)] = fmt.Sprint(1990 + rng.IntN(35))
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + []string{".", ".", ".", "?", ";"}[rng.IntN(5)]
	}
	f := newFpdf(t)
	f.SetHeaderFunc(func() {
		f.SetFont("dejavu", "", 8)
		f.SetY(10)
		f.CellFormat(0, 4, "Long report — generated for the tests", "", 1, "C", false, 0, "")
		f.SetY(20)
	})
	f.SetFooterFunc(func() {
		f.SetFont("dejavu", "", 8)
		f.SetY(-15)
		f.CellFormat(0, 4, fmt.Sprintf("Page %d", f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	var paras []string
	for i := range n {
		if i%12 == 0 {
			f.SetFont("dejavu", "B", 14)
			f.Ln(3)
			f.MultiCell(0, 7, fmt.Sprintf("%d. Part %d", i/12+1, i/12+1), "", "L", false)
			f.Ln(2)
		}
		k := 1 + rng.IntN(6)
		var ss []string
		for range k {
			ss = append(ss, sentence())
		}
		p := strings.Join(ss, " ")
		paras = append(paras, p)
		f.SetFont("dejavu", "", 11)
		f.MultiCell(0, 6, p, "", "L", false)
		f.Ln(3)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), paras
}

// A long generated report reads back paragraph for paragraph: its words
// as pdftotext reads them (recall ≥ 0.97), its excerpts its paragraphs,
// and fewer than 3% of adjacent excerpts split a sentence.
func TestPDFLongReportFaithful(t *testing.T) {
	data, paras := longReport(t, 240)
	q := measure(t, writeTemp(t, "long.pdf", data))
	header := 0
	var got []string
	for _, b := range q.blocks {
		if b.Text == "Long report — generated for the tests" {
			header++
			continue
		}
		got = append(got, b.Text)
	}
	same := 0
	for i := range min(len(got), len(paras)) {
		if got[i] == paras[i] {
			same++
		}
	}
	t.Logf("%d pages in %v: %d excerpts, %d of %d paragraphs exact; word recall %.4f; split %.2f%% of %d pairs (%.2f%% unterminated)",
		q.pages, q.elapsed.Round(time.Millisecond), len(q.blocks), same, len(paras), q.recall, 100*q.split, q.pairs, 100*q.open)
	if q.pages < 15 || header != 1 {
		t.Errorf("%d pages, running header read %d times: want 15 or more, once", q.pages, header)
	}
	if same != len(paras) || len(got) != len(paras) {
		t.Errorf("%d excerpts, %d of %d paragraphs read exactly", len(got), same, len(paras))
		for i := range min(len(got), len(paras)) {
			if got[i] != paras[i] {
				t.Errorf("first difference, ¶%d:\n got  %q\n want %q", i+1, got[i], paras[i])
				break
			}
		}
	}
	if q.recall < 0.97 {
		t.Errorf("word recall %.4f against pdftotext, want ≥ 0.97", q.recall)
	}
	if q.split >= 0.03 || q.open >= 0.03 {
		t.Errorf("%.2f%% of adjacent excerpts split a sentence, %.2f%% end none: want < 3%%", 100*q.split, 100*q.open)
	}
}

// BenchmarkRealPDFs reads the PDFs named in REPORTPARSE_PDFS (separated
// by the list separator), or Debian's documentation PDFs when it is
// unset, and reports pages, parse time, word recall against pdftotext and
// the share of adjacent excerpts that split a sentence.
func BenchmarkRealPDFs(b *testing.B) {
	paths := filepath.SplitList(os.Getenv("REPORTPARSE_PDFS"))
	if len(paths) == 0 {
		paths, _ = filepath.Glob("/usr/share/doc/*/*.pdf")
	}
	if len(paths) == 0 {
		b.Skip("no PDF to read: set REPORTPARSE_PDFS")
	}
	for _, p := range paths {
		b.Run(filepath.Base(p), func(b *testing.B) {
			var q quality
			for b.Loop() {
				q = measure(b, p)
			}
			b.ReportMetric(float64(q.pages), "pages")
			b.ReportMetric(q.recall, "recall")
			b.ReportMetric(100*q.split, "split%")
			b.ReportMetric(100*q.open, "unterminated%")
			b.ReportMetric(float64(len(q.blocks)), "excerpts")
		})
	}
}
