package meta

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads real camera JPEGs held in memory, as the import does.
// Set EXHIBIT_BENCH_JPEG to a file (e.g. one made by
// shared/bench/make-large-corpus.sh) to add it.
func BenchmarkRead(b *testing.B) {
	root := corpusDir(b)
	files := map[string]string{
		"Canon5DMkIII-22MP": filepath.Join(root, "go-exif/NDM_8901.jpg"),
		"Nokia-9MP-GPS":     filepath.Join(root, "exif-samples/jpg/mobile/HMD_Nokia_8.3_5G.jpg"),
		"iPhone6-8MP-GPS":   filepath.Join(root, "exif-samples/jpg/hdr/iphone_hdr_YES.jpg"),
		"HEIC-iPhone13":     filepath.Join(root, "exif-samples/heic/mobile/iphone_13_pro_max.HEIC"),
		"TIFF-geotiff":      filepath.Join(root, "go-exif/geotiff_example.tif"),
	}
	if p := os.Getenv("EXHIBIT_BENCH_JPEG"); p != "" {
		files["env"] = p
	}
	for name, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Logf("%s: %v", name, err)
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
