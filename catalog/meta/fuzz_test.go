package meta

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// seedFiles are small corpus files (or JPEGs cut after their header, which
// is all Read looks at) that exercise each reader.
var seedFiles = []string{
	"goexif/samples/f1-exif.jpg",
	"goexif/samples/geodegrees_as_string.jpg",
	"goexif/samples/has-lens-info.jpg",
	"exif-samples/jpg/Canon_40D.jpg",
	"exif-samples/jpg/invalid/image01137.jpg",
	"exif-samples/jpg/exif-org/sony-powershota5.jpg", // CIFF
	"exif-samples/jpg/exif-org/olympus-d320l.jpg",    // APP12 picture info
	"exif-samples/jpg/exif-org/kodak-dc210.jpg",      // zero length tag
	"exif-samples/jpg/Reconyx_HC500_Hyperfire.jpg",   // Reconyx maker note
	"exif-samples/jpg/tests/42_IndexError.jpg",       // Olympus maker note
	"exif-samples/jpg/tests/67-0_length_string.jpg",
	"exif-samples/heic/samplefilehub.heif",
	"exif-samples/tiff/Arbitro.tiff",
}

// addSeeds adds every file of goexif/corrupt, the seed files and synthetic
// files of every format. Corpus files are skipped when the corpus is absent.
func addSeeds(f *testing.F) {
	for _, s := range [][]byte{
		jpegWith(4608, 1976, app1Exif(fullExif())),
		pngWith(16, 9, pngChunk("eXIf", fullExif())),
		webpWith(16, 9, riffChunk("EXIF", fullExif())),
		heifWith("heic", []string{"mif1", "heic"}, 16, 9, fullExif()),
		heifWith("avif", []string{"avif"}, 16, 9, fullExif()),
		fullExif(),
		bigFromClassic(f, fullExif()),
		gifOf(3, 2),
	} {
		f.Add(s)
	}
	root, ok := findCorpus()
	if !ok {
		return
	}
	corrupt, _ := filepath.Glob(filepath.Join(root, "goexif", "corrupt", "*"))
	for _, p := range corrupt {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, rel := range seedFiles {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			continue
		}
		f.Add(jpegHeaderOnly(b))
	}
}

// findCorpus is corpusDir without skipping.
func findCorpus() (string, bool) {
	dir, err := os.Getwd()
	for err == nil {
		c := filepath.Join(dir, "shared", "corpus")
		if st, e := os.Stat(c); e == nil && st.IsDir() {
			return c, true
		}
		if filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	return "", false
}

// jpegHeaderOnly cuts a JPEG after its SOS segment header; other data is
// returned whole.
func jpegHeaderOnly(b []byte) []byte {
	if Sniff(b) != "jpeg" {
		return b
	}
	for pos := 2; pos+4 <= len(b); {
		if b[pos] != 0xff {
			return b
		}
		n := int(b[pos+2])<<8 | int(b[pos+3])
		if b[pos+1] == 0xda {
			return append(b[:min(pos+2+n, len(b)):min(pos+2+n, len(b))], 0xff, 0xd9)
		}
		pos += 2 + n
	}
	return b
}

var offsetForm = regexp.MustCompile(`^[+-]\d\d:\d\d$`)

// FuzzRead feeds arbitrary bytes to Read: it must not panic, hang or
// allocate without bound, and what it returns must be consistent.
func FuzzRead(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(data)
		format := Sniff(data)
		if format == "" {
			if !errors.Is(err, ErrNotImage) {
				t.Fatalf("Sniff = \"\" but Read error = %v", err)
			}
			return
		}
		if errors.Is(err, ErrNotImage) {
			t.Fatalf("Sniff = %q but Read says not an image: %v", format, err)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if m.Format != format {
			t.Errorf("Format = %q, Sniff = %q", m.Format, format)
		}
		if m.Width < 0 || m.Height < 0 {
			t.Errorf("negative size %d×%d", m.Width, m.Height)
		}
		if m.Orientation < 0 || m.Orientation > 8 {
			t.Errorf("Orientation = %d", m.Orientation)
		}
		if (m.Lat == nil) != (m.Lon == nil) {
			t.Errorf("Lat, Lon = %v, %v: one without the other", m.Lat, m.Lon)
		}
		if m.Lat != nil && (*m.Lat < -90 || *m.Lat > 90 || *m.Lon < -180 || *m.Lon > 180) {
			t.Errorf("position %v, %v out of range", *m.Lat, *m.Lon)
		}
		if m.TakenOffset != "" && !offsetForm.MatchString(m.TakenOffset) {
			t.Errorf("TakenOffset = %q", m.TakenOffset)
		}
		if m.TakenAt == nil && m.TakenOffset != "" {
			t.Errorf("TakenOffset %q without TakenAt", m.TakenOffset)
		}
		if m.GPSTime != nil && m.GPSTime.Location().String() != "UTC" {
			t.Errorf("GPSTime in %v", m.GPSTime.Location())
		}
	})
}

// FuzzReadTags feeds arbitrary bytes to ReadTags (a BigTIFF's directories
// rewritten as classic ones among them): it must not panic, hang or
// allocate without bound.
func FuzzReadTags(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		tags, err := ReadTags(data)
		if err == nil && Sniff(data) == "" {
			t.Fatalf("ReadTags listed %d tags of no image", len(tags))
		}
	})
}

// FuzzSniff checks that Sniff answers one of its formats for any input and
// agrees with Read about what is an image.
func FuzzSniff(f *testing.F) {
	addSeeds(f)
	f.Add([]byte("\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"))
	f.Add([]byte("\x00\x00\x00\x14ftypmif1\x00\x00\x00\x00avif"))
	f.Fuzz(func(t *testing.T, head []byte) {
		got := Sniff(head)
		switch got {
		case "", "jpeg", "png", "tiff", "webp", "gif", "heic", "avif":
		default:
			t.Fatalf("Sniff = %q", got)
		}
		if got == "jpeg" && !bytes.HasPrefix(head, []byte{0xff, 0xd8, 0xff}) {
			t.Errorf("jpeg without SOI")
		}
		if got != "" && Sniff(head) != got {
			t.Errorf("Sniff is not deterministic")
		}
		if got == "" {
			if _, err := Read(head); !errors.Is(err, ErrNotImage) {
				t.Errorf("Sniff = \"\" but Read error = %v", err)
			}
		}
	})
}
