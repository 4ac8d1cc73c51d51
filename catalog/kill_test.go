package catalog

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as an importing child process for
// TestImportKilledMidway, and as an exporting one for
// TestExportKilledMidway.
func TestMain(m *testing.M) {
	if dir := os.Getenv("EXHIBIT_TEST_EXPORT_CASE"); dir != "" {
		exportChild(dir, os.Getenv("EXHIBIT_TEST_EXPORT_STAGE"), os.Getenv("EXHIBIT_TEST_EXPORT_PATH"))
	}
	if dir := os.Getenv("EXHIBIT_TEST_IMPORT_CASE"); dir != "" {
		c, err := Open(context.Background(), dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		_, err = c.Import(context.Background(), []string{os.Getenv("EXHIBIT_TEST_IMPORT_SRC")}, ImportOptions{Workers: 2})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writeNoiseJPEGs writes n distinct JPEGs of w×h pixels into dir.
func writeNoiseJPEGs(t testing.TB, dir string, n, w, h int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range n {
		for y := 0; y < h; y += 8 {
			for x := 0; x < w; x += 8 {
				c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(i), 255}
				for yy := y; yy < min(y+8, h); yy++ {
					for xx := x; xx < min(x+8, w); xx++ {
						img.SetRGBA(xx, yy, c)
					}
				}
			}
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("img%04d.jpg", i)))
		if err != nil {
			t.Fatal(err)
		}
		if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// TestImportKilledMidway kills (SIGKILL) an import in a child process once
// it has cataloged part of a folder, then imports again: the catalog passes
// SQLite's integrity check, nothing cataloged is lost, and the second run
// completes the work without adding anything twice.
func TestImportKilledMidway(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	src := t.TempDir()
	const n = 160
	writeNoiseJPEGs(t, src, n, 1024, 768)
	caseDir := filepath.Join(t.TempDir(), "Killed.exhibit")
	c, err := Open(context.Background(), caseDir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "EXHIBIT_TEST_IMPORT_CASE="+caseDir, "EXHIBIT_TEST_IMPORT_SRC="+src)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var atKill int
	deadline := time.Now().Add(2 * time.Minute)
	for {
		atKill, _ = c.CountImages(context.Background())
		if atKill >= n/5 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the child import ended before it could be killed (%d images): %v", atKill, err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the child import made no progress")
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	killed, _ := c.CountImages(context.Background())
	if killed >= n {
		t.Fatalf("the import finished (%d images) before the kill landed: nothing was tested", killed)
	}
	if err := c.IntegrityCheck(context.Background()); err != nil {
		t.Fatalf("after the kill: %v", err)
	}
	// The next program to open the case sees the run interrupted, with
	// what it had written.
	runs, _ := c.Imports(context.Background())
	if len(runs) != 1 || runs[0].Status != "running" {
		t.Fatalf("before reopening, imports %+v; want one running", runs)
	}
	c2, err := Open(context.Background(), caseDir)
	if err != nil {
		t.Fatal(err)
	}
	runs, _ = c2.Imports(context.Background())
	c2.Close()
	if len(runs) != 1 || runs[0].Status != "interrupted" || runs[0].FinishedAt == nil || runs[0].Added == 0 || runs[0].Added > killed {
		t.Errorf("after reopening, imports %+v; want one interrupted having added 1..%d", runs, killed)
	}
	if es, _ := c.Audit(context.Background(), fmt.Sprintf("import:%d", runs[0].ID)); len(es) == 0 || es[len(es)-1].Action != "import.interrupted" {
		t.Errorf("audit of the import: %+v", es)
	}
	res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	total, _ := c.CountImages(context.Background())
	if total != n || res.Added != n-killed || res.Unchanged != killed || len(res.Failed) != 0 {
		t.Errorf("killed with %d images; second run added %d, unchanged %d, failed %v; total %d, want %d",
			killed, res.Added, res.Unchanged, res.Failed, total, n)
	}
	if err := c.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
	// Every cataloged image has its thumbnail: none was left half-written.
	ims, _ := c.Images(context.Background(), Filter{})
	for _, im := range ims {
		if _, err := decodeJPEGFile(c.ThumbPath(im.SHA256)); err != nil {
			t.Errorf("thumbnail of %s: %v", im.Name(), err)
		}
	}
	t.Logf("killed at %d of %d images", killed, n)
}

func decodeJPEGFile(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jpeg.Decode(f)
}
