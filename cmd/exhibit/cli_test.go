package main

import (
	"bytes"
	"encoding/json"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// corpusDir finds ../shared/corpus beside the repository, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}

// run runs the exhibit command line in-process and returns its output.
func run(t testing.TB, args ...string) (string, error) {
	t.Helper()
	cmd, cleanup := newRootCmd()
	defer cleanup()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	out, err := run(t, args...)
	if err != nil {
		t.Fatalf("exhibit %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// decode unmarshals JSON output into a generic value.
func decode(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return v
}

func hasKeys(t testing.TB, what string, v any, keys ...string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: not an object: %v", what, v)
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: no %q in %v", what, k, m)
		}
	}
	return m
}

// TestJSONContract checks the field names scripts depend on.
func TestJSONContract(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "C.exhibit")
	src := t.TempDir()
	for _, f := range []string{"exif-samples/jpg/gps/DSCN0010.jpg", "goexif/sample1.jpg", "goexif/corrupt/huge_tag_exif.jpg"} {
		b, _ := os.ReadFile(filepath.Join(corpus, f))
		os.WriteFile(filepath.Join(src, filepath.Base(f)), b, 0o644)
	}
	os.WriteFile(filepath.Join(src, "broken.jpg"), []byte("not a picture\n"), 0o644)
	imp := hasKeys(t, "import", decode(t, mustRun(t, "--case", caseDir, "import", "--json", src)), "added", "unchanged", "failed",
		"warnings", "skipped", "counts", "metadata_only", "provisional_thumbnails")
	// huge_tag_exif.jpg has EXIF but no picture: cataloged, metadata only.
	if imp["added"].(float64) != 3 || len(imp["failed"].([]any)) != 1 || len(imp["metadata_only"].([]any)) != 1 {
		t.Errorf("import: %v", imp)
	}
	counts := hasKeys(t, "import counts", imp["counts"], "pictures", "pictures_with_warnings", "metadata_only", "failed", "skipped")
	if counts["pictures"].(float64) != 2 || counts["metadata_only"].(float64) != 1 || counts["failed"].(float64) != 1 {
		t.Errorf("import counts: %v", counts)
	}
	hasKeys(t, "import metadata_only", imp["metadata_only"].([]any)[0], "path", "reason", "sha256", "size")
	f := hasKeys(t, "import failed", imp["failed"].([]any)[0], "path", "error")
	if !filepath.IsAbs(f["path"].(string)) {
		t.Errorf("failed path not absolute: %v", f["path"])
	}
	again := decode(t, mustRun(t, "--case", caseDir, "import", "--json", src)).(map[string]any)
	if again["added"].(float64) != 0 || again["unchanged"].(float64) != 3 {
		t.Errorf("second import: %v", again)
	}

	ls := decode(t, mustRun(t, "--case", caseDir, "ls", "--json")).([]any)
	if len(ls) != 3 {
		t.Fatalf("ls: %d images", len(ls))
	}
	var withGPS map[string]any
	for _, v := range ls {
		m := hasKeys(t, "ls", v, "id", "sha256", "paths", "format", "width", "height", "taken_at", "make", "model", "lat", "lon", "alt", "direction")
		if strings.HasSuffix(m["paths"].([]any)[0].(string), "sample1.jpg") {
			withGPS = m
		}
	}
	if withGPS == nil || withGPS["taken_at"] != "2003-11-23T18:07:37.63" || withGPS["lat"].(float64) < 39.9 || withGPS["make"] != "NIKON CORPORATION" {
		t.Errorf("sample1.jpg: %v", withGPS)
	}
	failed := decode(t, mustRun(t, "--case", caseDir, "ls", "--failed", "--json")).([]any)
	if len(failed) != 1 {
		t.Errorf("ls --failed: %v", failed)
	}
	hasKeys(t, "ls --failed", failed[0], "path", "error")
	if got := decode(t, mustRun(t, "--case", caseDir, "ls", "--json", "--near", "39.9155,116.3908,1")).([]any); len(got) != 1 {
		t.Errorf("--near: %d", len(got))
	}

	// Reports, search, links.
	rep := filepath.Join(t.TempDir(), "r.md")
	os.WriteFile(rep, []byte("# Report\n\n## Beijing\n\nOn 23 November 2003 the photographer stood in Tiananmen square.\n\nSecond paragraph.\n"), 0o644)
	ra := hasKeys(t, "report add", decode(t, mustRun(t, "--case", caseDir, "report", "add", "--json", rep)), "report", "excerpts")
	if ra["excerpts"].(float64) != 2 {
		t.Errorf("report add: %v", ra)
	}
	hits := decode(t, mustRun(t, "--case", caseDir, "search", "--json", "tiananmen")).([]any)
	if len(hits) != 1 {
		t.Fatalf("search: %v", hits)
	}
	h := hasKeys(t, "search", hits[0], "excerpt", "report", "report_title", "page", "page_end", "paragraph", "text", "snippet")
	if h["page"] != nil || h["paragraph"].(float64) != 1 || !strings.Contains(h["snippet"].(string), "**Tiananmen**") {
		t.Errorf("search hit: %v", h)
	}
	excerpt := h["excerpt"].(float64)
	id := withGPS["id"].(float64)
	mustRun(t, "--case", caseDir, "link", jsonNum(id), jsonNum(excerpt), "--note", "same day", "--region", "0.1,0.2,0.3,0.4")
	mustRun(t, "--case", caseDir, "note", jsonNum(id), "check", "the", "shadows")
	mustRun(t, "--case", caseDir, "tag", jsonNum(id), "square")
	show := hasKeys(t, "show", decode(t, mustRun(t, "--case", caseDir, "show", "--json", jsonNum(id))),
		"id", "sha256", "paths", "links", "notes", "tags", "locations")
	links := show["links"].([]any)
	if len(links) != 1 {
		t.Fatalf("show links: %v", show["links"])
	}
	l := hasKeys(t, "link", links[0], "excerpt", "note", "region")
	if l["excerpt"].(float64) != excerpt || l["note"] != "same day" || len(l["region"].([]any)) != 4 {
		t.Errorf("link: %v", l)
	}
	rs := hasKeys(t, "report show", decode(t, mustRun(t, "--case", caseDir, "report", "show", "--json", jsonNum(ra["report"].(float64)))),
		"id", "title", "sha256", "excerpts")
	e0 := hasKeys(t, "report show excerpt", rs["excerpts"].([]any)[0], "id", "page", "page_end", "paragraph", "heading", "text", "images",
		"ocr", "ocr_confidence")
	if e0["heading"] != "Beijing" || len(e0["images"].([]any)) != 1 || e0["ocr"] != false || e0["ocr_confidence"] != nil {
		t.Errorf("report show excerpt: %v", e0)
	}
	sug := decode(t, mustRun(t, "--case", caseDir, "suggest", "--json", jsonNum(id))).([]any)
	if len(sug) != 1 {
		t.Errorf("suggest: %v", sug)
	}
	mustRun(t, "--case", caseDir, "unlink", jsonNum(id), jsonNum(excerpt))
	show = decode(t, mustRun(t, "--case", caseDir, "show", "--json", jsonNum(id))).(map[string]any)
	if len(show["links"].([]any)) != 0 {
		t.Errorf("links after unlink: %v", show["links"])
	}
}

// jsonNum formats an id read from JSON as a command-line argument.
func jsonNum(f float64) string { return strconv.FormatInt(int64(f), 10) }

// TestErrors: a command that cannot do its job fails with one clear line.
func TestErrors(t *testing.T) {
	caseDir := filepath.Join(t.TempDir(), "E.exhibit")
	for _, args := range [][]string{
		{"--case", caseDir, "ls"}, // no case yet
		{"--case", caseDir, "import", "/no/such/folder"},
		{"--case", caseDir, "show", "999"},
		{"--case", caseDir, "ls", "--near", "91,0,1"},
		{"--case", caseDir, "ls", "--from", "yesterday"},
		{"--case", caseDir, "link", "1", "2", "--region", "0.5,0.5,0.9,0.1"},
		{"--case", caseDir, "report", "add", "/no/such/report.pdf"},
	} {
		out, err := run(t, args...)
		if err == nil {
			t.Errorf("exhibit %s succeeded:\n%s", strings.Join(args, " "), out)
			continue
		}
		if strings.Contains(err.Error(), "\n") || len(err.Error()) < 10 {
			t.Errorf("exhibit %s: unclear error %q", strings.Join(args, " "), err)
		}
	}
}
