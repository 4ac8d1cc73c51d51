package picture

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog/meta"
)

// TestVipsOnlyFormats: BMP (Windows and OS/2), icons, PCX, Photoshop,
// Netpbm and JPEG 2000 files, written by ImageMagick from a camera
// photo, are recognised by their content and decoded (by libvips, through
// its own loaders or ImageMagick's) to the pixels ImageMagick itself
// decodes from the same file (convert FILE ref.png, read with Go's PNG
// decoder).
func TestVipsOnlyFormats(t *testing.T) {
	if !hasVips {
		t.Fatal("this build has no libvips (cgo): these formats have no decoder")
	}
	dir := t.TempDir()
	src := filepath.Join(corpusDir(t), "exif-samples", "jpg", "Canon_40D.jpg")
	small := filepath.Join(dir, "small.png")
	run(t, "convert", src, "-resize", "96x64!", small)
	cases := []struct {
		file, format string
		args         []string // convert's options before the output
		tolerance    float64
	}{
		{"a.bmp", "bmp", nil, 0.5},
		{"a3.bmp", "bmp", []string{"-define", "bmp:format=bmp3"}, 0.5},
		{"os2.bmp", "bmp", []string{"-define", "bmp:format=bmp2"}, 0.5},
		{"a.ico", "ico", nil, 0.5},
		{"a.pcx", "pcx", nil, 0.5},
		{"a.psd", "psd", nil, 0.5},
		{"a.ppm", "pnm", nil, 0.5},
		{"a.pgm", "pnm", nil, 0.5},
		{"a.jp2", "jp2", []string{"-quality", "100"}, 1},
		{"a.j2k", "jp2", []string{"-quality", "100"}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			run(t, "convert", append(append([]string{small}, tc.args...), path)...)
			ref := filepath.Join(dir, tc.file+".ref.png")
			run(t, "convert", path+"[0]", ref)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := meta.Sniff(data); got != tc.format {
				t.Fatalf("Sniff = %q, want %q", got, tc.format)
			}
			img, err := Decode(data, "", 0)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			want := readImage(t, ref)
			if d := meanDiff(img, want); d < 0 || d > tc.tolerance {
				t.Errorf("mean difference from ImageMagick's decoding %.2f (sizes %v, %v)", d, img.Bounds().Size(), want.Bounds().Size())
			}
		})
	}
}
