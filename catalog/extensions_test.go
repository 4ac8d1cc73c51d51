package catalog

import (
	"bufio"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIsImageExtension(t *testing.T) {
	for _, tc := range []struct {
		ext  string
		want bool
	}{
		{".jpg", true}, {".JPG", true}, {".jpeg", true}, {".Jpe", true}, {".png", true}, {".tif", true},
		{".TIFF", true}, {".webp", true}, {".gif", true}, {".heic", true}, {".HEIF", true}, {".avif", true},
		{"jpg", false}, {"", false}, {".", false}, {".txt", false}, {".jpgx", false}, {".nef", false}, {".pdf", false},
	} {
		if got := IsImageExtension(tc.ext); got != tc.want {
			t.Errorf("IsImageExtension(%q) = %v", tc.ext, got)
		}
	}
	l := ImageExtensions()
	l[0] = ".txt"
	if ImageExtensions()[0] != ".jpg" || IsImageExtension(".txt") {
		t.Error("ImageExtensions gives its own list to change")
	}
}

// TestImageExtensionsNamedFail checks what the list means to an import: a
// file named as an image whose content is not one is a failure (in any
// case of its extension), another is a skip.
func TestImageExtensionsNamedFail(t *testing.T) {
	src := t.TempDir()
	for _, e := range append(ImageExtensions(), ".JPG", ".txt", ".dat") {
		if err := os.WriteFile(filepath.Join(src, "x"+e), []byte("\x00\x01 not a picture"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := openTestCase(t)
	res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != len(imageExtensions)+1 {
		t.Errorf("%d failed, want %d: %+v", len(res.Failed), len(imageExtensions)+1, res.Failed)
	}
	for _, f := range res.Failed {
		if e := filepath.Ext(f.Path); !IsImageExtension(e) {
			t.Errorf("%s failed: %s", f.Path, f.Error)
		}
	}
}

// TestOneListOfImageExtensions keeps the list in one place: no other Go
// source of the module (tests and bench/ aside) spells out three image
// extensions on one line.
func TestOneListOfImageExtensions(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module root: %v", err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata" || rel == "bench" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || rel == filepath.Join("catalog", "extensions.go") {
			return nil
		}
		seen++
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			k := 0
			for _, e := range imageExtensions {
				k += strings.Count(sc.Text(), `"`+e+`"`)
			}
			if k >= 3 {
				t.Errorf("%s:%d lists image extensions: use catalog.ImageExtensions or IsImageExtension", rel, n)
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 50 {
		t.Fatalf("only %d Go files under %s", seen, root)
	}
}

// "Add a report" offers every format report import reads, pictures of
// documents (read by OCR) among them, and each call its own list.
func TestReportExtensions(t *testing.T) {
	l := ReportExtensions()
	for _, want := range []string{".pdf", ".md", ".html", ".txt", ".jpg", ".png", ".tiff"} {
		if !slices.Contains(l, want) {
			t.Errorf("ReportExtensions lacks %s", want)
		}
	}
	l[0] = ".exe"
	if ReportExtensions()[0] == ".exe" {
		t.Error("ReportExtensions gives its own list to change")
	}
}
