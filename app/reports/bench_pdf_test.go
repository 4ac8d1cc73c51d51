package reports

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// hugeReportPages is the size of the PDF the paging benchmarks open.
const hugeReportPages = 10_000

// benchWords are the words the pages of the huge report are made of.
var benchWords = strings.Fields(`the roof of house on river road was seen damaged by flood its tiles
scattered over yard and fence metres long knocked down witnesses said school bakery mill market
street morning night water rose north south east west wall window door collapsed burned`)

// addHugePDFReport writes a PDF of n Letter pages, each with a heading at
// a place of its own and three paragraphs of made-up sentences, and adds
// it to c: what a long inquiry's annexes look like to the parser.
func addHugePDFReport(b *testing.B, c *catalog.Case, n int) (*catalog.Report, time.Duration) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func() string {
		ws := make([]string, 8+rng.IntN(10))
		for i := range ws {
			ws[i] = benchWords[rng.IntN(len(benchWords))]
		}
		return strings.ToUpper(ws[0][:1]) + strings.Join(ws, " ")[1:] + "."
	}
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetMargins(72, 72, 72)
	f.SetAutoPageBreak(false, 0)
	for p := 1; p <= n; p++ {
		f.AddPage()
		f.SetFont("Helvetica", "B", 16)
		f.Text(72, 90+float64(p%9)*7, fmt.Sprintf("Annex %d: %s", p, sentence()))
		f.SetFont("Helvetica", "", 11)
		f.SetXY(72, 180)
		for range 3 {
			var para []string
			for range 4 {
				para = append(para, sentence())
			}
			f.MultiCell(0, 14, strings.Join(para, " "), "", "L", false)
			f.Ln(10)
		}
	}
	path := filepath.Join(b.TempDir(), "annexes.pdf")
	if err := f.OutputFileAndClose(path); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	res, err := c.AddReport(context.Background(), path, catalog.ReportOptions{Title: "Annexes"})
	if err != nil {
		b.Fatal(err)
	}
	return res.Report, time.Since(start)
}

// BenchmarkReportsPDF imports a PDF of 10,000 pages once (s/import),
// then measures on the Reports screen:
//
//   - open: from selecting the report to its excerpts listed and the
//     first one shown on its page, rendered and highlighted (ns/op,
//     ms/open);
//   - paging: paging through 200 pages, each rendered and shown in turn
//     (an op: the 200 pages; ms/page), with the heap in use after a
//     collection after the first 20 pages and after all 200 (MB@20,
//     MB@200): the screen keeps a few pages and the engine one open
//     document, so the two stay close.
//
// go test -tags ci -run '^$' -bench BenchmarkReportsPDF -benchtime=3x ./app/reports/
func BenchmarkReportsPDF(b *testing.B) {
	c := apptest.SampleCase(b)
	huge, took := addHugePDFReport(b, c, hugeReportPages)
	b.Logf("a PDF of %d pages imported in %v", hugeReportPages, took.Round(time.Millisecond))
	b.Run("open", func(b *testing.B) { benchOpen(b, c, huge); b.ReportMetric(took.Seconds(), "s/import") })
	b.Run("paging", func(b *testing.B) { benchPaging(b, c, huge) })
}

// benchOpen measures opening report huge of c on the Reports screen,
// another report shown before each time.
func benchOpen(b *testing.B, c *catalog.Case, huge *catalog.Report) {
	reports, err := c.Reports(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	other := reports[0].ID
	if other == huge.ID {
		other = reports[1].ID
	}
	h := apptest.NewHost(b)
	s := ui.NewSession(c)
	r := newReportScreen(h, s)
	h.Win.SetContent(r.Content())
	defer func() { h.Q.Settle(); r.Close(); s.Cancel(); h.Q.Settle() }()
	var open time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		r.Open(ui.Target{ReportID: other})
		h.Q.WaitFor(b, "the other report", 60e9, func() bool {
			return r.shown != nil && r.shown.report.ID == other && r.reportLoad.CancelFunc == nil
		})
		b.StartTimer()
		start := time.Now()
		r.Open(ui.Target{ReportID: huge.ID})
		h.Q.WaitFor(b, "the report on its first page", 60e9, func() bool {
			return r.shown != nil && r.shown.report.ID == huge.ID && r.reportLoad.CancelFunc == nil &&
				r.page.pages.Current() != nil && r.page.pages.Doc().Key == huge.SHA256
		})
		h.Win.Canvas().Capture()
		open += time.Since(start)
		n++
	}
	b.ReportMetric(float64(open.Milliseconds())/float64(n), "ms/open")
	b.ReportMetric(float64(len(r.shown.excerpts)), "excerpts")
}

// pagesPaged is how many pages one op of the paging benchmark shows.
const pagesPaged = 200

// benchPaging pages through pagesPaged pages of report huge of c, one op
// each time from its first page, and reports the heap after the first 20
// pages and after all of them (of the last op).
func benchPaging(b *testing.B, c *catalog.Case, huge *catalog.Report) {
	r, h := openReportsB(b, c, ui.Target{ReportID: huge.ID})
	pp := r.page.pages
	h.Q.WaitFor(b, "the first page", 60e9, func() bool { return pp.Current() != nil && pp.Doc().Key == huge.SHA256 })
	heap := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapInuse) / (1 << 20)
	}
	var at20, atEnd float64
	start := pp.Page()
	n := 0
	for b.Loop() {
		for page := start + 1; page <= start+pagesPaged; page++ {
			pp.ShowPage(page)
			h.Q.WaitFor(b, "the page", 60e9, func() bool { return pp.Current() != nil && pp.Page() == page })
			switch page - start {
			case 20:
				b.StopTimer()
				at20 = heap()
				b.StartTimer()
			case pagesPaged:
				b.StopTimer()
				atEnd = heap()
				b.StartTimer()
			}
		}
		n++
		pp.ShowPage(start) // from the cache: kept as the most recent page
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(n*pagesPaged), "ms/page")
	b.ReportMetric(at20, "MB@20")
	b.ReportMetric(atEnd, "MB@200")
	b.ReportMetric(float64(pp.Cached()), "pages-kept")
}

// openReportsB is openReports for a benchmark.
func openReportsB(b *testing.B, c *catalog.Case, on ui.Target) (*reportScreen, *apptest.Host) {
	h := apptest.NewHost(b)
	s := ui.NewSession(c)
	r := newReportScreen(h, s)
	h.Win.SetContent(r.Content())
	b.Cleanup(func() { h.Q.Settle(); r.Close(); s.Cancel(); h.Q.Settle() })
	r.Open(on)
	h.Q.WaitFor(b, "the report", 60e9, func() bool {
		return r.shown != nil && r.shown.report.ID == on.ReportID && r.reportLoad.CancelFunc == nil
	})
	return r, h
}
