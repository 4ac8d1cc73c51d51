package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileSum returns the SHA-256, in hex, and size of the file at path.
func fileSum(t testing.TB, path string) (string, float64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), float64(len(b))
}

// TestImportJSONHashesEveryFile: `import --json`, `ls --failed --json` and
// `ls --skipped --json` give the SHA-256 and size of every file failed or
// skipped.
func TestImportJSONHashesEveryFile(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "H.exhibit")
	src := t.TempDir()
	for name, b := range map[string][]byte{
		"clip.mp4":  append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{0x5a}, 20000)...),
		"notes.txt": []byte("seen from the north\n"),
		"fake.jpg":  []byte("not a picture\n"),
		"empty.jpg": nil,
	} {
		os.WriteFile(filepath.Join(src, name), b, 0o644)
	}
	for _, f := range []string{"exif-samples/jpg/gps/DSCN0010.jpg", "goexif/corrupt/huge_tag_exif.jpg"} {
		b, _ := os.ReadFile(filepath.Join(corpus, f))
		os.WriteFile(filepath.Join(src, filepath.Base(f)), b, 0o644)
	}
	want := map[string]string{"clip.mp4": "skipped", "notes.txt": "skipped", "fake.jpg": "failed", "empty.jpg": "failed", "huge_tag_exif.jpg": "metadata only"}

	// check checks the entries of one list against the files' bytes.
	check := func(what, kind string, list []any) {
		t.Helper()
		seen := 0
		for _, v := range list {
			e := hasKeys(t, what, v, "path", "sha256", "size")
			p := e["path"].(string)
			name := filepath.Base(p)
			if want[name] != kind {
				t.Errorf("%s: %s, which should be %s", what, name, want[name])
				continue
			}
			seen++
			sum, size := fileSum(t, p)
			if e["sha256"] != sum || e["size"] != size {
				t.Errorf("%s: %s has sha256 %v size %v, want %s %v", what, name, e["sha256"], e["size"], sum, size)
			}
		}
		for _, k := range want {
			if k == kind {
				seen--
			}
		}
		if seen != 0 {
			t.Errorf("%s: %d entries, not one for each %s file: %v", what, len(list), kind, list)
		}
	}
	imp := hasKeys(t, "import", decode(t, mustRun(t, "--case", caseDir, "import", "--json", src)), "failed", "skipped", "metadata_only")
	check("import failed", "failed", imp["failed"].([]any))
	check("import skipped", "skipped", imp["skipped"].([]any))
	check("import metadata_only", "metadata only", imp["metadata_only"].([]any))
	check("ls --failed", "failed", decode(t, mustRun(t, "--case", caseDir, "ls", "--failed", "--json")).([]any))
	check("ls --skipped", "skipped", decode(t, mustRun(t, "--case", caseDir, "ls", "--skipped", "--json")).([]any))
}

// TestVerifyCommand: verify checks originals and reports, keeps a changed
// or missing original failing after re-imports until it is accepted with a
// reason, and says so in its JSON (kind, status) and exit status.
func TestVerifyCommand(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "V.exhibit")
	src := t.TempDir()
	a, b := filepath.Join(src, "a.jpg"), filepath.Join(src, "b.jpg")
	for p, f := range map[string]string{a: "exif-samples/jpg/gps/DSCN0010.jpg", b: "goexif/sample1.jpg"} {
		data, err := os.ReadFile(filepath.Join(corpus, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(p, data, 0o644)
	}
	rep := filepath.Join(t.TempDir(), "r.md")
	os.WriteFile(rep, []byte("# Report\n\nThe bakery burned on 3 May.\n"), 0o644)
	mustRun(t, "--case", caseDir, "import", src)
	mustRun(t, "--case", caseDir, "report", "add", rep)

	// verifyJSON runs verify --json and returns its elements by
	// "kind path" (joined when several), and whether it failed.
	verifyJSON := func() (map[string]string, bool) {
		t.Helper()
		out, err := run(t, "--case", caseDir, "verify", "--json")
		got := map[string]string{}
		for _, v := range decode(t, out).([]any) {
			e := hasKeys(t, "verify", v, "kind", "sha256", "path", "status")
			switch e["kind"] {
			case "original":
				hasKeys(t, "verify original", v, "image")
			case "report":
				hasKeys(t, "verify report", v, "report")
			}
			k := e["kind"].(string) + " " + filepath.Base(e["path"].(string))
			s := e["status"].(string)
			if s == "accepted" {
				s += " " + e["found"].(string) + ": " + e["reason"].(string)
			}
			if got[k] != "" {
				s = got[k] + ", " + s
			}
			got[k] = s
		}
		return got, err != nil
	}
	expect := func(step string, want map[string]string, wantFail bool) {
		t.Helper()
		got, failed := verifyJSON()
		if len(got) != len(want) || failed != wantFail {
			t.Errorf("%s: verify %v (failed %v); want %v (failed %v)", step, got, failed, want, wantFail)
			return
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %s is %q, want %q", step, k, got[k], w)
			}
		}
	}
	expect("at first", map[string]string{"original a.jpg": "ok", "original b.jpg": "ok", "report r.md": "ok"}, false)

	data, _ := os.ReadFile(a)
	data[len(data)-200] ^= 1
	os.WriteFile(a, data, 0o644)
	mustRun(t, "--case", caseDir, "import", src)
	expect("a changed", map[string]string{"original a.jpg": "changed, ok", "original b.jpg": "ok", "report r.md": "ok"}, true)
	out, err := run(t, "--case", caseDir, "verify")
	if err == nil || !strings.Contains(out, "changed: "+a) {
		t.Errorf("verify after a changed: %v\n%s", err, out)
	}
	if _, err := run(t, "--case", caseDir, "verify", "--accept", a); err == nil {
		t.Error("verify --accept without --reason succeeded")
	}
	mustRun(t, "--case", caseDir, "verify", "--accept", a, "--reason", "re-saved by the witness")
	out = mustRun(t, "--case", caseDir, "verify")
	if !strings.Contains(out, "accepted: re-saved by the witness") {
		t.Errorf("verify after accepting does not say so:\n%s", out)
	}

	// b is deleted: missing after the import, until accepted (by id).
	id := jsonNum(decode(t, mustRun(t, "--case", caseDir, "show", "--json", b)).(map[string]any)["id"].(float64))
	os.Remove(b)
	mustRun(t, "--case", caseDir, "import", src)
	expect("b deleted", map[string]string{"original a.jpg": "accepted changed: re-saved by the witness, ok", "original b.jpg": "missing", "report r.md": "ok"}, true)
	mustRun(t, "--case", caseDir, "verify", "--accept", id, "--reason", "deleted by mistake; copy in exhibit 4")
	expect("b accepted", map[string]string{"original a.jpg": "accepted changed: re-saved by the witness, ok",
		"original b.jpg": "accepted missing: deleted by mistake; copy in exhibit 4", "report r.md": "ok"}, false)
	audit := mustRun(t, "--case", caseDir, "audit", "--object", "image:"+id)
	if !strings.Contains(audit, "verify.accept") || !strings.Contains(audit, "deleted by mistake") {
		t.Errorf("audit of image %s has no verify.accept with the reason:\n%s", id, audit)
	}

	// The report's file changed after `report add`.
	os.WriteFile(rep, []byte("# Report\n\nThe bakery burned on 4 May.\n"), 0o644)
	expect("report changed", map[string]string{"original a.jpg": "accepted changed: re-saved by the witness, ok",
		"original b.jpg": "accepted missing: deleted by mistake; copy in exhibit 4", "report r.md": "changed"}, true)
}
