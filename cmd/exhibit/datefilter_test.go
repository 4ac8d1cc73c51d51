package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/testkit"
)

// TestDateFilterAsTheApp checks that `ls --from/--to` selects what the
// app's library filter selects (the app's test holds it to the same
// testkit.DateFilterCases): a bound to the minute includes the whole minute.
func TestDateFilterAsTheApp(t *testing.T) {
	ctx := context.Background()
	caseDir := filepath.Join(t.TempDir(), "D.exhibit")
	src := t.TempDir()
	var files []string
	for n := range testkit.DateFilterTimes {
		files = append(files, n)
	}
	testkit.WriteJPEGs(t, src, files...)
	c, err := catalog.Open(ctx, caseDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(ctx, []string{src}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for n, at := range testkit.DateFilterTimes {
		im, err := c.FindImage(ctx, filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		tm, _ := time.Parse("2006-01-02T15:04:05", at)
		if err := c.AssertTime(ctx, im.ID, tm, "", "test"); err != nil {
			t.Fatal(err)
		}
	}
	c.Close()
	for _, tc := range testkit.DateFilterCases {
		args := []string{"--case", caseDir, "ls", "--json"}
		if tc.From != "" {
			args = append(args, "--from", tc.From)
		}
		if tc.To != "" {
			args = append(args, "--to", tc.To)
		}
		got := strings.ReplaceAll(names(byName(t, mustRun(t, args...))), ".jpg", "")
		if got != tc.Want {
			t.Errorf("ls --from %q --to %q: %s; want %s", tc.From, tc.To, got, tc.Want)
		}
	}
}
