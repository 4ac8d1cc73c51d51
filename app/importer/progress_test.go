package importer

import (
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestImportProgressText: the dialog counts the files read, then the real
// thumbnails the second pass makes.
func TestImportProgressText(t *testing.T) {
	cases := []struct {
		name string
		p    catalog.ImportProgress
		secs float64
		frac float64
		text string
	}{
		{"nothing found yet", catalog.ImportProgress{}, 0, -1, "0 of 0 files · 0 new, 0 failed"},
		{"first pass", catalog.ImportProgress{Total: 200, Done: 50, Added: 50}, 2, 0.25, "50 of 200 files · 25 files/s · 50 new, 0 failed"},
		{"second pass", catalog.ImportProgress{Total: 200, Done: 200, Added: 199, Failed: 1, Thumbs: 199, ThumbsDone: 0}, 9, 0,
			"200 of 200 files · making thumbnails: 0 of 199 · 199 new, 1 failed"},
		{"second pass half done", catalog.ImportProgress{Total: 200, Done: 200, Added: 200, Thumbs: 200, ThumbsDone: 100}, 9, 0.5,
			"200 of 200 files · making thumbnails: 100 of 200 · 200 new, 0 failed"},
	}
	for _, tc := range cases {
		frac, text := progressText(tc.p, tc.secs)
		if frac != tc.frac || text != tc.text {
			t.Errorf("%s: %v, %q; want %v, %q", tc.name, frac, text, tc.frac, tc.text)
		}
	}
}
