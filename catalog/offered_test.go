package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// sumOf returns the SHA-256, in hex, of the file at path.
func sumOf(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// offeredFolder makes a folder of every kind of file an import meets and
// returns it with, for each file (by base name), how the import should
// take it: "cataloged", "failed" or "skipped".
func offeredFolder(t testing.TB) (string, map[string]string) {
	t.Helper()
	corpus := corpusDir(t)
	src := t.TempDir()
	good := filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg")
	copyFile(t, good, filepath.Join(src, "good.jpg"))
	copyFile(t, filepath.Join(corpus, "goexif/sample1.jpg"), filepath.Join(src, "sub/good2.jpg"))
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A video longer than the head the import reads to tell what it is.
	write("clip.mp4", append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{0x5a}, 3*headSize)...))
	write("notes.txt", []byte("the bakery, seen from the north\n"))
	write("report.pdf", []byte("%PDF-1.4\n% not much of a PDF\n"))
	write("bomb.png", pngHeader(100000, 100000))
	write("fake.jpg", []byte("not a picture either\n"))
	write("empty.jpg", nil)
	jpg, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write("fragment.jpg", jpg[:2000]) // the EXIF block, no picture: cataloged from its metadata
	copyFile(t, filepath.Join(corpus, "goexif/corrupt/huge_tag_exif.jpg"), filepath.Join(src, "huge_tag_exif.jpg"))
	want := map[string]string{
		"good.jpg": "cataloged", "good2.jpg": "cataloged",
		"clip.mp4": "skipped", "notes.txt": "skipped", "report.pdf": "skipped",
		"bomb.png": "failed", "fake.jpg": "failed", "empty.jpg": "failed",
		"fragment.jpg": "cataloged", "huge_tag_exif.jpg": "cataloged", // metadata only, no picture
	}
	return src, want
}

// TestEveryOfferedFileHashed: every regular file an import is given is in
// the result and in the record with its SHA-256, cataloged, failed or
// skipped; a named pipe is skipped without being opened.
func TestEveryOfferedFileHashed(t *testing.T) {
	ctx := context.Background()
	src, want := offeredFolder(t)
	fifo := filepath.Join(src, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Logf("no named pipe in this test: %v", err)
		fifo = ""
	}
	c := openTestCase(t)
	res, err := c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}

	got := map[string]string{}  // base name: how it was taken
	sums := map[string]string{} // base name: SHA-256 in the result
	sizes := map[string]int64{} // base name: size in the result
	for _, f := range res.Failed {
		got[filepath.Base(f.Path)], sums[filepath.Base(f.Path)], sizes[filepath.Base(f.Path)] = "failed", f.SHA256, f.Size
	}
	for _, s := range res.Skipped {
		got[filepath.Base(s.Path)], sums[filepath.Base(s.Path)], sizes[filepath.Base(s.Path)] = "skipped", s.SHA256, s.Size
	}
	ims, err := c.Images(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range ims {
		for _, p := range im.Paths() {
			got[filepath.Base(p)], sums[filepath.Base(p)], sizes[filepath.Base(p)] = "cataloged", im.SHA256, im.Size
		}
	}
	for name, how := range want {
		p := filepath.Join(src, name)
		if name == "good2.jpg" {
			p = filepath.Join(src, "sub", name)
		}
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got[name] != how {
			t.Errorf("%s: %s, want %s", name, got[name], how)
		}
		if s := sumOf(t, p); sums[name] != s || sizes[name] != fi.Size() {
			t.Errorf("%s: sha256 %q size %d in the result, want %s, %d", name, sums[name], sizes[name], s, fi.Size())
		}
	}
	if fifo != "" {
		if got["pipe"] != "skipped" || sums["pipe"] != "" {
			t.Errorf("named pipe: %s with sha256 %q; want skipped, unread", got["pipe"], sums["pipe"])
		}
	}

	// The record: failures and skipped files with their hashes.
	recorded := map[string]string{}
	fs, err := c.Failures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		recorded[filepath.Base(f.Path)] = "failed " + f.SHA256
	}
	ss, err := c.Skipped(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		recorded[filepath.Base(s.Path)] = "skipped " + s.SHA256
	}
	for name, how := range want {
		if how == "cataloged" {
			if recorded[name] != "" {
				t.Errorf("%s is cataloged but recorded as %s", name, recorded[name])
			}
			continue
		}
		if w := how + " " + sums[name]; recorded[name] != w {
			t.Errorf("%s recorded as %q, want %q", name, recorded[name], w)
		}
	}

	// The chain speaks for each: file.failed entries and file.skipped
	// entries listing path and SHA-256.
	audited := map[string]string{}
	es, err := c.Audit(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		switch e.Action {
		case "file.failed":
			var d struct{ SHA256 *string }
			if err := json.Unmarshal([]byte(e.Details), &d); err != nil {
				t.Fatalf("file.failed details %q: %v", e.Details, err)
			}
			if d.SHA256 != nil {
				audited[filepath.Base(strings.TrimPrefix(e.Object, "file:"))] = *d.SHA256
			}
		case "file.skipped":
			var d struct {
				Files []struct{ Path, SHA256 string }
			}
			if err := json.Unmarshal([]byte(e.Details), &d); err != nil {
				t.Fatalf("file.skipped details %q: %v", e.Details, err)
			}
			for _, f := range d.Files {
				audited[filepath.Base(f.Path)] = f.SHA256
			}
		}
	}
	for name, how := range want {
		if how != "cataloged" && audited[name] != sums[name] {
			t.Errorf("%s: audited sha256 %q, want %q", name, audited[name], sums[name])
		}
	}

	// Again: the same hashes; a skipped file that changed is hashed anew;
	// one that became an image is cataloged and leaves the skipped list.
	os.WriteFile(filepath.Join(src, "notes.txt"), []byte("the bakery, seen from the south\n"), 0o644)
	os.Remove(filepath.Join(src, "report.pdf"))
	copyFile(t, filepath.Join(src, "good.jpg"), filepath.Join(src, "report.pdf"))
	res, err = c.Import(ctx, []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	again := map[string]string{}
	for _, s := range res.Skipped {
		again[filepath.Base(s.Path)] = s.SHA256
	}
	if again["clip.mp4"] != sums["clip.mp4"] || again["notes.txt"] != sumOf(t, filepath.Join(src, "notes.txt")) || again["report.pdf"] != "" {
		t.Errorf("second import skipped %v", again)
	}
	if ss, _ = c.Skipped(ctx); len(ss) != len(again) {
		t.Errorf("skipped record after the second import: %+v; want %v", ss, again)
	}
}
