package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe in an imported folder is skipped with its reason, never
// opened: reading it would wait forever for a writer.
func TestImportSkipsNamedPipe(t *testing.T) {
	src := t.TempDir()
	copyFile(t, filepath.Join(corpusDir(t), "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "a.jpg"))
	fifo := filepath.Join(src, "pipe.jpg")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	c := openTestCase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if res.Added != 1 || len(res.Failed) != 0 {
		t.Errorf("added %d, failed %+v; want the photo added and nothing failed", res.Added, res.Failed)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].Path != fifo || !strings.Contains(res.Skipped[0].Reason, "named pipe") {
		t.Errorf("skipped = %+v; want %s as a named pipe", res.Skipped, fifo)
	}

	// Given by name, it is reported as a failure, still without being opened.
	res, err = c.Import(ctx, []string{fifo}, ImportOptions{})
	if err != nil {
		t.Fatalf("import of the pipe itself: %v", err)
	}
	if len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Error, "named pipe") {
		t.Errorf("failed = %+v; want the pipe, as a named pipe", res.Failed)
	}
}

// A folder that cannot be read is reported and the import goes on with the
// rest; what the case held before is kept. (Root reads every folder, so the
// test needs an ordinary user.)
func TestImportUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: every folder is readable")
	}
	corpus := corpusDir(t)
	src := t.TempDir()
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "open/a.jpg"))
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0012.jpg"), filepath.Join(src, "locked/b.jpg"))
	c := openTestCase(t)
	ctx := context.Background()
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(src, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	res, err := c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatalf("import with an unreadable folder: %v", err)
	}
	if len(res.Failed) != 1 || res.Failed[0].Path != locked || !strings.Contains(res.Failed[0].Error, "cannot read folder") {
		t.Errorf("failed = %+v; want %s, cannot read folder", res.Failed, locked)
	}
	if res.Unchanged != 1 || res.Gone != 0 {
		t.Errorf("unchanged %d, gone %d; want the readable photo unchanged and nothing marked gone", res.Unchanged, res.Gone)
	}
	if _, err := c.FindImage(ctx, filepath.Join(locked, "b.jpg")); err != nil {
		t.Errorf("the photo in the unreadable folder was lost from the case: %v", err)
	}
}

// An original replaced by a named pipe is reported by verify, and reading
// the original fails; neither waits for a writer that never comes.
func TestOriginalReplacedByPipe(t *testing.T) {
	src := t.TempDir()
	path := filepath.Join(src, "a.jpg")
	copyFile(t, filepath.Join(corpusDir(t), "exif-samples/jpg/gps/DSCN0010.jpg"), path)
	c := openTestCase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	im, err := c.FindImage(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		rs, err := c.Verify(ctx, nil)
		if err != nil || len(rs) != 1 || rs[0].Status != "unreadable" || !strings.Contains(rs[0].Error, "named pipe") {
			t.Errorf("verify = %+v, %v; want the path unreadable, a named pipe", rs, err)
		}
		if _, _, err := c.ReadOriginal(ctx, im); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("ReadOriginal error = %v; want a named pipe", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("verify or ReadOriginal is blocked on the pipe")
	}
}

// Importing the case's own folder (or its cache) is refused with a message,
// instead of silently finding nothing.
func TestImportOfTheCaseFolderIsRefused(t *testing.T) {
	c := openTestCase(t)
	for _, p := range []string{c.Dir(), filepath.Join(c.Dir(), "cache")} {
		_, err := c.Import(context.Background(), []string{p}, ImportOptions{})
		if err == nil || !strings.Contains(err.Error(), "the case's own folder") {
			t.Errorf("import %s: %v; want it refused as the case's own folder", p, err)
		}
	}
}
