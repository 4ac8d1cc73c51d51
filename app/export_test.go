package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// exportFields are the fields of the export dialog on top of the window,
// found in its widget tree.
type exportFields struct {
	folder, name  *widget.Entry
	paper, orient *widget.RadioGroup
}

// exportDialog returns the fields of the export dialog on top.
func exportDialog(t *testing.T, tw *testWindow) exportFields {
	t.Helper()
	if apptest.FindButton(tw.topOverlay(), "Export") == nil {
		t.Fatalf("no export dialog open: %q", tw.overlayText())
	}
	f := exportFields{folder: apptest.FormEntry(t, tw.win, "Folder"), name: apptest.FormEntry(t, tw.win, "File name")}
	f.paper, _ = apptest.FormWidget(tw.topOverlay(), "Paper").(*widget.RadioGroup)
	f.orient, _ = apptest.FormWidget(tw.topOverlay(), "Orientation").(*widget.RadioGroup)
	return f
}

// fillExport points the export dialog open at dir/name and starts it.
func fillExport(t *testing.T, tw *testWindow, dir, name string) {
	t.Helper()
	f := exportDialog(t, tw)
	f.folder.SetText(dir)
	f.name.SetText(name)
	tw.tapOverlayButton(t, "Export")
}

// exportEnd waits for the export started to end, and returns how, as
// the window says it: "Export complete" or "Export cancelled" (a failure
// fails the test).
func exportEnd(t *testing.T, tw *testWindow) string {
	t.Helper()
	var end string
	tw.q.WaitFor(t, "the export", 60e9, func() bool {
		text := tw.overlayText()
		for _, s := range []string{"Export complete", "Export cancelled", "Could not export"} {
			if strings.Contains(text, s) {
				end = s
				return true
			}
		}
		return false
	})
	if end == "Could not export" {
		t.Fatalf("export failed: %s", tw.overlayText())
	}
	return end
}

// waitExport waits for the export to complete.
func waitExport(t *testing.T, tw *testWindow) {
	t.Helper()
	if end := exportEnd(t, tw); end != "Export complete" {
		t.Fatalf("the export ended with %q", end)
	}
}

// checkExported checks that the export just completed wrote path, is
// recorded in the case with its SHA-256 (shown in the result, with its
// record), and returns its bytes.
func checkExported(t *testing.T, tw *testWindow, c *catalog.Case, path, kind string) []byte {
	t.Helper()
	es, _ := c.Exports(context.Background())
	if len(es) == 0 {
		t.Fatal("the export is not in the case's exports")
	}
	e := es[len(es)-1]
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if e.SHA256 != hex.EncodeToString(sum[:]) || e.Kind != kind || e.Path != path {
		t.Errorf("recorded %+v for %s (%x)", e, path, sum)
	}
	if a := apptest.AuditActions(t, c); a[len(a)-1] != "export."+kind {
		t.Errorf("audit ends with %q", a[len(a)-1])
	}
	text := tw.overlayText()
	if !strings.Contains(text, e.SHA256) {
		t.Error("the result does not show the SHA-256")
	}
	if !strings.Contains(text, fmt.Sprintf("as export %d,", e.ID)) {
		t.Errorf("the result does not name the export recorded (%d): %q", e.ID, text)
	}
	tw.tapOverlayButton(t, "Close")
	return data
}

// selectAll selects every image of the library (Ctrl+A in its grid).
func selectAll(t *testing.T, tw *testWindow) {
	t.Helper()
	grid, ok := apptest.Find[*viewer.ThumbGrid](tw.library().Content())
	if !ok {
		t.Fatal("no thumbnail grid in the library")
	}
	grid.SetSelected(tw.libraryIDs())
	if n := len(tw.library().Selected()); n != len(tw.libraryIDs()) {
		t.Fatalf("%d images selected of %d", n, len(tw.libraryIDs()))
	}
}

// TestExportSheetFromCompare exports the sheet of the pair shown, in
// landscape Letter, and checks the PDF, the record and the settings.
func TestExportSheetFromCompare(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	openCompare(t, tw, 1)
	dir := t.TempDir()
	tw.menuAction(t, "File", "Export sheet…")
	f := exportDialog(t, tw)
	if !strings.HasPrefix(f.name.Text, "Pair 1 - Souq Street") || !strings.HasSuffix(f.name.Text, ".pdf") {
		t.Errorf("file name offered %q", f.name.Text)
	}
	if f.paper == nil || f.orient == nil {
		t.Fatal("a sheet's export offers no paper or orientation")
	}
	f.paper.SetSelected("Letter")
	f.orient.SetSelected("Landscape")
	fillExport(t, tw, dir, "souq")
	waitExport(t, tw)
	data := checkExported(t, tw, c, filepath.Join(dir, "souq.pdf"), "sheet")
	if !bytes.HasPrefix(data, []byte("%PDF")) || len(data) < 10000 {
		t.Errorf("%d bytes, not a PDF sheet", len(data))
	}
	if paper, landscape := tw.settings.SheetPaper(); paper != "Letter" || !landscape || tw.settings.LastExportFolder() != dir {
		t.Errorf("remembered %s %v %s", paper, landscape, tw.settings.LastExportFolder())
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*")) // temporary files are hidden
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// Again to the same file: asked before replacing; the dialog opens on
	// the folder used.
	tw.menuAction(t, "File", "Export sheet…")
	if got := exportDialog(t, tw).folder.Text; got != dir {
		t.Errorf("folder offered %q", got)
	}
	fillExport(t, tw, dir, "souq.pdf")
	if !strings.Contains(tw.overlayText(), "Replace") {
		t.Fatalf("replacing a file asks %q", tw.overlayText())
	}
	tw.tapOverlayButton(t, "Cancel")
	if got, _ := os.ReadFile(filepath.Join(dir, "souq.pdf")); !bytes.Equal(got, data) {
		t.Error("the file changed though not replaced")
	}
}

// TestExportCancel exports every image's sheet from the library and
// cancels at once: nothing is written or recorded.
func TestExportCancel(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	selectAll(t, tw)
	before, _ := c.Exports(context.Background())
	tw.menuAction(t, "File", "Export sheets…")
	dir := t.TempDir()
	fillExport(t, tw, dir, "all.pdf")
	if apptest.FindButton(tw.topOverlay(), "Cancel") == nil || !strings.Contains(tw.overlayText(), filepath.Join(dir, "all.pdf")) {
		t.Fatalf("no progress dialog: %q", tw.overlayText())
	}
	tw.tapOverlayButton(t, "Cancel")
	if end := exportEnd(t, tw); end != "Export cancelled" {
		t.Fatalf("%q after Cancel", end)
	}
	if !strings.Contains(tw.overlayText(), "Nothing was written") {
		t.Errorf("after cancelling: %q", tw.overlayText())
	}
	tw.q.Settle()
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("left in the folder: %v", files)
	}
	// A cancel that lands once the export has begun leaves it in the
	// record, as cancelled: never as done.
	after, _ := c.Exports(context.Background())
	if len(after) > len(before)+1 {
		t.Errorf("%d exports recorded, %d before", len(after), len(before))
	}
	known := map[int64]bool{}
	for _, e := range before {
		known[e.ID] = true
	}
	for _, e := range after {
		if !known[e.ID] && e.Status != catalog.ExportCancelled {
			t.Errorf("export %d recorded %s after Cancel; want none, or cancelled", e.ID, e.Status)
		}
	}
}

// TestExportImageAndCatalog exports the image of the review screen with
// a mark drawn on it (PNG, full resolution) and the catalog as CSV and
// GeoJSON.
func TestExportImageAndCatalog(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	openReview(t, tw, 0)
	l := reviewLayer(t, tw)
	l.SetTool(viewer.ToolRect)
	apptest.DragLayer(l, 0.25, 0.25, 0.75, 0.75)
	if n := len(l.Annotations()); n != 1 {
		t.Fatalf("%d marks drawn", n)
	}
	dir := t.TempDir()
	tw.win.Canvas().(fyne.Shortcutable).TypedShortcut(chord(fyne.KeyS, ctrl|fyne.KeyModifierShift))
	fillExport(t, tw, dir, "marked")
	waitExport(t, tw)
	data := checkExported(t, tw, c, filepath.Join(dir, "marked.png"), "png")
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	w, h := tw.ReviewImage().UprightSize()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("PNG %v, original %d×%d", b, w, h)
	}
	// the rect's left edge, halfway down, is drawn in the mark's colour
	col, _ := tw.settings.MarkStyle()
	want, _ := annot.ParseColor(col)
	cr, cg, cb, _ := img.At(w/4, h/2).RGBA()
	if d := math.Abs(float64(cr>>8)-float64(want.R)) + math.Abs(float64(cg>>8)-float64(want.G)) + math.Abs(float64(cb>>8)-float64(want.B)); d > 60 {
		t.Errorf("pixel on the mark is %d,%d,%d, want about %v", cr>>8, cg>>8, cb>>8, want)
	}

	for _, kind := range []string{"csv", "geojson"} {
		label := map[string]string{"csv": "Export the catalog as CSV…", "geojson": "Export the catalog as GeoJSON…"}[kind]
		tw.menuAction(t, "File", label)
		fillExport(t, tw, dir, "catalog")
		waitExport(t, tw)
		// the extension of the kind is added to the name given
		data := checkExported(t, tw, c, filepath.Join(dir, "catalog."+kind), kind)
		switch kind {
		case "csv":
			if lines := strings.Count(string(data), "\n"); lines != 12 || !strings.HasPrefix(string(data), "id,sha256") {
				t.Errorf("CSV of %d lines: %.60q", lines, data)
			}
			// the investigators' notes and the links' notes are exported
			head, _, _ := strings.Cut(string(data), "\n")
			if !strings.HasSuffix(head, ",note,notes,link_notes") || !strings.Contains(string(data), "camera stored it on its side") {
				t.Errorf("CSV without the notes: %q", head)
			}
		case "geojson":
			// the 11 images, and the sample's site (its circle)
			if !strings.Contains(string(data), `"FeatureCollection"`) || strings.Count(string(data), `"Feature"`) != 12 ||
				!strings.Contains(string(data), `"site"`) {
				t.Errorf("GeoJSON: %.80q", data)
			}
		}
	}
}

// TestExportRefusesEvidence: the export dialog pointed at a symbolic or a
// hard link to an original, a named pipe or a file in the case folder says why
// nothing was exported, before asking to replace anything, and writes
// and records nothing.
func TestExportRefusesEvidence(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	openCompare(t, tw, 1)
	ctx := context.Background()
	im, err := c.Image(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	orig := im.Paths()[0]
	tmp := t.TempDir()
	hard := filepath.Join(tmp, "hard.pdf")
	if err := os.Link(orig, hard); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(tmp, "link.pdf")
	if err := os.Symlink(orig, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(tmp, "pipe.pdf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := c.Exports(ctx)
	for _, tt := range []struct{ name, path, why string }{
		{"a symbolic link to an original", link, "an original of the case"},
		{"a hard link to an original", hard, "its bytes are those of an original"},
		{"a named pipe", fifo, "is a named pipe"},
		{"in the case folder", filepath.Join(c.Dir(), "sheet.pdf"), "inside the case folder"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, _ := os.Lstat(tt.path)
			var oldBytes []byte
			if old != nil && old.Mode().IsRegular() {
				oldBytes, _ = os.ReadFile(tt.path)
			}
			tw.menuAction(t, "File", "Export sheet…")
			fillExport(t, tw, filepath.Dir(tt.path), filepath.Base(tt.path))
			text := tw.overlayText()
			if !strings.Contains(text, "Nothing was exported") || !strings.Contains(text, tt.why) {
				t.Errorf("the window says %q; want a refusal saying %q", text, tt.why)
			}
			if strings.Contains(text, "Replace") {
				t.Error("asked to replace evidence")
			}
			tw.tapOverlayButton(t, "Close")
			now, _ := os.Lstat(tt.path)
			if (old == nil) != (now == nil) || old != nil && old.Mode() != now.Mode() {
				t.Errorf("%s is now %v, was %v", tt.path, now, old)
			}
			if oldBytes != nil {
				if b, _ := os.ReadFile(tt.path); !bytes.Equal(b, oldBytes) {
					t.Error("the file changed")
				}
			}
		})
	}
	tw.q.Settle()
	if after, _ := c.Exports(ctx); len(after) != len(before) {
		t.Errorf("%d exports recorded, %d before", len(after), len(before))
	}
}

// With "Quotes" ticked, a sheet prints under a quote from a PDF report
// the part of its page it stands on (one picture more in the PDF than the
// same sheet without), and the choice is remembered.
func TestExportSheetQuotesPageRegion(t *testing.T) {
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Fatalf("this test counts a PDF's pictures with pdfimages (poppler-utils), not installed: %v", err)
	}
	c := apptest.SampleCase(t)
	ctx := context.Background()
	_, bakery := apptest.SurveyBakery(t, c)
	pairs, err := c.Pairs(ctx)
	if err != nil {
		t.Fatalf("pairs %v, %v", pairs, err)
	}
	if _, err := c.AddLink(ctx, pairs[0].BeforeID, bakery.ID, "", nil); err != nil {
		t.Fatal(err)
	}
	tw := newTestWindow(t, c)
	openCompare(t, tw, pairs[0].ID)
	dir := t.TempDir()
	pictures := func(name string, quotes bool) int {
		t.Helper()
		tw.menuAction(t, "File", "Export sheet…")
		q, _ := apptest.FormWidget(tw.topOverlay(), "Quotes").(*widget.Check)
		if q == nil {
			t.Fatal("a sheet's export offers no choice for its quotes")
		}
		q.SetChecked(quotes)
		fillExport(t, tw, dir, name)
		waitExport(t, tw)
		tw.tapOverlayButton(t, "Close")
		out, err := exec.Command("pdfimages", "-list", filepath.Join(dir, name+".pdf")).Output()
		if err != nil {
			t.Fatalf("pdfimages: %v", err)
		}
		return len(strings.Split(strings.TrimSpace(string(out)), "\n")) - 2 // two lines of header
	}
	plain := pictures("plain", false)
	if tw.settings.SheetQuoteImages() {
		t.Error("quotes' regions remembered on though unticked")
	}
	quoted := pictures("quoted", true)
	if quoted != plain+1 {
		t.Errorf("%d pictures with the quote's page region, %d without: want one more", quoted, plain)
	}
	if !tw.settings.SheetQuoteImages() {
		t.Error("the choice of quotes' regions is not remembered")
	}
}
