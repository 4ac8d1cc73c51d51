package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exhibit map draws the images with a position into a PNG of the size
// asked, records it, and refuses when no image has a position.
func TestMapCommand(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "M.exhibit")
	mustRun(t, "--case", caseDir, "import",
		filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0012.jpg"))
	out := filepath.Join(t.TempDir(), "where.png")
	msg := mustRun(t, "--case", caseDir, "map", "-o", out, "--size", "900x600")
	if !strings.Contains(msg, "2 images placed") {
		t.Errorf("map says %q", msg)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 900 || cfg.Height != 600 {
		t.Errorf("where.png: %v, %d×%d; want a 900×600 PNG", err, cfg.Width, cfg.Height)
	}
	if audit := mustRun(t, "--case", caseDir, "audit"); !strings.Contains(audit, "export.map") {
		t.Errorf("the map is not in the audit trail:\n%s", audit)
	}
	out = filepath.Join(t.TempDir(), "other.png") // a new file: the one written exists
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"map", "-o", out, "--from", "2030-01-01"}, "none of the images selected has a GPS position"},
		{[]string{"map", "-o", out, "--basemap", filepath.Join(t.TempDir(), "none.mbtiles")}, "no such file"},
		{[]string{"map", "-o", out, "--size", "big"}, "--size"},
		{[]string{"map"}, "-o MAP.png"},
	} {
		_, err := run(t, append([]string{"--case", caseDir}, tt.args...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("exhibit %s: error %v, want one saying %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
}
