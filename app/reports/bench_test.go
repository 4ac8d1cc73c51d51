package reports

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// longReportExcerpts is the size of the long report the benchmark opens:
// the one a user found left a blank pane for over a minute.
const longReportExcerpts = 2647

// addLongReport adds to c a Markdown report of n paragraphs under a
// heading every 20, each naming its number ("paragraph 17 ...").
func addLongReport(t testing.TB, c *catalog.Case, n int) *catalog.Report {
	t.Helper()
	var b strings.Builder
	b.WriteString("# Long survey\n\n")
	for i := 1; i <= n; i++ {
		if i%20 == 1 {
			fmt.Fprintf(&b, "## Block %d\n\n", i/20+1)
		}
		fmt.Fprintf(&b, "Paragraph %d: the roof of house %d on the river road was seen damaged by the flood, "+
			"its tiles scattered over the yard and the fence %d metres long knocked down.\n\n", i, i%97, i%13+2)
	}
	path := filepath.Join(t.TempDir(), "long.md")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := c.AddReport(context.Background(), path, catalog.ReportOptions{Title: "Long survey"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Report
}

// BenchmarkReportsOpen measures selecting a report of 2,647 excerpts, then
// the sample's report again: from each selection to its excerpts shown,
// laid out and drawn in the window (ns/op: both; ms/long: the long one).
func BenchmarkReportsOpen(b *testing.B) {
	c := apptest.SampleCase(b)
	long := addLongReport(b, c, longReportExcerpts)
	reports, err := c.Reports(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	other := reports[0].ID
	if other == long.ID {
		other = reports[1].ID
	}
	h := apptest.NewHost(b)
	s := ui.NewSession(c)
	r := newReportScreen(h, s)
	h.Win.SetContent(r.Content())
	defer func() { h.Q.Settle(); r.Close(); s.Cancel(); h.Q.Settle() }()
	r.Open(ui.Target{ReportID: other})
	h.Q.WaitUntil(b, "the first report", func() bool { return r.shown != nil && r.reportLoad.CancelFunc == nil })
	var longTime time.Duration
	n := 0
	for b.Loop() {
		n++
		for _, id := range []int64{long.ID, other} {
			start := time.Now()
			r.Open(ui.Target{ReportID: id})
			h.Q.WaitFor(b, "the report", 10*60e9, func() bool {
				return r.shown != nil && r.shown.report.ID == id && r.reportLoad.CancelFunc == nil
			})
			h.Win.Canvas().Capture()
			if id == long.ID {
				longTime += time.Since(start)
			}
		}
	}
	b.ReportMetric(float64(longTime.Milliseconds())/float64(n), "ms/long")
}
