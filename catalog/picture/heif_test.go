package picture

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog/meta"
)

// TestDecodeHEIF compares libheif's pixels, as stored and turned upright
// by the orientation catalog/meta reads (irot, imir), with heif-convert's
// (which applies the container's transforms itself): a HEIC made with
// heif-enc from a generated PNG, and the corpus's HEIC files from phones.
func TestDecodeHEIF(t *testing.T) {
	dir := t.TempDir()
	src := writePNG(t, dir, "src.png", pattern(320, 200))
	made := filepath.Join(dir, "made.heic")
	run(t, "heif-enc", "-q", "90", "-o", made, src)
	files := map[string]string{"heif-enc": made}
	corpus := corpusDir(t)
	for _, rel := range []string{"exif-samples/heic/samplefilehub.heif", "exif-samples/heic/mobile/iphone_13_pro_max.HEIC",
		"exif-samples/heic/mobile/HMD_Nokia_8.3_5G.heif"} {
		files[rel] = filepath.Join(corpus, rel)
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := meta.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(data, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got.X != m.Width || got.Y != m.Height {
				t.Errorf("decoded %v, meta says %d×%d", got, m.Width, m.Height)
			}
			ref := filepath.Join(t.TempDir(), "ref.png")
			run(t, "heif-convert", path, ref)
			up := Upright(img, m.Orientation)
			if d := meanDiff(up, readImage(t, ref)); d < 0 || d > 1.5 {
				t.Errorf("orientation %d: mean difference from heif-convert %.2f (-1: sizes %v and %v differ)",
					m.Orientation, d, up.Bounds().Size(), readImage(t, ref).Bounds().Size())
			}
			if name == "heif-enc" {
				if d := meanDiff(img, pattern(320, 200)); d > 6 {
					t.Errorf("mean difference from the encoded PNG %.2f", d)
				}
			}
		})
	}
}
