package picture

import (
	"path/filepath"
	"testing"
)

// TestDecodeTIFFVariants decodes TIFF variants made from one generated
// picture with libtiff's tiffcp and with vips, and compares the pixels
// with the picture and with a reference decoder: libtiff's tiff2rgba
// (read back with Go's TIFF decoder) or vips.
func TestDecodeTIFFVariants(t *testing.T) {
	dir := t.TempDir()
	orig := pattern(200, 120)
	src := writePNG(t, dir, "src.png", orig)
	base := filepath.Join(dir, "base.tif")
	run(t, "vips", "copy", src, base)
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		make func(t *testing.T, out string)
		ref  string // "tiff2rgba" or "vips"
		tol  float64
		// origTol bounds the difference from the original picture:
		// JPEG is lossy, CMYK goes through an ICC profile and back (the
		// pattern's saturated colours are out of its gamut); 0 for grey,
		// not compared.
		origTol float64
	}{
		{"deflate", func(t *testing.T, o string) { run(t, "tiffcp", "-c", "zip", base, o) }, "tiff2rgba", 0.5, 1},
		{"lzw", func(t *testing.T, o string) { run(t, "tiffcp", "-c", "lzw", base, o) }, "tiff2rgba", 0.5, 1},
		{"jpeg", func(t *testing.T, o string) { run(t, "tiffcp", "-c", "jpeg:90", "-r", "16", base, o) }, "tiff2rgba", 2, 10},
		{"tiled", func(t *testing.T, o string) { run(t, "tiffcp", "-t", "-w", "64", "-l", "64", base, o) }, "tiff2rgba", 0.5, 1},
		{"bigtiff", func(t *testing.T, o string) { run(t, "tiffcp", "-8", "-c", "zip", base, o) }, "tiff2rgba", 0.5, 1},
		{"planar", func(t *testing.T, o string) { run(t, "tiffcp", "-p", "separate", base, o) }, "tiff2rgba", 0.5, 1},
		{"16-bit", func(t *testing.T, o string) {
			run(t, "vips", "colourspace", src, o, "rgb16")
		}, "tiff2rgba", 1, 1},
		{"cmyk", func(t *testing.T, o string) { run(t, "vips", "icc_export", src, o, "--output-profile", "cmyk") }, "vips", 1, 20},
		{"float", func(t *testing.T, o string) { run(t, "vips", "colourspace", src, o, "scrgb") }, "vips", 1, 1},
		{"grey", func(t *testing.T, o string) { run(t, "vips", "colourspace", src, o, "b-w") }, "tiff2rgba", 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := at(tc.name + ".tif")
			tc.make(t, file)
			img := decodeFile(t, file, "tiff")
			ref := at(tc.name + ".ref.tif")
			if tc.ref == "tiff2rgba" {
				run(t, "tiff2rgba", "-c", "none", file, ref)
			} else {
				ref = at(tc.name + ".ref.png")
				run(t, "vips", "colourspace", file, ref+"[bitdepth=8]", "srgb")
			}
			if d := meanDiff(img, readImage(t, ref)); d < 0 || d > tc.tol {
				t.Errorf("mean difference from %s: %.2f, want at most %.1f (-1: sizes differ)", tc.ref, d, tc.tol)
			}
			// And from the picture it was made from.
			if d := meanDiff(img, orig); tc.origTol > 0 && (d < 0 || d > tc.origTol) {
				t.Errorf("mean difference from the original: %.2f", d)
			}
		})
	}
}

// TestDecodeTIFFCorpus decodes the corpus's TIFF files, which Go's TIFF
// decoder partly refused, and a GeoTIFF.
func TestDecodeTIFFCorpus(t *testing.T) {
	corpus := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(corpus, "exif-samples/tiff/*.tiff"))
	files = append(files, filepath.Join(corpus, "go-exif/geotiff_example.tif"))
	if len(files) < 5 {
		t.Fatalf("%d TIFF files in the corpus, want the exif-samples ones", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			img := decodeFile(t, f, "tiff")
			ref := filepath.Join(t.TempDir(), "ref.png")
			run(t, "vips", "colourspace", f, ref+"[bitdepth=8]", "srgb")
			if d := meanDiff(img, readImage(t, ref)); d < 0 || d > 1 {
				t.Errorf("mean difference from vips: %.2f", d)
			}
		})
	}
}
