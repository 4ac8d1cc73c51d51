package export

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/internal/demo"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// The sample case, built once for the tests of this package in tmpDir.
var (
	tmpDir    string
	sample    *catalog.Case
	sampleErr error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sample != nil {
		sample.Close()
	}
	if tmpDir != "" {
		os.RemoveAll(tmpDir)
	}
	os.Exit(code)
}

func sampleCase(t *testing.T) *catalog.Case {
	t.Helper()
	if sample == nil && sampleErr == nil {
		if tmpDir, sampleErr = os.MkdirTemp("", "exhibit-export-test-"); sampleErr == nil {
			sample, sampleErr = demo.BuildCase(context.Background(), filepath.Join(tmpDir, "Sample.exhibit"), nil)
		}
	}
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sample
}

func need(t *testing.T, tools ...string) {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			testkit.Missing(t, fmt.Sprintf("%s is not installed (Debian poppler-utils)", tool))
		}
	}
}

// TestPairSheetEndToEnd exports the sample case's aligned, annotated pair
// and checks the PDF as a reader would: pdftotext finds both full hashes,
// every linked excerpt's text and citation, and every annotation label;
// pdfimages finds both images at 200 dpi or more; the export is in the
// audit trail with the file's SHA-256.
func TestPairSheetEndToEnd(t *testing.T) {
	need(t, "pdftotext", "pdfimages")
	ctx := context.Background()
	c := sampleCase(t)
	pairs, _ := c.Pairs(ctx)
	p := pairs[0]
	out := filepath.Join(t.TempDir(), "pair.pdf")
	created := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	e, err := WriteSheets(ctx, c, Target{Pairs: []int64{p.ID}}, out, sheet.Options{Created: created, Version: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(txt)
	// The running footer and the "(continued)" header of a second page
	// come between the lines of a quote that flows across the break.
	var body []string
	for _, l := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(strings.Trim(l, "\f")); strings.HasPrefix(t, "Exported ") || strings.HasSuffix(t, "(continued)") ||
			strings.HasPrefix(t, "Manifest SHA-256 ") || strings.HasPrefix(t, "Signed by key SHA-256 ") {
			continue
		}
		body = append(body, l)
	}
	flat := strings.Join(strings.Fields(strings.Join(body, " ")), " ")
	for _, id := range []int64{p.BeforeID, p.AfterID} {
		im, _ := c.Image(ctx, id)
		if !strings.Contains(text, im.SHA256) {
			t.Errorf("the full SHA-256 of image %d is not in the sheet", id)
		}
		ls, _ := c.Links(ctx, id)
		for _, l := range ls {
			if !strings.Contains(flat, strings.Join(strings.Fields(l.Excerpt.Text), " ")) {
				t.Errorf("excerpt %d's text is not in the sheet", l.Excerpt.ID)
			}
			if cite := "¶ " + strconv.Itoa(l.Excerpt.Paragraph); !strings.Contains(flat, cite) {
				t.Errorf("citation %q of excerpt %d is not in the sheet", cite, l.Excerpt.ID)
			}
		}
	}
	anns, _ := c.Annotations(ctx, catalog.AnnotationScope{PairID: p.ID, WithImages: true})
	if len(anns) == 0 {
		t.Fatal("the sample pair has no annotations")
	}
	for _, a := range anns {
		for _, s := range []string{a.Label, a.Note} {
			if s != "" && !strings.Contains(flat, s) {
				t.Errorf("annotation text %q is not in the sheet", s)
			}
		}
	}
	if !strings.Contains(flat, "aligned to the before image") || !strings.Contains(flat, p.NotBefore) {
		t.Errorf("the alignment note or date window is missing")
	}
	list, err := exec.Command("pdfimages", "-list", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^\s+\d+\s+\d+\s+image\s+(\d+)\s+(\d+).*\s(\d+)\s+(\d+)\s+\S+\s+\S+$`).FindAllStringSubmatch(string(list), -1)
	if len(rows) != 2 {
		t.Fatalf("pdfimages lists %d images, want 2:\n%s", len(rows), list)
	}
	for _, r := range rows {
		if ppi, _ := strconv.Atoi(r[3]); ppi < 200 {
			t.Errorf("an image is printed at %d ppi, under 200:\n%s", ppi, list)
		}
	}
	es, _ := c.Audit(ctx, "")
	last := es[len(es)-1]
	if last.Action != "export.sheet" || !strings.Contains(last.Details, e.SHA256) {
		t.Errorf("last audit entry %s %s; want the export with its SHA-256", last.Action, last.Details)
	}
	// Deterministic: the same export again prints the same pages; only
	// the signed manifest differs, naming its own export and the chain's
	// head (which then holds the first export).
	out2 := filepath.Join(t.TempDir(), "again.pdf")
	e2, err := WriteSheets(ctx, c, Target{Pairs: []int64{p.ID}}, out2, sheet.Options{Created: created, Version: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m1, m2 := readManifest(t, out), readManifest(t, out2)
	if m1.ExportID != e.ID || m2.ExportID != e2.ID || m2.ChainHead.Count <= m1.ChainHead.Count {
		t.Errorf("manifests name exports %d, %d (want %d, %d), chain heads %d, %d", m1.ExportID, m2.ExportID, e.ID, e2.ID, m1.ChainHead.Count, m2.ChainHead.Count)
	}
	m2.ExportID, m2.ChainHead, m2.FileName = m1.ExportID, m1.ChainHead, m1.FileName
	if j1, j2 := mustJSON(t, m1), mustJSON(t, m2); j1 != j2 {
		t.Errorf("the manifests differ beyond the export and the chain's head:\n%s\n%s", j1, j2)
	}
	if p1, p2 := pagesText(t, out), pagesText(t, out2); p1 != p2 {
		t.Errorf("two exports with the same creation time print different pages:\n%s\n---\n%s", p1, p2)
	}
}

// readManifest reads, with Exhibit's reader, the manifest a file carries,
// checking its signature.
func readManifest(t *testing.T, path string) *manifest.Manifest {
	t.Helper()
	cr, err := manifest.FromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := cr.Verify()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pagesText is a PDF's text without the manifest's hash in the footers.
func pagesText(t *testing.T, path string) string {
	t.Helper()
	b, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// The seal in the footer differs from export to export; pdftotext
	// -layout sets its columns from every glyph of the page, so other hex
	// digits there can shift every column by one: runs of spaces count as
	// one (the words and the lines are compared).
	text := regexp.MustCompile(`Manifest SHA-256 [0-9a-f]{64}`).ReplaceAllString(string(b), "")
	return regexp.MustCompile(` +`).ReplaceAllString(text, " ")
}

// TestImageSheetsAndCancel exports every image of the sample case as a
// single-image sheet, and checks that a cancelled export writes nothing.
func TestImageSheetsAndCancel(t *testing.T) {
	need(t, "pdfinfo")
	ctx := context.Background()
	c := sampleCase(t)
	ims, _ := c.Images(ctx, catalog.Filter{})
	var ids []int64
	for _, im := range ims {
		ids = append(ids, im.ID)
	}
	out := filepath.Join(t.TempDir(), "images.pdf")
	var calls int
	if _, err := WriteSheets(ctx, c, Target{Images: ids}, out, sheet.Options{Paper: "Letter"}, func(done, total int) {
		calls++
		if total != len(ids) {
			t.Errorf("progress total %d", total)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if calls != len(ids) {
		t.Errorf("progress called %d times for %d sheets", calls, len(ids))
	}
	info, _ := exec.Command("pdfinfo", out).Output()
	if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(string(info)); m == nil || atoi(m[1]) < len(ids) {
		t.Errorf("pdfinfo: %s", info)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	dir := t.TempDir()
	if _, err := WriteSheets(cctx, c, Target{Images: ids}, filepath.Join(dir, "x.pdf"), sheet.Options{}, nil); err == nil {
		t.Error("a cancelled export succeeded")
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a cancelled export left %v", left)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// TestAlignAnnotations: marks on the after image move with the alignment
// into the before image's frame; rectangles stay rectangles under a scale
// and shift, and become closed outlines under a rotation.
func TestAlignAnnotations(t *testing.T) {
	shift := annot.Transform{Kind: "affine", M: [6]float64{0.5, 0, 0.1, 0, 0.5, 0.2}}
	in := []catalog.Annotation{
		{Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.2, Y: 0.2}, {X: 0.6, Y: 0.4}}, Color: "#E53935", Width: 3},
		{Kind: catalog.KindCallout, Points: []catalog.Point{{X: 0.5, Y: 0.5}}, Number: 1, Color: "#E53935", Width: 3},
	}
	got := alignAnnotations(in, shift)
	if got[0].Kind != catalog.KindRect || !near(got[0].Points[0], 0.2, 0.3) || !near(got[0].Points[1], 0.4, 0.4) {
		t.Errorf("rect under scale and shift: %+v", got[0])
	}
	if !near(got[1].Points[0], 0.35, 0.45) || got[1].Number != 1 {
		t.Errorf("callout: %+v", got[1])
	}
	th := 10 * math.Pi / 180
	rot := annot.Transform{Kind: "affine", M: [6]float64{math.Cos(th), -math.Sin(th), 0.1, math.Sin(th), math.Cos(th), 0}}
	got = alignAnnotations(in[:1], rot)
	if got[0].Kind != catalog.KindPolyline || len(got[0].Points) != 5 || got[0].Points[0] != got[0].Points[4] {
		t.Errorf("rect under rotation: %+v", got[0])
	}
	if err := got[0].Validate(); err != nil {
		t.Errorf("the moved mark is invalid: %v", err)
	}
}

func near(p catalog.Point, x, y float64) bool {
	return math.Abs(p.X-x) < 1e-9 && math.Abs(p.Y-y) < 1e-9
}

// TestAlignedMarksKeepTheirKind: the sheet of an aligned pair draws a
// rotated rectangle or ellipse as a polyline, and tells the legend the
// kind each was made as.
func TestAlignedMarksKeepTheirKind(t *testing.T) {
	th := 10 * math.Pi / 180
	rot := annot.Transform{Kind: "affine", M: [6]float64{math.Cos(th), -math.Sin(th), 0.1, math.Sin(th), math.Cos(th), 0}}
	in := []catalog.Annotation{
		{ID: 1, Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.2, Y: 0.2}, {X: 0.6, Y: 0.4}}, Color: "#E53935", Width: 3},
		{ID: 2, Kind: catalog.KindEllipse, Points: []catalog.Point{{X: 0.2, Y: 0.2}, {X: 0.6, Y: 0.4}}, Color: "#E53935", Width: 3},
		{ID: 3, Kind: catalog.KindArrow, Points: []catalog.Point{{X: 0.2, Y: 0.2}, {X: 0.6, Y: 0.4}}, Color: "#E53935", Width: 3},
	}
	got := kindsChanged(in, alignAnnotations(in, rot))
	want := map[int64]catalog.AnnotationKind{1: catalog.KindRect, 2: catalog.KindEllipse}
	if len(got) != len(want) || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("kinds made as: %v, want %v", got, want)
	}
}
