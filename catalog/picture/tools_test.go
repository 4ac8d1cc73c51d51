package picture

import (
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
)

// run runs a command-line tool (heif-enc, vips, tiffcp...) that
// scripts/deps.sh test installs; its absence fails the test.
func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s is needed for this test: run scripts/deps.sh test", name)
	}
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// readImage decodes a PNG or TIFF written by a reference tool with the Go
// decoders, as an independent reference.
func readImage(t testing.TB, path string) image.Image {
	t.Helper()
	img, err := imaging.Open(path)
	if err != nil {
		t.Fatalf("read reference %s: %v", path, err)
	}
	return img
}

// writePNG writes img as a PNG in dir and returns its path.
func writePNG(t testing.TB, dir, name string, img image.Image) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := imaging.Save(img, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// decodeFile reads path and decodes it at full size.
func decodeFile(t testing.TB, path, format string) image.Image {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := Decode(data, format, 0)
	if err != nil {
		t.Fatalf("Decode %s: %v", filepath.Base(path), err)
	}
	return img
}
