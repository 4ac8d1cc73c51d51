package picture

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/disintegration/imaging"
)

// Benchmarks on large camera JPEGs read from $EXHIBIT_BENCH_DIR (made by
// shared/bench/make-large-corpus.sh; at most $EXHIBIT_BENCH_N of them, 30 by
// default, are held in memory). One op is one image, so ns/op is the cost of
// one image on one core.

// benchPaths lists the JPEGs of $EXHIBIT_BENCH_DIR, or skips.
func benchPaths(b *testing.B) []string {
	dir := os.Getenv("EXHIBIT_BENCH_DIR")
	if dir == "" {
		b.Skip("EXHIBIT_BENCH_DIR is not set: large-image benchmarks skipped")
	}
	var paths []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		n := strings.ToLower(e.Name())
		if !e.IsDir() && (strings.HasSuffix(n, ".jpg") || strings.HasSuffix(n, ".jpeg")) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(paths)
	if len(paths) == 0 {
		b.Skipf("no JPEG in %s", dir)
	}
	return paths
}

// benchFiles reads the first $EXHIBIT_BENCH_N (30) files of benchPaths.
func benchFiles(b *testing.B) [][]byte {
	paths := benchPaths(b)
	n := 30
	if s := os.Getenv("EXHIBIT_BENCH_N"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	var files [][]byte
	for _, p := range paths[:min(n, len(paths))] {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	return files
}

// cpuClock measures the CPU time of the whole process (all threads, GC and
// cgo included), which unlike wall time holds when other work shares the
// cores. Report it per op as cpu-ms/op.
type cpuClock time.Duration

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock(cpuNow()) }

func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuNow()-time.Duration(c))/1e6/float64(b.N), "cpu-ms/op")
	}
}

// thumbFunc makes a ThumbLong thumbnail of a JPEG.
type thumbFunc func(data []byte) (image.Image, error)

// stdThumbnail is the baseline: image/jpeg at full size, then the same
// resize and rotation as Thumbnail.
func stdThumbnail(data []byte) (image.Image, error) {
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return Upright(Fit(img, ThumbLong), 1), nil
}

// withScales runs Thumbnail with dctScales limited to scales.
func withScales(scales []int) thumbFunc {
	return func(data []byte) (image.Image, error) {
		saved := dctScales
		dctScales = scales
		defer func() { dctScales = saved }()
		return Thumbnail(data, "jpeg", 1, ThumbLong)
	}
}

// withFilter runs Thumbnail with fitFilter set to f.
func withFilter(f imaging.ResampleFilter) thumbFunc {
	return func(data []byte) (image.Image, error) {
		saved := fitFilter
		fitFilter = f
		defer func() { fitFilter = saved }()
		return Thumbnail(data, "jpeg", 1, ThumbLong)
	}
}

// thumbOptions are the decoders compared; bench_compare_test.go adds more.
var thumbOptions = map[string]thumbFunc{
	"turbojpeg":            func(data []byte) (image.Image, error) { return Thumbnail(data, "jpeg", 1, ThumbLong) },
	"turbojpeg-pow2":       withScales([]int{1, 2, 4, 8}),
	"turbojpeg-catmullrom": withFilter(imaging.CatmullRom),
	"turbojpeg-1x": func(data []byte) (image.Image, error) { // decode to ThumbLong, not twice that
		img, err := Decode(data, "jpeg", ThumbLong)
		if err != nil {
			return nil, err
		}
		return Fit(img, ThumbLong), nil
	},
	"stdlib": stdThumbnail,
}

func runThumbs(b *testing.B, files [][]byte) {
	names := make([]string, 0, len(thumbOptions))
	for n := range thumbOptions {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		f := thumbOptions[name]
		b.Run(name, func(b *testing.B) {
			if _, err := f(files[0]); err != nil { // warm up (jpegli compiles its module)
				b.Fatal(err)
			}
			i := 0
			cpu := startCPU()
			for b.Loop() {
				img, err := f(files[i%len(files)])
				if err != nil {
					b.Fatal(err)
				}
				if longSide(img) != ThumbLong {
					b.Fatalf("thumbnail long side %d", longSide(img))
				}
				i++
			}
			cpu.report(b)
		})
	}
}

// BenchmarkThumbnail compares the JPEG decoders on large camera JPEGs.
func BenchmarkThumbnail(b *testing.B) {
	runThumbs(b, benchFiles(b))
}

// BenchmarkThumbnailCorpus compares them on one 10 MP corpus photo.
func BenchmarkThumbnailCorpus(b *testing.B) {
	runThumbs(b, [][]byte{readCorpus(b, "go-exif/NDM_8901.jpg")})
}

// BenchmarkPreview makes PreviewLong previews.
func BenchmarkPreview(b *testing.B) {
	files := benchFiles(b)
	i := 0
	cpu := startCPU()
	for b.Loop() {
		if _, err := Thumbnail(files[i%len(files)], "jpeg", 1, PreviewLong); err != nil {
			b.Fatal(err)
		}
		i++
	}
	cpu.report(b)
}

// BenchmarkDecodeFull decodes at full size (100 % zoom).
func BenchmarkDecodeFull(b *testing.B) {
	files := benchFiles(b)
	i := 0
	cpu := startCPU()
	for b.Loop() {
		if _, err := Decode(files[i%len(files)], "jpeg", 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
	cpu.report(b)
}

// BenchmarkSHA256 hashes the same files, for the importer's budget.
func BenchmarkSHA256(b *testing.B) {
	files := benchFiles(b)
	var total int
	for _, f := range files {
		total += len(f)
	}
	b.SetBytes(int64(total / len(files)))
	i := 0
	cpu := startCPU()
	for b.Loop() {
		sha256.Sum256(files[i%len(files)])
		i++
	}
	cpu.report(b)
}

// BenchmarkEncodeThumbnail encodes a thumbnail as the importer stores it.
func BenchmarkEncodeThumbnail(b *testing.B) {
	img, err := Thumbnail(readCorpus(b, "go-exif/NDM_8901.jpg"), "jpeg", 1, ThumbLong)
	if err != nil {
		b.Fatal(err)
	}
	cpu := startCPU()
	for b.Loop() {
		if err := EncodeJPEG(io.Discard, img, 85); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkImportLike does per image what the importer does besides
// metadata, on 2 goroutines as on 2 cores: read the file, SHA-256,
// thumbnail, encode, write atomically. ns/op is wall time per image.
func BenchmarkImportLike(b *testing.B) {
	paths := benchPaths(b)
	out := b.TempDir()
	var next atomic.Int64
	b.SetParallelism(1) // GOMAXPROCS goroutines
	cpu := startCPU()
	defer cpu.report(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := int(next.Add(1) - 1)
			data, err := os.ReadFile(paths[i%len(paths)])
			if err != nil {
				b.Error(err)
				return
			}
			sum := sha256.Sum256(data)
			img, err := Thumbnail(data, "jpeg", 1, ThumbLong)
			if err != nil {
				b.Error(err)
				return
			}
			name := filepath.Join(out, strconv.FormatUint(uint64(sum[0])<<8|uint64(sum[1]), 16)+"-"+strconv.Itoa(i)+".jpg")
			if err := WriteFileAtomic(name, func(w io.Writer) error { return EncodeJPEG(w, img, 85) }); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkWriteFileAtomic writes a 20 kB thumbnail-sized file, fsync included.
func BenchmarkWriteFileAtomic(b *testing.B) {
	dir := b.TempDir()
	data := make([]byte, 20<<10)
	cpu := startCPU()
	for b.Loop() {
		if err := WriteFileAtomic(filepath.Join(dir, "t.jpg"), func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}
