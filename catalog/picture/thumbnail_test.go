package picture

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// exifRef is one file as ExifTool read it (shared/corpus/exiftool-reference.json).
type exifRef struct {
	SourceFile  string
	FileType    string
	ImageWidth  int
	ImageHeight int
	Orientation int
}

func exifRefs(t *testing.T) []exifRef {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir(t), "exiftool-reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	var refs []exifRef
	if err := json.Unmarshal(data, &refs); err != nil {
		t.Fatal(err)
	}
	return refs
}

// TestThumbnailSizes makes thumbnails of every JPEG and TIFF of the corpus
// that ExifTool gives a size for, and checks their size against ExifTool's
// size and orientation: long side ThumbLong (or the original's, which is
// never enlarged), proportions kept within a pixel.
func TestThumbnailSizes(t *testing.T) {
	dir := corpusDir(t)
	n := 0
	for _, ref := range exifRefs(t) {
		if (ref.FileType != "JPEG" && ref.FileType != "TIFF") || ref.ImageWidth == 0 {
			continue
		}
		n++
		t.Run(strings.TrimPrefix(ref.SourceFile, "./"), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref.SourceFile)))
			if err != nil {
				t.Fatal(err)
			}
			img, err := Thumbnail(data, strings.ToLower(ref.FileType), ref.Orientation, ThumbLong)
			if img == nil && !hasDCTScaling {
				t.Skipf("image/jpeg gives no partial image: %v", err)
			}
			if img == nil {
				t.Fatalf("no thumbnail: %v", err)
			}
			if err != nil && !errors.Is(err, ErrPartial) {
				t.Errorf("thumbnail with an error that is not ErrPartial: %v", err)
			}
			w, h := UprightSize(ref.ImageWidth, ref.ImageHeight, ref.Orientation)
			long := min(ThumbLong, max(w, h))
			wantW, wantH := long, int(math.Round(float64(h)*float64(long)/float64(w)))
			if h > w {
				wantW, wantH = int(math.Round(float64(w)*float64(long)/float64(h))), long
			}
			got := img.Bounds().Size()
			if abs(got.X-wantW) > 1 || abs(got.Y-wantH) > 1 || max(got.X, got.Y) != long {
				t.Errorf("thumbnail %v of %d×%d (orientation %d), want %d×%d", got, ref.ImageWidth, ref.ImageHeight, ref.Orientation, wantW, wantH)
			}
		})
	}
	if n < 50 {
		t.Errorf("only %d corpus files with a size", n)
	}
}

func abs(x int) int { return max(x, -x) }

// TestThumbnailMatchesFullDecode compares the DCT-scaled thumbnail with one
// made from a full-size image/jpeg decode: they must look the same.
func TestThumbnailMatchesFullDecode(t *testing.T) {
	for _, tt := range []struct {
		file        string
		orientation int
	}{
		{"go-exif/NDM_8901.jpg", 1},
		{"exif-samples/jpg/hdr/canon_hdr_YES.jpg", 6},
		{"exif-samples/jpg/tests/42_IndexError.jpg", 1},
	} {
		t.Run(tt.file, func(t *testing.T) {
			data := readCorpus(t, tt.file)
			got, err := Thumbnail(data, "jpeg", tt.orientation, ThumbLong)
			if err != nil {
				t.Fatal(err)
			}
			full, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := Upright(Fit(full, ThumbLong), tt.orientation)
			if d := meanDiff(got, want); d < 0 || d > 2.5 {
				t.Errorf("mean difference %.2f from the full-size decode (sizes %v, %v)", d, got.Bounds().Size(), want.Bounds().Size())
			}
		})
	}
}

// TestThumbnailGolden compares a thumbnail with the one stored in testdata/
// (go test -update rewrites it; look at it before committing).
func TestThumbnailGolden(t *testing.T) {
	const golden = "testdata/canon_hdr_YES_thumb.png"
	got, err := Thumbnail(readCorpus(t, "exif-samples/jpg/hdr/canon_hdr_YES.jpg"), "jpeg", 6, ThumbLong)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		var buf bytes.Buffer
		if err := png.Encode(&buf, got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if d := meanDiff(got, want); d < 0 || d > 1.0 {
		t.Errorf("mean difference %.2f from %s (sizes %v, %v)", d, golden, got.Bounds().Size(), want.Bounds().Size())
	}
}

func TestThumbnailNeverEnlarges(t *testing.T) {
	data := readCorpus(t, "exif-samples/jpg/orientation/landscape_6.jpg") // 450×600 stored
	img, err := Thumbnail(data, "jpeg", 6, PreviewLong)
	if err != nil {
		t.Fatal(err)
	}
	if s := img.Bounds().Size(); s != image.Pt(600, 450) {
		t.Errorf("preview of a 450×600 photo turned by 6 is %v, want 600×450", s)
	}
	if _, err := Thumbnail(data, "jpeg", 1, 0); err == nil {
		t.Error("Thumbnail with long 0 gave no error")
	}
}

// TestThumbnailConcurrent makes thumbnails on several goroutines, as the
// importer's workers do, and checks they equal those made one by one.
func TestThumbnailConcurrent(t *testing.T) {
	files := []string{"go-exif/NDM_8901.jpg", "exif-samples/jpg/hdr/canon_hdr_YES.jpg", "exif-samples/jpg/tests/35-empty.jpg", "exif-samples/tiff/BSG1.tiff"}
	var data [][]byte
	var want []image.Image
	for _, f := range files {
		d := readCorpus(t, f)
		img, err := Thumbnail(d, "", 1, ThumbLong)
		if err != nil {
			t.Fatal(err)
		}
		data, want = append(data, d), append(want, img)
	}
	errs := make(chan error, 4*len(files))
	for range 4 {
		for i := range files {
			go func() {
				img, err := Thumbnail(data[i], "", 1, ThumbLong)
				if err == nil && meanDiff(img, want[i]) != 0 {
					err = errors.New(files[i] + ": differs when made concurrently")
				}
				errs <- err
			}()
		}
	}
	for range 4 * len(files) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
