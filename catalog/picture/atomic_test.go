package picture

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folder, or a file in a folder that does not exist, given as where to
// write: a message that says so, and nothing written.
func TestWriteFileAtomicBadTarget(t *testing.T) {
	dir := t.TempDir()
	write := func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }
	for _, tt := range []struct{ name, path, want string }{
		{"a folder", dir, "it is a folder"},
		{"in a missing folder", filepath.Join(dir, "nowhere", "b.pdf"), "there is no folder " + filepath.Join(dir, "nowhere")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := WriteFileAtomic(tt.path, write)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("error = %v; want one naming %s and saying %q", err, tt.path, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("%d files written", len(entries))
			}
		})
	}
}

// A last check that fails, once the file is complete: the file at path is
// left as it was (not replaced, not followed through a link) and nothing
// temporary is left beside it; a check that passes lets it be written.
func TestWriteFileAtomicChecked(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "evidence.jpg")
	if err := os.WriteFile(target, []byte("evidence"), 0o400); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "out.pdf")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := io.WriteString(w, "export"); return err }
	refused := errors.New("refused at the last moment")
	for _, tt := range []struct {
		name  string
		check func() error
		want  error
	}{
		{"refused", func() error { return refused }, refused},
		{"allowed", func() error { return nil }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := WriteFileAtomicChecked(link, write, tt.check); !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if b, _ := os.ReadFile(target); string(b) != "evidence" {
				t.Errorf("the file the link led to now holds %q", b)
			}
			fi, err := os.Lstat(link)
			if err != nil {
				t.Fatal(err)
			}
			if isLink := fi.Mode()&os.ModeSymlink != 0; isLink != (tt.want != nil) {
				t.Errorf("%s: mode %v", link, fi.Mode())
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
	if b, _ := os.ReadFile(link); string(b) != "export" {
		t.Errorf("written: %q", b)
	}
}
