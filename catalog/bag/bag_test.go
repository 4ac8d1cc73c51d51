package bag

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"github.com/exhibit-app/exhibit/internal/testkit"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// corpusDir finds ../shared/corpus beside the repository, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	return testkit.CorpusDir(t)
}

// testCase makes a case of two corpus photos (one with a name needing
// percent-encoding in a manifest), a text report and a note. It returns
// the case and the folder of the photos.
func testCase(t *testing.T) (*catalog.Case, string) {
	t.Helper()
	corpus := corpusDir(t)
	t.Setenv("EXHIBIT_CONFIG_DIR", t.TempDir())
	ctx := context.Background()
	src := t.TempDir()
	for from, to := range map[string]string{"DSCN0010.jpg": "50% done.jpg", "DSCN0012.jpg": "DSCN0012.jpg"} {
		b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps", from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "B.exhibit"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if res, err := c.Import(ctx, []string{src}, catalog.ImportOptions{Workers: 1}); err != nil || res.Added != 2 {
		t.Fatalf("import: %v, %+v", err, res)
	}
	rep := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(rep, []byte("Field report\n\nThe market was hit on 3 May.\n"), 0o644)
	if _, err := c.AddReport(ctx, rep, catalog.ReportOptions{Title: "Field report"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddNote(ctx, 1, "shadows point west"); err != nil {
		t.Fatal(err)
	}
	return c, src
}

func TestWriteThenVerify(t *testing.T) {
	c, _ := testCase(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "handover")
	var calls, last int
	res, err := Write(ctx, c, dir, Options{Software: "exhibit test", Progress: func(done, total int) {
		if done < last || done > total {
			t.Errorf("progress %d of %d after %d", done, total, last)
		}
		calls, last = calls+1, done
		if done == total && calls < 3 {
			t.Errorf("progress reached the end after %d calls", calls)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Originals != 2 || res.Reports != 1 || len(res.Missing) != 0 || res.Export == nil || res.Export.Kind != "bag" {
		t.Fatalf("result: %+v", res)
	}
	if res.Export.SHA256 != res.TagManifest || res.Export.Path != filepath.Join(dir, "tagmanifest-sha256.txt") {
		t.Errorf("export recorded %s %s, want the tag manifest %s", res.Export.Path, res.Export.SHA256, res.TagManifest)
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "manifest-sha256.txt"))
	if !strings.Contains(string(manifest), "_50%25 done.jpg\n") {
		t.Errorf("the %% in a name is not percent-encoded:\n%s", manifest)
	}
	rep, err := Verify(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 0 {
		t.Errorf("a fresh bag has problems: %v", rep.Problems)
	}
	if rep.CaseID != c.ID() || rep.ChainCount != res.Head.Count || rep.Entries != int(res.Head.Count) || rep.PayloadOxum != res.PayloadOxum() {
		t.Errorf("verify report %+v, bag %+v", rep, res)
	}
	// The bag is in the audit trail; its head is what the bag signed.
	head, _ := c.ChainHead(ctx)
	if head.Count != res.Head.Count+1 {
		t.Errorf("chain went from %d to %d entries, want one more (export.bag)", res.Head.Count, head.Count)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// TestWriteCancelled cancels the bag midway: nothing is left under its
// name, nor beside it, and nothing is recorded.
func TestWriteCancelled(t *testing.T) {
	c, _ := testCase(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "bag")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before, _ := c.Exports(context.Background())
	var sawTemp bool
	_, err := Write(ctx, c, dir, Options{Progress: func(done, total int) {
		if done == total-2 { // originals and reports copied, not the tags
			entries, _ := os.ReadDir(parent)
			sawTemp = len(entries) == 1 && strings.HasPrefix(entries[0].Name(), ".bag.bag-")
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !sawTemp {
		t.Error("the bag was not being written in a hidden folder beside the target")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left after cancelling: %v", entries)
	}
	if after, _ := c.Exports(context.Background()); len(after) != len(before) {
		t.Errorf("%d exports recorded, want %d", len(after), len(before))
	}
}

// TestWriteMissingOriginal: an original whose file is gone or changed
// stops the bag, naming it; with AllowMissing it is listed in the bag.
func TestWriteMissingOriginal(t *testing.T) {
	c, src := testCase(t)
	ctx := context.Background()
	if err := os.WriteFile(filepath.Join(src, "DSCN0012.jpg"), []byte("other bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "bag")
	_, err := Write(ctx, c, dir, Options{})
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "original 2") || !strings.Contains(err.Error(), "DSCN0012.jpg: its SHA-256 is now") {
		t.Fatalf("error %v, want one naming original 2 as changed", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left after a refused bag: %v", entries)
	}
	res, err := Write(ctx, c, dir, Options{AllowMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Originals != 1 || len(res.Missing) != 1 || res.Missing[0].ID != 2 {
		t.Errorf("result %+v", res)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/case/missing.json")); err != nil {
		t.Error(err)
	}
	rep, err := Verify(ctx, dir, nil)
	if err != nil || len(rep.Problems) != 0 {
		t.Errorf("a bag with an original listed missing: %v %v", err, rep.Problems)
	}
}

func TestGuardOutputDir(t *testing.T) {
	c, src := testCase(t)
	ctx := context.Background()
	free := t.TempDir()
	full := filepath.Join(free, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	file := filepath.Join(free, "file")
	os.WriteFile(file, nil, 0o644)
	link := filepath.Join(free, "link")
	os.Symlink(t.TempDir(), link)
	empty := filepath.Join(free, "empty")
	os.MkdirAll(empty, 0o755)
	for _, tt := range []struct{ name, path, want string }{
		{"new folder", filepath.Join(free, "new"), ""},
		{"empty folder", empty, ""},
		{"in the case", filepath.Join(c.Dir(), "bag"), "inside the case folder"},
		{"in a folder of originals", filepath.Join(src, "bag"), "a folder of originals"},
		{"below a folder of originals", filepath.Join(src, "x", "bag"), "a folder of originals"},
		{"a folder with files", full, "not empty"},
		{"a file", file, "not a folder"},
		{"a symbolic link", link, "symbolic link"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := c.GuardOutputDir(ctx, tt.path)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, catalog.ErrOutputRefused) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want a refusal saying %q", err, tt.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"DSCN0010.jpg", "DSCN0010.jpg"},
		{"50% done.jpg", "50% done.jpg"},
		{"a\nb\rc.jpg", "a_b_c.jpg"},
		{`a:b*c?"<>|\.jpg`, "a_b_c______.jpg"},
		{"name. ", "name"},
		{"", "file"},
		{"صورة.jpg", "صورة.jpg"},
		{strings.Repeat("é", 200) + ".jpeg", strings.Repeat("é", 77) + ".jpeg"},
	} {
		if got := safeName(tt.in); got != tt.want {
			t.Errorf("safeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"data/a b.jpg", "data/a b.jpg"},
		{"data/50%.jpg", "data/50%25.jpg"},
		{"data/a\nb\r.jpg", "data/a%0Ab%0D.jpg"},
		{"data/%0A.jpg", "data/%250A.jpg"},
	} {
		if got := EncodePath(tt.in); got != tt.want {
			t.Errorf("EncodePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := DecodePath(tt.want); back != tt.in {
			t.Errorf("DecodePath(%q) = %q, want %q", tt.want, back, tt.in)
		}
	}
}

// TestVerifyChain tampers with the audit chain and checkpoints of a bag,
// redoing the manifests as a forger without the key would: Verify names
// each break.
func TestVerifyChain(t *testing.T) {
	c, _ := testCase(t)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "bag")
	if _, err := Write(ctx, c, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		file   string
		tamper func(lines []string) []string
		want   []string
	}{
		{"an entry removed", "data/case/audit.jsonl", func(l []string) []string { return append(l[:2:2], l[3:]...) },
			[]string{"line 3 (entry 4): its place in the chain is 4, want 3", "line 3 (entry 4): it does not follow the entry before",
				"the chain ends at entry", "the signature does not verify"}},
		{"two entries swapped", "data/case/audit.jsonl", func(l []string) []string { l[1], l[2] = l[2], l[1]; return l },
			[]string{"line 2 (entry 3): its place in the chain is 3, want 2"}},
		{"a row hash changed", "data/case/audit.jsonl", func(l []string) []string {
			i := slices.IndexFunc(l, func(s string) bool { return strings.Contains(s, `"ref":"notes/1"`) })
			l[i] = regexp.MustCompile(`("ref":"notes/1","hash":")[0-9a-f]`).ReplaceAllString(l[i], "${1}x")
			return l
		}, []string{"its rows digest to", "its rows were changed"}},
		{"a checkpoint edited", "data/case/checkpoints.jsonl", func(l []string) []string {
			l[0] = regexp.MustCompile(`"count":\d+`).ReplaceAllString(l[0], `"count":999`)
			return l
		}, []string{"line 1 (checkpoint 1): its signature does not verify", "it signed entry 999 as", "but the chain holds none there"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bag := filepath.Join(t.TempDir(), "bag")
			if err := os.CopyFS(bag, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(bag, filepath.FromSlash(tt.file))
			b, _ := os.ReadFile(path)
			lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			os.WriteFile(path, []byte(strings.Join(tt.tamper(lines), "\n")+"\n"), 0o644)
			redo(t, bag, "manifest-sha256.txt")
			redo(t, bag, "tagmanifest-sha256.txt")
			rep, err := Verify(ctx, bag, nil)
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range rep.Problems {
				all = append(all, p.String())
			}
			got := strings.Join(all, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no problem saying %q in:\n%s", w, got)
				}
			}
		})
	}
}

// redo rewrites a manifest's hashes from the files as they are now.
func redo(t *testing.T, bag, name string) {
	t.Helper()
	b, _ := os.ReadFile(filepath.Join(bag, name))
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		_, p, _ := strings.Cut(l, "  ")
		data, err := os.ReadFile(filepath.Join(bag, DecodePath(p)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		out.WriteString(hex.EncodeToString(sum[:]) + "  " + p + "\n")
	}
	os.WriteFile(filepath.Join(bag, name), []byte(out.String()), 0o644)
}
