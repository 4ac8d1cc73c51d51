package importer

import (
	"bytes"
	"image"
	"image/jpeg"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"

	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// newHost returns a test host and a session on c.
func newHost(t *testing.T, c *catalog.Case) (*apptest.Host, *ui.Session) {
	t.Helper()
	h := apptest.NewHost(t)
	s := ui.NewSession(c)
	t.Cleanup(func() {
		h.Q.Settle()
		s.Cancel()
		h.Q.Settle()
	})
	return h, s
}

// distinctJPEG returns a small JPEG of a colour of its own for each i.
func distinctJPEG(t *testing.T, i int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for p := 0; p < len(img.Pix); p += 4 {
		img.Pix[p], img.Pix[p+1], img.Pix[p+2], img.Pix[p+3] = uint8(i), uint8(i>>8), uint8(p), 255
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportDialogListsFailures imports a good photo, a truncated one
// (imported with a warning) and a text file named .jpg (failed): the
// dialog ends with a summary and the files with their reasons, and the
// window is told of the new images.
func TestImportDialogListsFailures(t *testing.T) {
	corpus := apptest.CorpusDir(t)
	c := apptest.SampleCase(t)
	h, s := newHost(t, c)
	before, err := c.CountImages(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.jpg")
	if err := os.WriteFile(broken, []byte("this is a text file named like a photo"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(corpus, "goexif", "sample1.jpg")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Skip("corpus photo absent:", err)
	}
	truncated := filepath.Join(dir, "truncated.jpg")
	if err := os.WriteFile(truncated, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}

	di := Start(h, s, []string{good, dir})
	if di == nil {
		t.Fatal("no import started")
	}
	if apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Cancel") == nil {
		t.Error("no Cancel button while importing")
	}
	h.Q.WaitUntil(t, "the import", func() bool { return di.done })
	if di.err != nil {
		t.Fatal(di.err)
	}
	if di.result.Added != 2 {
		t.Errorf("added %d, want 2", di.result.Added)
	}
	kinds := map[string]string{}
	for _, p := range di.problems {
		kinds[filepath.Base(p.path)] = p.kind
		if p.reason == "" {
			t.Errorf("%s listed without a reason", p.path)
		}
	}
	if kinds["broken.jpg"] != "Failed" || kinds["truncated.jpg"] != "Warning" || di.problems[0].kind != "Failed" {
		t.Errorf("problems listed: %+v", di.problems)
	}
	if di.list == nil || di.list.Length() != len(di.problems) {
		t.Fatal("the problems are not listed in the dialog")
	}
	if !strings.Contains(di.summary.Text, "2 new images added") || !strings.Contains(di.summary.Text, "1 file could not be imported") ||
		!strings.Contains(di.summary.Text, "1 file was imported with a warning") {
		t.Errorf("summary %q", di.summary.Text)
	}
	di.list.Select(0)
	if !strings.Contains(di.detail.Text, di.problems[0].reason) {
		t.Errorf("detail %q", di.detail.Text)
	}
	if apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Close") == nil || apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Copy the list") == nil {
		t.Error("no Close or Copy button at the end")
	}
	test.Tap(apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Copy the list"))
	if clip := h.App.Clipboard().Content(); !strings.Contains(clip, "broken.jpg") {
		t.Errorf("clipboard %q", clip)
	}
	// the window was told the case changed
	if h.Changes == 0 {
		t.Error("the window was not told of the images imported")
	}
	if got, _ := c.CountImages(context.Background()); got != before+2 {
		t.Errorf("%d images in the case, want %d", got, before+2)
	}
}

// TestImportUnreadableFolder shows a clear message for a folder that does
// not exist, in the import dialog.
func TestImportUnreadableFolder(t *testing.T) {
	c := apptest.SampleCase(t)
	h, s := newHost(t, c)
	di := Start(h, s, []string{filepath.Join(t.TempDir(), "no such folder")})
	h.Q.WaitUntil(t, "the import", func() bool { return di.done })
	if di.err == nil {
		t.Fatal("importing a missing folder succeeded")
	}
	if !strings.Contains(di.summary.Text, "no such folder") || di.counts.Text != "Nothing was imported." {
		t.Errorf("message %q / %q", di.summary.Text, di.counts.Text)
	}
}

// TestImportCancel cancels an import under way: what was imported stays,
// and the summary says how to resume.
func TestImportCancel(t *testing.T) {
	c := apptest.SampleCase(t)
	h, s := newHost(t, c)
	dir := t.TempDir()
	const n = 1500
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("IMG_%04d.jpg", i)), distinctJPEG(t, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	di := Start(h, s, []string{dir})
	h.Q.WaitUntil(t, "the import to start", func() bool {
		di.mu.Lock()
		defer di.mu.Unlock()
		return di.last.Done > 0 || di.done
	})
	test.Tap(apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Cancel"))
	h.Q.WaitUntil(t, "the import to stop", func() bool { return di.done })
	if di.err != nil {
		t.Fatal(di.err)
	}
	r := di.result
	if !r.Cancelled || r.Added >= n {
		t.Skipf("the import of %d files ended before the cancel took effect (added %d)", n, r.Added)
	}
	if !strings.Contains(di.summary.Text, "Import cancelled") {
		t.Errorf("summary %q", di.summary.Text)
	}
	got, err := c.CountImages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got != 11+r.Added {
		t.Errorf("%d images in the case after cancelling, want %d", got, 11+r.Added)
	}
}

// TestImportStepsAside: the dialog can step aside while the import runs
// (the library shows the files arriving, then the images), and comes back
// with the summary. The window is told of the files arriving, of the
// first look and of the end; no file is left shown as arriving.
func TestImportStepsAside(t *testing.T) {
	c := apptest.SampleCase(t)
	h, s := newHost(t, c)
	dir := t.TempDir()
	for i := range 3 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("IMG_%04d.jpg", i)), distinctJPEG(t, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	di := Start(h, s, []string{dir})
	aside := apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Work while it imports")
	if aside == nil {
		t.Fatal("no button to work while it imports")
	}
	test.Tap(aside)
	if top := h.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("the dialog is still shown after stepping aside")
	}
	h.Q.WaitUntil(t, "the import", func() bool { return di.done })
	top := h.Win.Canvas().Overlays().Top()
	if top == nil || apptest.FindButton(top, "Close") == nil {
		t.Fatal("the summary did not come back at the end of the import")
	}
	if !strings.Contains(di.summary.Text, "3 new images added") {
		t.Errorf("summary %q", di.summary.Text)
	}
	if h.Changes != 3 {
		t.Errorf("the window was told %d times the case changed; want 3 (arriving, first look, end)", h.Changes)
	}
	if a := s.Arriving(); a != nil {
		t.Errorf("%d files still shown arriving after the import", len(a))
	}
}
