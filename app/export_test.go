package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// fillExport points the export dialog open at dir/name and starts it.
func fillExport(t *testing.T, tw *testWindow, dir, name string) *exportForm {
	t.Helper()
	f := tw.lastExport
	if f == nil || f.state != exportAsking {
		t.Fatal("no export dialog open")
	}
	f.folder.SetText(dir)
	f.name.SetText(name)
	tw.tapOverlayButton(t, "Export")
	return f
}

// waitExport waits for the export to end.
func waitExport(t *testing.T, tw *testWindow, f *exportForm) {
	t.Helper()
	tw.q.WaitFor(t, "the export", 60e9, func() bool { return f.state > exportRunning })
	if f.state == exportFailed {
		t.Fatalf("export failed: %v", f.err)
	}
}

// checkExported checks that the file exists, is recorded with its SHA-256
// (shown in the result), and returns its bytes.
func checkExported(t *testing.T, tw *testWindow, c *catalog.Case, f *exportForm, kind string) []byte {
	t.Helper()
	if f.state != exportDone || f.export == nil {
		t.Fatalf("export state %v", f.state)
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if f.export.SHA256 != hex.EncodeToString(sum[:]) || f.export.Kind != kind || f.export.Path != f.path {
		t.Errorf("recorded %+v for %s (%x)", f.export, f.path, sum)
	}
	es, _ := c.Exports(context.Background())
	if len(es) == 0 || es[len(es)-1].ID != f.export.ID {
		t.Error("the export is not in the case's exports")
	}
	if a := auditActions(t, c); a[len(a)-1] != "export."+kind {
		t.Errorf("audit ends with %q", a[len(a)-1])
	}
	if !strings.Contains(tw.overlayText(), f.export.SHA256) {
		t.Error("the result does not show the SHA-256")
	}
	tw.tapOverlayButton(t, "Close")
	return data
}

// TestExportSheetFromCompare exports the sheet of the pair shown, in
// landscape Letter, and checks the PDF, the record and the settings.
func TestExportSheetFromCompare(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	openCompare(t, tw, 1)
	dir := t.TempDir()
	tw.menuAction(t, "File", "Export sheet…")
	f := tw.lastExport
	if !strings.HasPrefix(f.name.Text, "Pair 1 - Souq Street") || !strings.HasSuffix(f.name.Text, ".pdf") {
		t.Errorf("file name offered %q", f.name.Text)
	}
	f.paper.SetSelected("Letter")
	f.orient.SetSelected("Landscape")
	fillExport(t, tw, dir, "souq")
	waitExport(t, tw, f)
	if f.path != filepath.Join(dir, "souq.pdf") {
		t.Errorf("written to %s", f.path)
	}
	data := checkExported(t, tw, c, f, "sheet")
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
	if tw.lastExport.folder.Text != dir {
		t.Errorf("folder offered %q", tw.lastExport.folder.Text)
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
	l := tw.library()
	l.grid.SetSelected(l.src.IDs())
	before, _ := c.Exports(context.Background())
	tw.menuAction(t, "File", "Export sheets…")
	dir := t.TempDir()
	f := fillExport(t, tw, dir, "all.pdf")
	if f.state != exportRunning || !strings.Contains(tw.overlayText(), "Cancel") {
		t.Fatalf("no progress dialog: %q", tw.overlayText())
	}
	tw.tapOverlayButton(t, "Cancel")
	waitExport(t, tw, f)
	if f.state != exportCancelled {
		t.Fatalf("state %v after Cancel", f.state)
	}
	if !strings.Contains(tw.overlayText(), "Nothing was written") {
		t.Errorf("after cancelling: %q", tw.overlayText())
	}
	tw.q.Settle()
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("left in the folder: %v", files)
	}
	if after, _ := c.Exports(context.Background()); len(after) != len(before) {
		t.Errorf("%d exports recorded, %d before", len(after), len(before))
	}
}

// TestExportImageAndCatalog exports the image of the review screen with
// a mark drawn on it (PNG, full resolution) and the catalog as CSV and
// GeoJSON.
func TestExportImageAndCatalog(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	tw.q.WaitUntil(t, "the image shown", func() bool { return r.image.Stage >= ui.StagePreview })
	l := r.image.Layer
	test.Tap(r.tools.Tools[viewer.ToolRect])
	dragLayer(l, 0.25, 0.25, 0.75, 0.75)
	if n := len(l.Annotations()); n != 1 {
		t.Fatalf("%d marks drawn", n)
	}
	dir := t.TempDir()
	tw.win.Canvas().(fyne.Shortcutable).TypedShortcut(chord(fyne.KeyS, ctrl|fyne.KeyModifierShift))
	f := fillExport(t, tw, dir, "marked")
	waitExport(t, tw, f)
	data := checkExported(t, tw, c, f, "png")
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	w, h := r.im.UprightSize()
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
		f := fillExport(t, tw, dir, "catalog")
		waitExport(t, tw, f)
		data := checkExported(t, tw, c, f, kind)
		if filepath.Ext(f.path) != "."+kind {
			t.Errorf("written to %s", f.path)
		}
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
			f := fillExport(t, tw, filepath.Dir(tt.path), filepath.Base(tt.path))
			text := tw.overlayText()
			if f.state != exportFailed || !strings.Contains(text, "Nothing was exported") || !strings.Contains(text, tt.why) {
				t.Errorf("state %v, the window says %q; want a refusal saying %q", f.state, text, tt.why)
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
