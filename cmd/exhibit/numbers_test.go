package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadNumbersAreRefused: NaN, ±Inf, numbers too large for a float64 and
// numbers out of their range, in --region, --near (ls and map), align
// --points and annotate --json, are refused with a message saying which,
// and nothing is written: the audit trail is as it was, and map leaves no
// file.
func TestBadNumbersAreRefused(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "N.exhibit")
	src := t.TempDir()
	for _, f := range []string{"DSCN0010.jpg", "DSCN0012.jpg"} {
		b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "--case", caseDir, "import", src)
	a, b := filepath.Join(src, "DSCN0010.jpg"), filepath.Join(src, "DSCN0012.jpg")
	rep := filepath.Join(t.TempDir(), "r.md")
	if err := os.WriteFile(rep, []byte("# Report\n\nThe street was closed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--case", caseDir, "report", "add", rep)
	mustRun(t, "--case", caseDir, "pair", b, a)
	file := func(text string) string {
		p := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	points := func(x string) string {
		return file(`{"after": [[` + x + `, 0.1], [0.9, 0.1], [0.5, 0.9]], "before": [[0.1, 0.1], [0.9, 0.1], [0.5, 0.9]]}`)
	}
	rect := func(x, width string) string {
		return file(`[{"kind": "rect", "points": [[` + x + `, 0.1], [0.5, 0.5]], "width": ` + width + `}]`)
	}
	mapOut := filepath.Join(t.TempDir(), "map.png")

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"region NaN", []string{"link", a, "1", "--region", "NaN,0.1,0.2,0.2"}, "not made of numbers"},
		{"region Inf", []string{"link", a, "1", "--region", "0.1,0.1,Inf,0.2"}, "not made of numbers"},
		{"region -Inf", []string{"link", a, "1", "--region", "-Inf,0.1,0.2,0.2"}, "not made of numbers"},
		{"region 1e309", []string{"link", a, "1", "--region", "0.1,0.1,0.2,1e309"}, `"1e309" is out of range`},
		{"region W 0", []string{"link", a, "1", "--region", "0.1,0.1,0,0.2"}, "must lie within the image"},
		{"region W negative", []string{"link", a, "1", "--region", "0.5,0.1,-0.2,0.2"}, "must lie within the image"},
		{"region outside", []string{"link", a, "1", "--region", "0.9,0.1,0.2,0.2"}, "must lie within the image"},
		{"region not a number", []string{"link", a, "1", "--region", "0.1,x,0.2,0.2"}, `"x" is not a number`},

		{"ls near NaN", []string{"ls", "--near", "NaN,39,2"}, "latitude NaN"},
		{"ls near Inf", []string{"ls", "--near", "35,Inf,2"}, "longitude +Inf"},
		{"ls near -Inf", []string{"ls", "--near", "-Inf,39,2"}, "latitude -Inf"},
		{"ls near 1e309", []string{"ls", "--near", "35,39,1e309"}, `"1e309" is out of range`},
		{"ls near lat 91", []string{"ls", "--near", "91,39,2"}, "latitude 91"},
		{"ls near lon 181", []string{"ls", "--near", "35,181,2"}, "longitude 181"},
		{"ls near radius negative", []string{"ls", "--near", "35,39,-1"}, "distance -1"},
		{"ls near radius NaN", []string{"ls", "--near", "35,39,nan"}, "distance NaN"},
		{"map near NaN", []string{"map", "-o", mapOut, "--near", "NaN,39,2"}, "latitude NaN"},
		{"map near lon 181", []string{"map", "-o", mapOut, "--near", "35,181,2"}, "longitude 181"},
		{"map near radius Inf", []string{"map", "-o", mapOut, "--near", "35,39,inf"}, "distance +Inf"},

		{"align 1e309", []string{"align", "1", "--points", points("1e309")}, "1e309 is out of range"},
		{"align -1e309", []string{"align", "1", "--points", points("-1e309")}, "-1e309 is out of range"},
		{"align outside", []string{"align", "1", "--points", points("1.5")}, "outside the image"},
		{"align negative", []string{"align", "1", "--points", points("-0.2")}, "outside the image"},

		{"annotate 1e309", []string{"annotate", a, "--json", rect("1e309", "3")}, "1e309 is out of range"},
		{"annotate outside", []string{"annotate", a, "--json", rect("1.2", "3")}, "outside the image"},
		{"annotate negative", []string{"annotate", a, "--json", rect("-0.5", "3")}, "outside the image"},
		{"annotate width 1e309", []string{"annotate", a, "--json", rect("0.1", "1e309")}, "1e309"},
		{"annotate width negative", []string{"annotate", a, "--json", rect("0.1", "-1")}, "width -1"},
		{"annotate width too wide", []string{"annotate", a, "--json", rect("0.1", "1000")}, "width 1000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			audit := mustRun(t, "--case", caseDir, "audit", "--json")
			_, err := run(t, append([]string{"--case", caseDir}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("exhibit %s: error %v, want one saying %q", strings.Join(tt.args, " "), err, tt.want)
			}
			if now := mustRun(t, "--case", caseDir, "audit", "--json"); now != audit {
				t.Errorf("the audit trail changed:\n%s", now)
			}
			if _, err := os.Stat(mapOut); err == nil {
				t.Errorf("%s written", mapOut)
			}
		})
	}
}
