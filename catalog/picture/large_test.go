package picture

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxThumbRSS is the most memory a thumbnail of a huge image may take:
// the process's peak resident size, everything included.
const maxThumbRSS = 500 << 20

// TestHugeThumbnailMemory makes images over MaxPixels with vips, a 40,000
// × 40,000 JPEG (1.6 GP, 25 MB) and a 16,000 × 16,000 tiled, Deflate
// compressed TIFF, and thumbnails each in a child process (this test
// binary, running TestHugeThumbnailChild), whose peak resident memory
// (VmHWM, which the child reads from /proc/self/status and prints) must
// stay under 500 MB. Not getrusage's ru_maxrss read by the parent: Linux
// carries into it the resident size of the memory the child was forked
// from, the parent's, which depends on the tests run before. The
// JPEG is read into memory, as the import does; the TIFF is read from its
// file (ThumbnailFile), as the import does for files over 512 MB.
func TestHugeThumbnailMemory(t *testing.T) {
	dir := t.TempDir()
	jpg := filepath.Join(dir, "huge.jpg")
	tif := filepath.Join(dir, "huge.tif")
	run(t, "vips", "black", jpg+"[Q=75]", "40000", "40000", "--bands", "3")
	run(t, "vips", "black", tif+"[tile,tile-width=256,tile-height=256,compression=deflate]", "16000", "16000", "--bands", "3")
	for _, tc := range []struct{ path, how string }{{jpg, "data"}, {tif, "file"}} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHugeThumbnailChild$", "-test.v")
			cmd.Env = append(os.Environ(), "EXHIBIT_HUGE_THUMB="+tc.how+":"+tc.path)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "thumbnail 256×256") {
				t.Fatalf("child: %v\n%s", err, out)
			}
			var kb int64
			if _, after, ok := strings.Cut(string(out), "peak resident "); !ok {
				t.Fatalf("the child did not say its peak memory:\n%s", out)
			} else if _, err := fmt.Sscanf(after, "%d kB", &kb); err != nil {
				t.Fatalf("the child's peak memory %q: %v", after, err)
			}
			rss := kb << 10
			t.Logf("%s: peak resident memory %d MB", filepath.Base(tc.path), rss>>20)
			if rss > maxThumbRSS {
				t.Errorf("peak resident memory %d MB, over %d MB", rss>>20, maxThumbRSS>>20)
			}
		})
	}
}

// TestHugeThumbnailChild is TestHugeThumbnailMemory's child process: it
// does nothing when run otherwise.
func TestHugeThumbnailChild(t *testing.T) {
	how, path, ok := strings.Cut(os.Getenv("EXHIBIT_HUGE_THUMB"), ":")
	if !ok {
		t.Skip("the child process of TestHugeThumbnailMemory, run by it")
	}
	var err error
	var size string
	if how == "data" {
		data, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		img, terr := Thumbnail(data, "", 1, ThumbLong)
		err = terr
		if img != nil {
			size = fmt.Sprintf("%d×%d", img.Bounds().Dx(), img.Bounds().Dy())
		}
	} else {
		f, oerr := os.Open(path)
		if oerr != nil {
			t.Fatal(oerr)
		}
		defer f.Close()
		img, terr := ThumbnailFile(f, 1, ThumbLong)
		err = terr
		if img != nil {
			size = fmt.Sprintf("%d×%d", img.Bounds().Dx(), img.Bounds().Dy())
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("thumbnail %s\n", size)
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Printf("peak resident %s\n", strings.TrimSpace(v))
		}
	}
}
