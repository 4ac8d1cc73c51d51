package picture

import (
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
