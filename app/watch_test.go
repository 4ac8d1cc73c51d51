package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// A command imports into the case while the window shows it: the status
// bar says so, and Reload (or Ctrl+R) shows the new images. The window's
// own changes are not reported as made elsewhere.
func TestChangesMadeElsewhere(t *testing.T) {
	const every = 20 * time.Millisecond
	c := apptest.SampleCase(t)
	tw := newTestWindowWith(t, c, windowOptions{version: "test", watchEvery: every})
	before := len(tw.libraryIDs())

	// A change made in the window: no note.
	ctx := context.Background()
	if err := c.AddTag(ctx, 1, "checked"); err != nil {
		t.Fatal(err)
	}
	tw.changed(nil)
	time.Sleep(10 * every)
	tw.q.Drain()
	if tw.status.changesBox.Visible() {
		t.Fatalf("the window's own change is reported as made elsewhere: %q", tw.status.changes.Text)
	}

	// The same case, opened by a command, imports two photos.
	cli, err := catalog.Open(ctx, c.Dir())
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	cli.SetProgram("exhibit import")
	dir := t.TempDir()
	for i, name := range []string{"a.jpg", "b.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, name), apptest.SmallJPEG(t, 4242+i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := cli.Import(ctx, []string{dir}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	tw.q.WaitUntil(t, "the note of changes made elsewhere", func() bool { return tw.status.changesBox.Visible() })
	if got := tw.status.changes.Text; !strings.Contains(got, "2 images added") || !strings.Contains(got, "exhibit import") {
		t.Errorf("note = %q; want 2 images added, by exhibit import", got)
	}
	if n := len(tw.libraryIDs()); n != before {
		t.Fatalf("the library reloaded by itself (%d images, was %d); it waits for Reload", n, before)
	}

	test.Tap(tw.status.reload)
	tw.waitLibrary(t)
	if n := len(tw.libraryIDs()); n != before+2 || tw.status.changesBox.Visible() {
		t.Errorf("after Reload: %d images (want %d), note shown %v", n, before+2, tw.status.changesBox.Visible())
	}
}

func TestChangeSummaryText(t *testing.T) {
	var s changeSummary
	if s.text() != "" {
		t.Errorf("empty summary says %q", s.text())
	}
	s.add([]catalog.AuditEntry{
		{Action: "import.start", Actor: "ana@laptop, exhibit import"},
		{Action: "image.add", Actor: "ana@laptop, exhibit import"},
		{Action: "import.end", Actor: "ana@laptop, exhibit import"},
		{Action: "link.add", Actor: "sam@desk, exhibit app"},
		{Action: "verify"},
	})
	want := "Changed elsewhere: 1 image added and 1 other change, by ana@laptop, exhibit import; sam@desk, exhibit app; an older Exhibit."
	if got := s.text(); got != want {
		t.Errorf("text = %q\nwant %q", got, want)
	}
}
