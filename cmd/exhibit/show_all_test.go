package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShowAll: show --all --json keeps every field of show --json and adds
// file_tags, every tag read from the original; the text lists them by group.
func TestShowAll(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	data, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "a.jpg"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	caseDir := filepath.Join(t.TempDir(), "C.exhibit")
	mustRun(t, "--case", caseDir, "import", src)
	mustRun(t, "--case", caseDir, "tag", "a.jpg", "bakery")
	plain := decode(t, mustRun(t, "--case", caseDir, "show", "--json", "a.jpg")).(map[string]any)
	if _, ok := plain["file_tags"]; ok {
		t.Errorf("show --json without --all reads the tags: %v", plain["file_tags"])
	}
	all := decode(t, mustRun(t, "--case", caseDir, "show", "--all", "--json", "a.jpg")).(map[string]any)
	for k := range plain {
		if _, ok := all[k]; !ok {
			t.Errorf("show --all --json lost %q", k)
		}
	}
	if tags, _ := all["tags"].([]any); len(tags) != 1 || tags[0] != "bakery" {
		t.Errorf("tags = %v, want the investigator's [bakery]", all["tags"])
	}
	ft := hasKeys(t, "file_tags", all["file_tags"], "path", "tags")
	list, _ := ft["tags"].([]any)
	found := false
	for _, v := range list {
		tg := hasKeys(t, "file tag", v, "group", "name", "value")
		if tg["group"] == "IFD0" && tg["name"] == "Model" && tg["value"] == "COOLPIX P6000" {
			found = true
		}
	}
	if !found || len(list) < 50 {
		t.Errorf("file_tags has %d tags, without IFD0:Model COOLPIX P6000", len(list))
	}
	text := mustRun(t, "--case", caseDir, "show", "--all", "a.jpg")
	for _, want := range []string{"[IFD0]", "[ExifIFD]", "[GPS]", "[Nikon]", "COOLPIX P6000"} {
		if !strings.Contains(text, want) {
			t.Errorf("show --all text has no %q:\n%s", want, text)
		}
	}
}
