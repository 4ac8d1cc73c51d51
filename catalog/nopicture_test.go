package catalog

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCountsPicturesAndMetadataOnly: a file whose metadata can be
// read but has no picture is cataloged, flagged "no picture" with why, and
// counted apart from pictures (with or without warnings), failures and
// skipped files, on the first import and when nothing changed.
func TestImportCountsPicturesAndMetadataOnly(t *testing.T) {
	ctx := context.Background()
	corpus := corpusDir(t)
	src := t.TempDir()
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "good.jpg"))
	copyFile(t, filepath.Join(corpus, "exif-samples/heic/samplefilehub.heif"), filepath.Join(src, "phone.heif"))
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/corrupted.jpg"), filepath.Join(src, "damaged.jpg"))
	jpg, err := os.ReadFile(filepath.Join(src, "good.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "fragment.jpg"), jpg[:2000], 0o644) // EXIF, no image data
	os.WriteFile(filepath.Join(src, "bomb.png"), pngHeader(100000, 100000), 0o644)
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("north side\n"), 0o644)

	c := openTestCase(t)
	// The second import does not read the unchanged files again: their
	// warnings were given by the first.
	for _, tc := range []struct {
		run      string
		warnings int
	}{{"first import", 1}, {"again, unchanged", 0}} {
		run, warnings := tc.run, tc.warnings
		res, err := c.Import(ctx, []string{src}, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Pictures != 3 || len(res.Warnings) != warnings || len(res.NoPicture) != 1 || len(res.Failed) != 1 || len(res.Skipped) != 1 {
			t.Fatalf("%s: %d pictures, warnings %v, no picture %v, failed %v, skipped %v; want 3 (%d with a warning), 1, 1, 1",
				run, res.Pictures, res.Warnings, res.NoPicture, res.Failed, res.Skipped, warnings)
		}
		np := res.NoPicture[0]
		if filepath.Base(np.Path) != "fragment.jpg" || !strings.HasPrefix(np.Error, "no picture: ") || len(np.SHA256) != 64 {
			t.Errorf("%s: no picture = %+v, want fragment.jpg with its reason and hash", run, np)
		}
	}
	ims, err := c.Images(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, im := range ims {
		switch filepath.Base(im.Paths()[0]) {
		case "fragment.jpg":
			seen++
			if im.Decoded || !strings.Contains(im.MetaNote, "no picture") || im.Make == "" || im.TakenAt == nil {
				t.Errorf("fragment.jpg: decoded %v, note %q, make %q, taken %v; want no picture with its metadata",
					im.Decoded, im.MetaNote, im.Make, im.TakenAt)
			}
		case "phone.heif", "good.jpg", "damaged.jpg":
			seen++
			if !im.Decoded {
				t.Errorf("%s: not decoded: %s", im.Paths()[0], im.MetaNote)
			}
		}
	}
	if seen != 4 {
		t.Errorf("%d of the 4 cataloged files found in the case", seen)
	}
}
