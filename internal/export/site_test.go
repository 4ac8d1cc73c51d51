package export

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// The site sheet of the sample's site, read back with pdftotext: the
// site's name, the window sentence with both images and capture times,
// the full SHA-256 of both bracketing originals, the linked excerpts'
// citations; its manifest names the site and both originals.
func TestSiteSheetEndToEnd(t *testing.T) {
	need(t, "pdftotext")
	ctx := context.Background()
	c := sampleCase(t)
	s, err := c.FindSite(ctx, "No. 12, Old Mill Street")
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.SiteReport(ctx, s.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site.pdf")
	e, err := WriteSheets(ctx, c, Target{Sites: []int64{s.ID}}, out, sheet.Options{Created: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), Version: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(txt)), " ")
	want := []string{"Exhibit site sheet", "No. 12, Old Mill Street", "Timeline", "When it was damaged", "Where",
		strings.Join(strings.Fields(WindowSentence(r)), " "),
		"05-drone-before.jpg (image 5), taken 2017-10-12T09:15:40+03:00",
		"08-witness-rubble.jpg (image 8), taken 2017-10-15T16:10:02+03:00",
		"Before: last seen intact", "After: first seen destroyed", "¶ 9"}
	for _, id := range []int64{r.Window.BeforeImage, r.Window.AfterImage} {
		im, _ := c.Image(ctx, id)
		want = append(want, im.SHA256)
	}
	// Each quote cites its report file by its SHA-256, short; the manifest
	// holds it whole.
	reps, err := c.Reports(ctx)
	if err != nil || len(reps) == 0 {
		t.Fatalf("reports %v, %v", reps, err)
	}
	want = append(want, "report SHA-256 "+reps[0].SHA256[:12])
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("the site sheet lacks %q", w)
		}
	}
	cr, err := manifest.FromPDF(out)
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(cr.JSON, &m); err != nil {
		t.Fatal(err)
	}
	for _, ex := range m.Items[0].Excerpts {
		if ex.ReportSHA256 != reps[0].SHA256 {
			t.Errorf("manifest: excerpt %d of report %q", ex.ExcerptID, ex.ReportSHA256)
		}
	}
	if len(m.Items[0].Excerpts) == 0 {
		t.Error("manifest: no excerpt")
	}
	it := m.Items[0]
	if it.Site == nil || *it.Site != s.ID || it.Window != WindowSentence(r) || len(it.Images) != 2 || it.Images[0].ImageID != 5 || it.Images[1].ImageID != 8 {
		t.Errorf("manifest item %+v", it)
	}
	if e.SHA256 == "" {
		t.Error("the export is not recorded done")
	}
}

// A site without a window has no sheet, and says why.
func TestSiteSheetNeedsAWindow(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	// The sample case is shared by the package's tests (and by -count
	// runs): a name of its own each time.
	s, err := c.AddSite(ctx, catalog.NewSite{Name: fmt.Sprintf("Empty lot %d", time.Now().UnixNano()), Lat: 20.3451, Lon: 50.7752})
	if err != nil {
		t.Fatal(err)
	}
	_, err = SiteSheet(ctx, c, s.ID)
	if err == nil || !strings.Contains(err.Error(), "no window yet") {
		t.Errorf("err %v", err)
	}
}
