package meta

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// groupedReference runs ExifTool (a reference tool for the tests, never a
// dependency of Exhibit) over the corpus for the date tags with their group
// names ("ExifIFD:DateTimeOriginal", "XMP-xmp:CreateDate"...), by path
// relative to root. It returns nil, after saying so in the log, when ExifTool
// is not installed.
func groupedReference(t *testing.T, root string) map[string]map[string]any {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Logf("exiftool not installed: the sources of capture times are not compared (install libimage-exiftool-perl)")
		return nil
	}
	cmd := exec.Command("exiftool", "-G1", "-j", "-n", "-r", "-q", "-q", "-DateTimeOriginal", "-CreateDate", "-ModifyDate",
		"-DateCreated", "-TimeCreated", "-GPSDateStamp", "-GPSTimeStamp", ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var list []map[string]any
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	refs := map[string]map[string]any{}
	for _, r := range list {
		src, _ := r["SourceFile"].(string)
		refs[strings.TrimPrefix(src, "./")] = r
	}
	return refs
}

// expectedSource is the source Read should name for a file ExifTool read so,
// in Read's order of precedence; "" when there is no capture time.
func expectedSource(g map[string]any) string {
	has := func(k string) bool { _, ok := g[k]; return ok }
	full := func(k string) bool { s, _ := g[k].(string); return len(s) >= 16 }
	switch {
	case has("ExifIFD:DateTimeOriginal"):
		return SourceDateTimeOriginal
	case has("Reconyx:DateTimeOriginal"):
		return SourceReconyx
	case has("XMP-exif:DateTimeOriginal"), full("XMP-photoshop:DateCreated"):
		return SourceXMP
	case has("CIFF:DateTimeOriginal"):
		return SourceCIFF
	case has("PictureInfo:DateTimeOriginal"):
		return SourcePictureInfo
	case has("IPTC:DateCreated") && has("IPTC:TimeCreated"):
		return SourceIPTC
	case has("ExifIFD:CreateDate"):
		return SourceCreateDate
	case has("XMP-xmp:CreateDate"):
		return SourceXMP
	case has("GPS:GPSDateStamp") && has("GPS:GPSTimeStamp"):
		return SourceGPS
	}
	return ""
}

// TestTakenAgainstExiftool compares, on every image of the corpus, the
// capture time and its source with ExifTool's DateTimeOriginal (CreateDate
// where that is all there is), and checks that no modification date is ever
// given as a capture time. It logs the agreement rates and fails under 99 %
// of the files that have a DateTimeOriginal.
func TestTakenAgainstExiftool(t *testing.T) {
	root := corpusDir(t)
	refs := loadReference(t, root)
	groups := groupedReference(t, root)
	var dto, dtoAgree, created, createdAgree, sources, sourcesAgree, modified, modifiedAgree int
	for _, rel := range corpusFiles(t, root) {
		ref, ok := refs[rel]
		ft, _ := ref.str("FileType")
		if _, isImage := imageTypes[ft]; !ok || !isImage {
			continue
		}
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Fatal(err)
			}
			m, err := Read(data)
			if err != nil {
				t.Logf("Read: %v", err)
			}
			taken := ""
			if m.TakenAt != nil {
				taken = m.TakenAt.Format("2006:01:02 15:04:05")
				t.Logf("taken %s %s from %s", taken, m.TakenOffset, m.TakenSource)
			}
			if (m.TakenAt == nil) != (m.TakenSource == "") {
				t.Errorf("TakenAt %v with TakenSource %q", m.TakenAt, m.TakenSource)
			}
			agrees := func(want string) bool {
				clock, zone := want[:min(19, len(want))], want[min(19, len(want)):]
				if taken != clock {
					t.Errorf("TakenAt = %q, ExifTool %q", taken, want)
					return false
				}
				if z, _ := normOffset(zone); zone != "" && z != m.TakenOffset {
					t.Errorf("TakenOffset = %q, ExifTool %q", m.TakenOffset, want)
					return false
				}
				return true
			}
			if want, ok := ref.str("DateTimeOriginal"); ok {
				dto++
				if agrees(want) {
					dtoAgree++
				}
			} else if want, ok := ref.str("CreateDate"); ok {
				created++
				if agrees(want) {
					createdAgree++
				}
			}
			g := groups[rel]
			if len(g) <= 1 {
				// ExifTool read no date tag at all (some goexif samples are
				// "JPEG format error" to it): nothing to compare.
				if g != nil {
					t.Logf("ExifTool read no date tag; this package reads %q from %q", taken, m.TakenSource)
				}
				return
			}
			sources++
			if want := expectedSource(g); m.TakenSource != want {
				t.Errorf("TakenSource = %q, ExifTool's tags %v say %q", m.TakenSource, g, want)
			} else {
				sourcesAgree++
			}
			if want, ok := g["IFD0:ModifyDate"].(string); ok {
				modified++
				switch {
				case m.ModifiedAt == nil:
					t.Errorf("ModifiedAt = nil, ExifTool IFD0:ModifyDate %q", want)
				case m.ModifiedAt.Format("2006:01:02 15:04:05") != want[:min(19, len(want))]:
					t.Errorf("ModifiedAt = %s, ExifTool IFD0:ModifyDate %q", m.ModifiedAt, want)
				default:
					modifiedAgree++
				}
			}
		})
	}
	rate := func(n, of int) float64 {
		if of == 0 {
			return 100
		}
		return 100 * float64(n) / float64(of)
	}
	t.Logf("capture time agrees with ExifTool's DateTimeOriginal on %d of %d files (%.1f %%)", dtoAgree, dto, rate(dtoAgree, dto))
	t.Logf("capture time agrees with ExifTool's CreateDate, where there is no DateTimeOriginal, on %d of %d files (%.1f %%)", createdAgree, created, rate(createdAgree, created))
	t.Logf("source agrees with ExifTool's tag groups on %d of %d images (%.1f %%)", sourcesAgree, sources, rate(sourcesAgree, sources))
	t.Logf("ModifyDate kept as the modification time on %d of %d files that have one (%.1f %%)", modifiedAgree, modified, rate(modifiedAgree, modified))
	if dto == 0 {
		t.Fatal("no corpus file has a DateTimeOriginal: the corpus is not the expected one")
	}
	if rate(dtoAgree, dto) < 99 {
		t.Errorf("agreement on DateTimeOriginal %.1f %% is under 99 %%", rate(dtoAgree, dto))
	}
}

// TestNoModifyDateAsCaptureTime makes a JPEG with nothing but a ModifyDate
// (with ExifTool, in a temporary folder) and checks that it has no capture
// time and keeps the ModifyDate as what it is.
func TestNoModifyDateAsCaptureTime(t *testing.T) {
	exiftool(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "modified.jpg")
	if err := os.WriteFile(p, jpegWith(16, 16), 0o644); err != nil {
		t.Fatal(err)
	}
	runExiftool(t, "-ModifyDate=2019:03:04 05:06:07", "-OffsetTime=+02:00", p)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	if m.TakenAt != nil || m.TakenSource != "" {
		t.Errorf("TakenAt = %v from %q, want none", m.TakenAt, m.TakenSource)
	}
	if m.ModifiedAt == nil || m.ModifiedAt.Format(time.RFC3339) != "2019-03-04T05:06:07+02:00" || m.ModifiedOffset != "+02:00" {
		t.Errorf("ModifiedAt = %v %q, want 2019-03-04T05:06:07+02:00", m.ModifiedAt, m.ModifiedOffset)
	}
}

// exiftool fails the test when ExifTool is not installed (it is, where the
// tests run: scripts install libimage-exiftool-perl).
func exiftool(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Fatalf("this test makes its file with exiftool, not installed: %v", err)
	}
}

func runExiftool(t *testing.T, args ...string) {
	t.Helper()
	out, err := exec.Command("exiftool", append([]string{"-q", "-overwrite_original"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("exiftool %v: %v\n%s", args, err, out)
	}
}
