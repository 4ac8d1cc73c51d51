package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestImportDialogListsFailures imports a good photo, a truncated one
// (imported with a warning) and a text file named .jpg (failed): the
// dialog ends with a summary and the files with their reasons, and the
// library shows the new images.
func TestImportDialogListsFailures(t *testing.T) {
	corpus := apptest.CorpusDir(t)
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	l := tw.library()
	before := l.total

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

	di := tw.startImport([]string{good, dir})
	if di == nil {
		t.Fatal("no import started")
	}
	if apptest.FindButton(tw.topOverlay(), "Cancel") == nil {
		t.Error("no Cancel button while importing")
	}
	tw.q.WaitUntil(t, "the import", func() bool { return di.done })
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
	if apptest.FindButton(tw.topOverlay(), "Close") == nil || apptest.FindButton(tw.topOverlay(), "Copy the list") == nil {
		t.Error("no Close or Copy button at the end")
	}
	test.Tap(apptest.FindButton(tw.topOverlay(), "Copy the list"))
	if clip := tw.app.Clipboard().Content(); !strings.Contains(clip, "broken.jpg") {
		t.Errorf("clipboard %q", clip)
	}
	// the library was told and reads the case again
	tw.waitLibrary(t)
	if l.total != before+2 {
		t.Errorf("library total %d, want %d", l.total, before+2)
	}
}

// TestImportUnreadableFolder shows a clear message for a folder that does
// not exist, in the import dialog.
func TestImportUnreadableFolder(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	di := tw.startImport([]string{filepath.Join(t.TempDir(), "no such folder")})
	tw.q.WaitUntil(t, "the import", func() bool { return di.done })
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
	tw := newTestWindow(t, c)
	dir := t.TempDir()
	const n = 1500
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("IMG_%04d.jpg", i)), smallJPEG(t, 100000+i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	di := tw.startImport([]string{dir})
	tw.q.WaitUntil(t, "the import to start", func() bool {
		di.mu.Lock()
		defer di.mu.Unlock()
		return di.last.Done > 0 || di.done
	})
	test.Tap(apptest.FindButton(tw.topOverlay(), "Cancel"))
	tw.q.WaitUntil(t, "the import to stop", func() bool { return di.done })
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
