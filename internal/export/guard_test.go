package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// Every writer of this package refuses, by itself (whatever its caller
// checked), to write over evidence or into the case: nothing is written
// and nothing recorded.
func TestWritersRefuseEvidence(t *testing.T) {
	c := sampleCase(t)
	ctx := context.Background()
	im, err := c.Image(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	reports, err := c.Reports(ctx)
	if err != nil || len(reports) == 0 {
		t.Fatalf("reports: %v", err)
	}
	// A hard link to an original, outside the case folder.
	hard := filepath.Join(t.TempDir(), "copy.jpg")
	if err := os.Link(im.Paths()[0], hard); err != nil {
		t.Fatal(err)
	}
	before, _ := c.Exports(ctx)
	writers := map[string]func(path string) error{
		"csv": func(p string) error { _, err := WriteCatalog(ctx, c, "csv", p); return err },
		"png": func(p string) error { _, err := WritePNG(ctx, c, im, 0, p); return err },
		"map": func(p string) error { _, err := WriteMap(ctx, c, p, MapOptions{Width: 300, Height: 200}); return err },
		"sheet": func(p string) error {
			_, err := WriteSheets(ctx, c, Target{Images: []int64{im.ID}}, p, sheet.Options{}, nil)
			return err
		},
	}
	for name, write := range writers {
		for _, path := range []string{im.Paths()[0], reports[0].Path, hard, filepath.Join(c.Dir(), "out.pdf")} {
			t.Run(name+" "+filepath.Base(path), func(t *testing.T) {
				old, _ := os.ReadFile(path)
				err := write(path)
				if !errors.Is(err, catalog.ErrOutputRefused) {
					t.Fatalf("error %v, want a refusal", err)
				}
				if now, _ := os.ReadFile(path); string(now) != string(old) {
					t.Error("the file changed")
				}
				if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp")); len(left) > 0 {
					t.Errorf("temporary files left: %v", left)
				}
			})
		}
	}
	if after, _ := c.Exports(ctx); len(after) != len(before) {
		t.Errorf("%d exports recorded, want %d", len(after), len(before))
	}
}
