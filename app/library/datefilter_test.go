package library

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// TestDateFilterAsTheCommandLine checks that the library's From and To
// select what `ls --from/--to` selects (the command line's test holds it
// to the same testkit.DateFilterCases).
func TestDateFilterAsTheCommandLine(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	var files []string
	for n := range testkit.DateFilterTimes {
		files = append(files, n)
	}
	testkit.WriteJPEGs(t, src, files...)
	c, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "D.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Import(ctx, []string{src}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	byID := map[int64]string{}
	for n, at := range testkit.DateFilterTimes {
		im, err := c.FindImage(ctx, filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		tm, _ := time.Parse("2006-01-02T15:04:05", at)
		if err := c.AssertTime(ctx, im.ID, tm, "", "test"); err != nil {
			t.Fatal(err)
		}
		byID[im.ID] = strings.TrimSuffix(n, ".jpg")
	}
	for _, tc := range testkit.DateFilterCases {
		f, err := libraryQuery{from: tc.From, to: tc.To}.filter()
		if err != nil {
			t.Fatalf("from %q to %q: %v", tc.From, tc.To, err)
		}
		ims, err := c.Images(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, im := range ims {
			got = append(got, byID[im.ID])
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tc.Want {
			t.Errorf("library from %q to %q: %v; want %s", tc.From, tc.To, got, tc.Want)
		}
	}
}
