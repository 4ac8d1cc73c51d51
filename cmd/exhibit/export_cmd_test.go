package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportAndRender writes the catalog as CSV and an image with its
// annotations as PNG: each file is whole, nothing temporary is left
// beside it, and both are recorded in the audit trail.
func TestExportAndRender(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "X.exhibit")
	src := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")
	mustRun(t, "--case", caseDir, "import", src)
	ann := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(ann, []byte(`[{"kind": "rect", "points": [[0.1, 0.1], [0.5, 0.5]], "color": "#E53935", "width": 4, "label": "here"}]`), 0o644)
	mustRun(t, "--case", caseDir, "annotate", "1", "--json", ann)

	out := t.TempDir()
	csv := filepath.Join(out, "catalog.csv")
	msg := mustRun(t, "--case", caseDir, "export", "csv", "-o", csv)
	if !strings.Contains(msg, "1 images written to "+csv) || !strings.Contains(msg, "SHA-256") {
		t.Errorf("export csv says %q", msg)
	}
	data, err := os.ReadFile(csv)
	if err != nil || !strings.Contains(string(data), "DSCN0010.jpg") || strings.Count(string(data), "\n") != 2 {
		t.Errorf("catalog.csv (%v):\n%s", err, data)
	}
	if geo := mustRun(t, "--case", caseDir, "export", "geojson"); !strings.Contains(geo, `"FeatureCollection"`) {
		t.Errorf("export geojson to standard output: %q", geo)
	}

	png1 := filepath.Join(out, "marked.png")
	msg = mustRun(t, "--case", caseDir, "render", "1", "-o", png1)
	f, err := os.Open(png1)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("marked.png: %v", err)
	}
	if want := "image 1, " + itoa(cfg.Width) + "×" + itoa(cfg.Height) + ", 1 annotations"; !strings.Contains(msg, want) {
		t.Errorf("render says %q, want %q", msg, want)
	}
	if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	audit := mustRun(t, "--case", caseDir, "audit")
	for _, action := range []string{"export.csv", "export.png"} {
		if !strings.Contains(audit, action) {
			t.Errorf("no %s in the audit trail:\n%s", action, audit)
		}
	}

	// A file that cannot be written leaves nothing, and no record.
	if _, err := run(t, "--case", caseDir, "export", "csv", "-o", filepath.Join(out, "no-such-folder", "c.csv")); err == nil {
		t.Error("export to a missing folder succeeded")
	}
	if got := strings.Count(mustRun(t, "--case", caseDir, "audit"), "export.csv"); got != 1 {
		t.Errorf("%d csv exports recorded, want 1", got)
	}
	// Nor a folder given as the file, nor a pair that does not exist or
	// does not hold the image.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "csv", "-o", out}, "is a folder"},
		{[]string{"render", "1", "-o", filepath.Join(out, "x.png"), "--pair", "7"}, "pair 7: not found"},
	} {
		_, err := run(t, append([]string{"--case", caseDir}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("exhibit %s: error %v, want one saying %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}

func itoa(n int) string { return jsonNum(float64(n)) }
