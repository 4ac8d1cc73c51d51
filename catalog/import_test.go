package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// hashTree returns the SHA-256 and modification time of every file under dir.
func hashTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := d.Info()
		sum := sha256.Sum256(b)
		out[p] = hex.EncodeToString(sum[:]) + " " + fi.ModTime().String()
		return nil
	})
	return out
}

// exiftoolRecord is one file of exiftool-reference.json.
type exiftoolRecord struct {
	SourceFile       string
	Make, Model      any
	DateTimeOriginal any
	GPSLatitude      *float64
	GPSLongitude     *float64
}

// knownPositions are files whose position Exhibit deliberately reads
// differently from ExifTool; catalog/meta's TestAgainstExiftool explains why
// (an HTC phone wrote "52,00000,50,00000,34,01180" with decimal commas;
// ExifTool lands 90 km away). The test checks Exhibit's value there.
var knownPositions = map[string][2]float64{
	"./goexif/samples/geodegrees_as_string.jpg": {52 + 50.0/60 + 34.0118/3600, 11 + 10.0/60 + 58.2836/3600},
}

// TestImportCorpus imports every file of the shared corpus: each is
// cataloged, failed with a reason, or skipped with a reason, and nothing
// crashes. Exhibit's positions, capture times, makes and models agree with
// ExifTool's reading of the same files.
func TestImportCorpus(t *testing.T) {
	corpus := corpusDir(t)
	before := hashTree(t, corpus)
	ctx := context.Background()
	c := openTestCase(t)
	res, err := c.Import(ctx, []string{corpus}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	accounted := map[string]string{}
	for _, f := range res.Failed {
		if f.Error == "" {
			t.Errorf("%s failed without a reason", f.Path)
		}
		accounted[f.Path] = "failed: " + f.Error
	}
	for _, s := range res.Skipped {
		if s.Reason == "" {
			t.Errorf("%s skipped without a reason", s.Path)
		}
		accounted[s.Path] = "skipped: " + s.Reason
	}
	ims, err := c.Images(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*Image{}
	for _, im := range ims {
		for _, p := range im.Paths() {
			byPath[p] = im
			accounted[p] = "cataloged"
		}
	}
	for p := range before {
		if _, ok := accounted[p]; !ok {
			t.Errorf("%s: neither cataloged nor reported", p)
		}
	}
	if res.Added != len(ims) || res.Added < 100 {
		t.Errorf("added %d, catalog holds %d images", res.Added, len(ims))
	}
	t.Logf("%d images, %d failed, %d skipped", len(ims), len(res.Failed), len(res.Skipped))

	var ref []exiftoolRecord
	b, err := os.ReadFile(filepath.Join(corpus, "exiftool-reference.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	withGPS := 0
	for _, r := range ref {
		path := filepath.Join(corpus, filepath.FromSlash(r.SourceFile))
		im := byPath[path]
		if im == nil {
			if r.GPSLatitude != nil {
				t.Errorf("%s: exiftool reads a position but Exhibit did not catalog it (%s)", r.SourceFile, accounted[path])
			}
			continue
		}
		t.Run(strings.TrimPrefix(r.SourceFile, "./"), func(t *testing.T) {
			if r.GPSLatitude != nil && r.GPSLongitude != nil {
				withGPS++
				if k, ok := knownPositions[r.SourceFile]; ok {
					r.GPSLatitude, r.GPSLongitude = &k[0], &k[1]
				}
				if !im.HasGPS() {
					t.Fatalf("no position; exiftool: %v,%v", *r.GPSLatitude, *r.GPSLongitude)
				}
				if math.Abs(*im.Lat-*r.GPSLatitude) > 1e-6 || math.Abs(*im.Lon-*r.GPSLongitude) > 1e-6 {
					t.Errorf("position %v,%v; exiftool %v,%v", *im.Lat, *im.Lon, *r.GPSLatitude, *r.GPSLongitude)
				}
			}
			if s, ok := r.DateTimeOriginal.(string); ok {
				want, err := time.Parse("2006:01:02 15:04:05", s)
				if err == nil {
					if im.TakenAt == nil {
						t.Errorf("no capture time; exiftool %s", s)
					} else if got := im.TakenAt.Format("2006:01:02 15:04:05"); got != want.Format("2006:01:02 15:04:05") {
						t.Errorf("capture time %s; exiftool %s", got, s)
					}
				}
			}
			if s, ok := r.Make.(string); ok && strings.TrimSpace(s) != im.Make {
				t.Errorf("make %q; exiftool %q", im.Make, s)
			}
			if s, ok := r.Model.(string); ok && strings.TrimSpace(s) != im.Model {
				t.Errorf("model %q; exiftool %q", im.Model, s)
			}
		})
	}
	if withGPS < 10 {
		t.Errorf("only %d files with a position checked", withGPS)
	}

	// Importing again adds nothing, reads nothing and the originals are
	// untouched, byte for byte and in time.
	res2, err := c.Import(ctx, []string{corpus}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Added != 0 || res2.Unchanged != len(byPath) {
		t.Errorf("second import: added %d, unchanged %d; want 0, %d", res2.Added, res2.Unchanged, len(byPath))
	}
	after := hashTree(t, corpus)
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed during import", p)
		}
	}
	if err := c.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// copyFile copies src to dst, creating dst's folder.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportLocations(t *testing.T) {
	corpus := corpusDir(t)
	ctx := context.Background()
	src := t.TempDir()
	a := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")
	b := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0012.jpg")
	copyFile(t, a, filepath.Join(src, "one/a.jpg"))
	copyFile(t, a, filepath.Join(src, "two/a copy.jpg")) // same bytes, second path
	copyFile(t, b, filepath.Join(src, "one/b.jpg"))
	copyFile(t, b, filepath.Join(src, ".hidden/b.jpg"))
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("not a picture\n"), 0o644)
	os.WriteFile(filepath.Join(src, "fake.jpg"), []byte("not a picture either\n"), 0o644)
	os.Symlink(src, filepath.Join(src, "one", "loop")) // a link back up: must not loop
	os.Symlink(filepath.Join(src, "nowhere"), filepath.Join(src, "dangling.jpg"))

	c := openTestCase(t)
	res, err := c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.NewLocations != 1 {
		t.Errorf("added %d, new locations %d; want 2 images, 1 second location", res.Added, res.NewLocations)
	}
	reasons := map[string]string{}
	for _, f := range res.Failed {
		reasons[filepath.Base(f.Path)] = f.Error
	}
	if !strings.Contains(reasons["fake.jpg"], "text") || reasons["dangling.jpg"] == "" {
		t.Errorf("failures = %v; want fake.jpg (text, not an image) and dangling.jpg", reasons)
	}
	if len(res.Skipped) != 1 || filepath.Base(res.Skipped[0].Path) != "notes.txt" {
		t.Errorf("skipped = %+v; want notes.txt", res.Skipped)
	}
	im, err := c.FindImage(ctx, filepath.Join(src, "two/a copy.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if got := im.Paths(); len(got) != 2 {
		t.Errorf("paths = %v; want both copies", got)
	}

	// Move a file: recognised by its hash, one image, the old path gone.
	if err := os.Rename(filepath.Join(src, "one/b.jpg"), filepath.Join(src, "two/b-moved.jpg")); err != nil {
		t.Fatal(err)
	}
	// Change a file's bytes: a new image; the old one is kept.
	copyFile(t, b, filepath.Join(src, "two/a copy.jpg"))
	res, err = c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Gone != 1 {
		t.Errorf("after move and change: added %d, gone %d; want 0 (b's bytes are known), 1", res.Added, res.Gone)
	}
	moved, err := c.FindImage(ctx, filepath.Join(src, "two/b-moved.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if paths := moved.Paths(); len(paths) != 2 {
		t.Errorf("moved image paths = %v; want b-moved.jpg and a copy.jpg (now holding b's bytes)", paths)
	}
	im, _ = c.Image(ctx, im.ID)
	if paths := im.Paths(); len(paths) != 1 || !strings.HasSuffix(paths[0], "one/a.jpg") {
		t.Errorf("a's paths = %v; want only one/a.jpg", paths)
	}
	if len(im.Locations) != 2 || im.Locations[1].GoneAt == nil {
		t.Errorf("a's locations = %+v; want the replaced path kept with gone_at", im.Locations)
	}
	n, _ := c.CountImages(ctx)
	if n != 2 {
		t.Errorf("%d images; nothing should be added or deleted", n)
	}
	var actions []string
	es, _ := c.Audit(ctx, "")
	for _, e := range es {
		actions = append(actions, e.Action)
	}
	for _, want := range []string{"import.start", "image.add", "location.add", "location.gone", "location.replaced", "import.done", "file.failed"} {
		if !slices.Contains(actions, want) {
			t.Errorf("audit has no %s: %v", want, actions)
		}
	}
}

func TestImportCancelThenResume(t *testing.T) {
	corpus := corpusDir(t)
	ctx, cancel := context.WithCancel(context.Background())
	c := openTestCase(t)
	done := 0
	res, err := c.Import(ctx, []string{filepath.Join(corpus, "exif-samples/jpg")}, ImportOptions{
		Workers: 1,
		Progress: func(p ImportProgress) {
			if done++; p.Done >= 5 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) || res == nil || !res.Cancelled {
		t.Fatalf("cancelled import: res %+v, err %v", res, err)
	}
	first, _ := c.CountImages(context.Background())
	res, err = c.Import(context.Background(), []string{filepath.Join(corpus, "exif-samples/jpg")}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	total, _ := c.CountImages(context.Background())
	if first == 0 || first >= total || res.Added != total-first {
		t.Errorf("cancelled run kept %d images, resumed run added %d, total %d", first, res.Added, total)
	}
}

func TestListFilters(t *testing.T) {
	corpus := corpusDir(t)
	ctx := context.Background()
	c := openTestCase(t)
	if _, err := c.Import(ctx, []string{filepath.Join(corpus, "exif-samples/jpg")}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	all, _ := c.Images(ctx, Filter{})
	gps, _ := c.Images(ctx, Filter{HasGPS: true})
	if len(gps) == 0 || len(gps) >= len(all) {
		t.Fatalf("%d with GPS of %d", len(gps), len(all))
	}
	for _, im := range gps {
		if !im.HasGPS() {
			t.Errorf("%d has no GPS", im.ID)
		}
	}
	// The DSCN00xx files were taken around 43.46N 11.88E (Arezzo).
	near, _ := c.Images(ctx, Filter{Near: &Near{Lat: 43.467, Lon: 11.885, Km: 5}})
	far, _ := c.Images(ctx, Filter{Near: &Near{Lat: -33.9, Lon: 18.4, Km: 50}})
	if len(near) < 5 || len(far) != 0 {
		t.Errorf("near Arezzo: %d, near Cape Town: %d", len(near), len(far))
	}
	for _, im := range near {
		if d := DistanceKm(43.467, 11.885, *im.Lat, *im.Lon); d > 5 {
			t.Errorf("%s is %.1f km away", im.Name(), d)
		}
	}
	from := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2008, 12, 31, 23, 59, 59, 0, time.UTC)
	in2008, _ := c.Images(ctx, Filter{From: &from, To: &to})
	if len(in2008) == 0 {
		t.Error("nothing taken in 2008")
	}
	for _, im := range in2008 {
		if im.TakenAt == nil || im.TakenAt.Year() != 2008 {
			t.Errorf("%s taken %v", im.Name(), im.TakenAt)
		}
	}
	canon, _ := c.Images(ctx, Filter{Camera: "canon"})
	if len(canon) == 0 {
		t.Error("no Canon")
	}
	for _, im := range canon {
		if !strings.Contains(strings.ToLower(im.Make+im.Model+im.Lens), "canon") {
			t.Errorf("%s: %s %s", im.Name(), im.Make, im.Model)
		}
	}
	sorted, _ := c.Images(ctx, Filter{Sort: SortTaken})
	var times []string
	for _, im := range sorted {
		if im.TakenAt != nil {
			times = append(times, clockString(*im.TakenAt))
		}
	}
	if !sort.StringsAreSorted(times) {
		t.Error("not sorted by capture time")
	}
}

// TestImportOddNames: file names with spaces, Arabic, a leading dash, a
// newline or a control character are cataloged, found again by path, and
// reported with their exact names.
func TestImportOddNames(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	good := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")
	names := []string{"صور شاهد/صورة ١.jpg", "-dash name.jpg", "new\nline.jpg", "tab\tand spaces .jpg"}
	for i, n := range names {
		b, _ := os.ReadFile(good)
		b = append(b, byte(i)) // distinct bytes: one image each
		os.MkdirAll(filepath.Dir(filepath.Join(src, n)), 0o755)
		if err := os.WriteFile(filepath.Join(src, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(src, "bad\x01ctl.jpg"), []byte("x"), 0o644)
	c := openTestCase(t)
	res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != len(names) || len(res.Failed) != 1 || res.Failed[0].Path != filepath.Join(src, "bad\x01ctl.jpg") {
		t.Fatalf("added %d, failed %+v", res.Added, res.Failed)
	}
	for _, n := range names {
		im, err := c.FindImage(context.Background(), filepath.Join(src, n))
		if err != nil || im.Paths()[0] != filepath.Join(src, n) {
			t.Errorf("%q: %v", n, err)
		}
	}
}
