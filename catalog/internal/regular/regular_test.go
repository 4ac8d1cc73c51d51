package regular

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       string // "" for success, else what the error says
	}{
		{"regular file", file, ""},
		{"link to a regular file", link, ""},
		{"named pipe with no writer", pipe, "named pipe"},
		{"folder", dir, "folder"},
		{"device", "/dev/null", "character device"},
		{"missing", filepath.Join(dir, "nothing"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ReadFile(tt.path) // would block forever on the pipe if opened plainly
			if tt.want == "" {
				if err != nil || string(b) != "hello" {
					t.Fatalf("ReadFile = %q, %v; want hello", b, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadFile error = %v; want one saying %q", err, tt.want)
			}
			if tt.want != "no such file" && !errors.Is(err, ErrNotRegular) {
				t.Errorf("error %v is not ErrNotRegular", err)
			}
		})
	}
}
