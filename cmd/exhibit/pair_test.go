package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPairAndAnnotationContract checks `pair --json`, `pairs --json`,
// `annotate` and `annotations --json` field names and behaviour.
func TestPairAndAnnotationContract(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "P.exhibit")
	src := t.TempDir()
	for _, f := range []string{"DSCN0010.jpg", "DSCN0012.jpg"} {
		b, _ := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps", f))
		os.WriteFile(filepath.Join(src, f), b, 0o644)
	}
	mustRun(t, "--case", caseDir, "import", src)
	a, b := filepath.Join(src, "DSCN0010.jpg"), filepath.Join(src, "DSCN0012.jpg")
	p := hasKeys(t, "pair", decode(t, mustRun(t, "--case", caseDir, "pair", "--json", b, a, "--title", "Market")),
		"id", "title", "before", "after", "not_before", "not_after", "notes")
	if p["title"] != "Market" || p["not_before"] == nil {
		t.Errorf("pair: %v", p)
	}
	pairs := decode(t, mustRun(t, "--case", caseDir, "pairs", "--json")).([]any)
	if len(pairs) != 1 {
		t.Fatalf("pairs: %v", pairs)
	}
	hasKeys(t, "pairs", pairs[0], "id", "title", "before", "after", "not_before", "not_after", "notes")

	file := filepath.Join(t.TempDir(), "a.json")
	os.WriteFile(file, []byte(`[
		{"kind": "rect", "points": [[0.1, 0.2], [0.4, 0.5]], "color": "#00AA00", "width": 3, "label": "roof", "note": "intact"},
		{"kind": "callout", "points": [[0.5, 0.5]], "label": "crater"},
		{"kind": "arrow", "points": [[0.9, 0.9], [0.6, 0.6]]}
	]`), 0o644)
	added := decode(t, mustRun(t, "--case", caseDir, "annotate", a, "--json", file)).([]any)
	if len(added) != 3 {
		t.Fatalf("annotate: %v", added)
	}
	list := decode(t, mustRun(t, "--case", caseDir, "annotations", a, "--json")).([]any)
	if len(list) != 3 {
		t.Fatalf("annotations: %v", list)
	}
	r := hasKeys(t, "annotation", list[0], "id", "kind", "points", "color", "width", "label", "note")
	if r["kind"] != "rect" || r["color"] != "#00AA00" || r["label"] != "roof" {
		t.Errorf("rect: %v", r)
	}
	c := hasKeys(t, "callout", list[1], "number")
	if c["number"].(float64) != 1 {
		t.Errorf("callout number: %v", c)
	}
	if _, ok := list[0].(map[string]any)["number"]; ok {
		t.Error("a rect has a number")
	}
	// A bad file is refused whole: nothing is added.
	os.WriteFile(file, []byte(`[{"kind": "rect", "points": [[0.1, 0.2], [0.4, 0.5]]}, {"kind": "rect", "points": [[2, 2], [3, 3]]}]`), 0o644)
	if _, err := run(t, "--case", caseDir, "annotate", a, "--json", file); err == nil || !strings.Contains(err.Error(), "outside the image") {
		t.Errorf("bad annotation: %v", err)
	}
	if list := decode(t, mustRun(t, "--case", caseDir, "annotations", a, "--json")).([]any); len(list) != 3 {
		t.Errorf("%d annotations after a refused file", len(list))
	}
	pid := jsonNum(p["id"].(float64))
	os.WriteFile(file, []byte(`[{"kind": "text", "points": [[0.5, 0.1]], "label": "north"}]`), 0o644)
	mustRun(t, "--case", caseDir, "annotate", "--pair", pid, "--side", "after", "--json", file)
	onPair := decode(t, mustRun(t, "--case", caseDir, "annotations", "pair:"+pid, "--json")).([]any)
	if len(onPair) != 4 || onPair[3].(map[string]any)["side"] != "after" {
		t.Errorf("pair annotations: %v", onPair)
	}
}
