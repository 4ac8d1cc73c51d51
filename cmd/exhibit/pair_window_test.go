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

// TestPairWindowRefused checks that the command line cannot store a date
// window whose "not before" is later than its "not after", neither when it
// makes a pair nor when it changes one.
func TestPairWindowRefused(t *testing.T) {
	ctx := context.Background()
	caseDir := filepath.Join(t.TempDir(), "W.exhibit")
	src := t.TempDir()
	testkit.WriteJPEGs(t, src, "early.jpg", "late.jpg")
	c, err := catalog.Open(ctx, caseDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Import(ctx, []string{src}, catalog.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for n, at := range map[string]string{"early.jpg": "2017-10-11T09:42:00", "late.jpg": "2017-10-16T15:21:00"} {
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
	early, late := filepath.Join(src, "early.jpg"), filepath.Join(src, "late.jpg")
	p := decode(t, mustRun(t, "--case", caseDir, "pair", "--json", early, late)).(map[string]any)
	id := jsonNum(p["id"].(float64))
	window := func() string {
		p := decode(t, mustRun(t, "--case", caseDir, "pair", "--json", id)).(map[string]any)
		return p["not_before"].(string) + " " + p["not_after"].(string)
	}
	const kept = "2017-10-11T09:42:00 2017-10-16T15:21:00"
	for _, args := range [][]string{
		{"pair", id, "--not-after", "2017-10-10"},
		{"pair", id, "--not-before", "2017-10-17T08:00:00"},
		{"pair", id, "--not-before", "2017-10-16", "--not-after", "2017-10-11"},
		{"pair", early, late, "--not-before", "2017-10-20"},
		{"pair", early, late, "--not-before", "2017-10-14", "--not-after", "2017-10-12T10:00"},
	} {
		_, err := run(t, append([]string{"--case", caseDir}, args...)...)
		if err == nil || !strings.Contains(err.Error(), "is later than “not after”") {
			t.Errorf("exhibit %s: %v; want the window refused", strings.Join(args, " "), err)
		}
		if w := window(); w != kept {
			t.Errorf("after exhibit %s: window %s", strings.Join(args, " "), w)
		}
	}
	if ps := decode(t, mustRun(t, "--case", caseDir, "pairs", "--json")).([]any); len(ps) != 1 {
		t.Errorf("%d pairs after refusals", len(ps))
	}
	// A window in order is taken, when making a pair too.
	mustRun(t, "--case", caseDir, "pair", id, "--not-before", "2017-10-12 08:00", "--not-after", "2017-10-13")
	if w := window(); w != "2017-10-12T08:00 2017-10-13" {
		t.Errorf("window %s", w)
	}
	q := decode(t, mustRun(t, "--case", caseDir, "pair", "--json", early, late, "--not-after", "2017-10-12")).(map[string]any)
	if q["not_before"] != "2017-10-11T09:42:00" || q["not_after"] != "2017-10-12" {
		t.Errorf("new pair's window: %v – %v", q["not_before"], q["not_after"])
	}
}
