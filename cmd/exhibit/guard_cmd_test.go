package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// guardCase is a case for the output guard: three originals imported from
// src (b.jpg since changed, c.jpg since removed) and a report.
type guardCase struct {
	dir                 string // the case folder
	orig, changed, gone string
	report, tmp         string
	origBytes           []byte // orig's, as imported
}

func newGuardCase(t *testing.T) *guardCase {
	t.Helper()
	corpus := corpusDir(t)
	src := t.TempDir()
	g := &guardCase{dir: filepath.Join(t.TempDir(), "G.exhibit"), orig: filepath.Join(src, "a.jpg"),
		changed: filepath.Join(src, "b.jpg"), gone: filepath.Join(src, "c.jpg"), tmp: t.TempDir()}
	for p, n := range map[string]string{g.orig: "DSCN0010.jpg", g.changed: "DSCN0012.jpg", g.gone: "DSCN0021.jpg"} {
		b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps", n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "--case", g.dir, "import", src)
	g.origBytes, _ = os.ReadFile(g.orig)
	if err := os.WriteFile(g.changed, []byte("not the photo any more"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(g.gone); err != nil {
		t.Fatal(err)
	}
	g.report = filepath.Join(t.TempDir(), "report.md")
	if err := os.WriteFile(g.report, []byte("# Report\n\nThe street was closed.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--case", g.dir, "report", "add", g.report)
	return g
}

// writers are the commands that write a file given with -o (the image
// drawn is the original a.jpg, which is intact).
func writers(g *guardCase) []struct {
	name string
	args []string
} {
	return []struct {
		name string
		args []string
	}{
		{"sheet", []string{"sheet", "--image", g.orig}},
		{"render", []string{"render", g.orig}},
		{"export csv", []string{"export", "csv"}},
		{"export geojson", []string{"export", "geojson"}},
		{"map", []string{"map", "--size", "640x420"}},
	}
}

// target is an output path set up for one run, and why it must be
// refused ("" when it may be written).
type target struct {
	name  string
	make  func(t *testing.T, g *guardCase) string
	force bool
	why   string
}

var guardTargets = []target{
	{"an original", func(t *testing.T, g *guardCase) string { return g.orig }, true, "an original of the case (image"},
	{"where an original was, since changed", func(t *testing.T, g *guardCase) string { return g.changed }, true, "is or was there"},
	{"where an original was, since removed", func(t *testing.T, g *guardCase) string { return g.gone }, true, "is or was there"},
	{"a report's file", func(t *testing.T, g *guardCase) string { return g.report }, true, "report 1 was added from there"},
	{"the catalog", func(t *testing.T, g *guardCase) string { return filepath.Join(g.dir, "catalog.db") }, true, "inside the case folder"},
	{"a new file in the case folder", func(t *testing.T, g *guardCase) string { return filepath.Join(g.dir, "out") }, true, "inside the case folder"},
	{"a folder", func(t *testing.T, g *guardCase) string { return t.TempDir() }, true, "is a folder"},
	{"a named pipe", func(t *testing.T, g *guardCase) string {
		p := filepath.Join(t.TempDir(), "pipe")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}, true, "is a named pipe"},
	{"a socket", func(t *testing.T, g *guardCase) string {
		p := filepath.Join(g.tmp, "s")
		os.Remove(p)
		l, err := net.Listen("unix", p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return p
	}, true, "is a socket"},
	{"a symbolic link to an original", func(t *testing.T, g *guardCase) string {
		p := filepath.Join(t.TempDir(), "link.jpg")
		if err := os.Symlink(g.orig, p); err != nil {
			t.Fatal(err)
		}
		return p
	}, true, "an original of the case"},
	{"a hard link to an original", func(t *testing.T, g *guardCase) string {
		p := filepath.Join(t.TempDir(), "hard.jpg")
		if err := os.Link(g.orig, p); err != nil {
			t.Fatal(err)
		}
		return p
	}, true, "its bytes are those of an original"},
	{"an ordinary file, without --force", func(t *testing.T, g *guardCase) string {
		p := filepath.Join(t.TempDir(), "earlier")
		if err := os.WriteFile(p, []byte("an earlier export"), 0o640); err != nil {
			t.Fatal(err)
		}
		return p
	}, false, "the file exists; replace it with --force"},
	{"a character device", func(t *testing.T, g *guardCase) string {
		if os.Geteuid() != 0 {
			t.Skip("making a device needs root")
		}
		p := filepath.Join(t.TempDir(), "null")
		if err := unix.Mknod(p, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
			t.Fatalf("mknod: %v", err)
		}
		return p
	}, true, "is a character device"},
}

// TestOutputsNeverReplaceEvidence runs every writer onto every path that
// must never be written: each run fails naming the reason, and leaves the
// path as it was (kind, mode, bytes), no temporary file beside it and no
// new entry in the audit trail. An ordinary file is replaced with --force.
func TestOutputsNeverReplaceEvidence(t *testing.T) {
	g := newGuardCase(t)
	audit := mustRun(t, "--case", g.dir, "audit", "--json")
	for _, w := range writers(g) {
		for _, tg := range guardTargets {
			t.Run(w.name+" onto "+tg.name, func(t *testing.T) {
				path := tg.make(t, g)
				before := describePath(t, path)
				tmps := tempFiles(t, filepath.Dir(path))
				args := append([]string{"--case", g.dir}, w.args...)
				args = append(args, "-o", path)
				if tg.force {
					args = append(args, "--force")
				}
				_, err := run(t, args...)
				if err == nil {
					t.Fatalf("exhibit %s: written", strings.Join(args[2:], " "))
				}
				if !strings.Contains(err.Error(), "not writing") || !strings.Contains(err.Error(), tg.why) {
					t.Errorf("error %q does not say %q", err, tg.why)
				}
				if after := describePath(t, path); after != before {
					t.Errorf("the path changed:\n%s\nwas\n%s", after, before)
				}
				if now := tempFiles(t, filepath.Dir(path)); now != tmps {
					t.Errorf("temporary files beside it: %s (were %s)", now, tmps)
				}
			})
		}
	}
	if now := mustRun(t, "--case", g.dir, "audit", "--json"); now != audit {
		t.Errorf("the audit trail changed though nothing was written:\n%s", now)
	}

	// With --force an ordinary file is replaced, and recorded.
	for _, w := range writers(g) {
		t.Run(w.name+" --force", func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "earlier")
			if err := os.WriteFile(p, []byte("an earlier export"), 0o640); err != nil {
				t.Fatal(err)
			}
			args := append(append([]string{"--case", g.dir}, w.args...), "-o", p, "--force")
			mustRun(t, args...)
			if b, _ := os.ReadFile(p); string(b) == "an earlier export" {
				t.Error("not replaced")
			}
			if now := tempFiles(t, filepath.Dir(p)); now != "" {
				t.Errorf("temporary files left: %s", now)
			}
		})
	}
	// Each export is recorded twice: pending (export.start), then done.
	if got, want := strings.Count(mustRun(t, "--case", g.dir, "audit"), "export.start"), len(writers(g)); got != want {
		t.Errorf("%d exports recorded, want %d", got, want)
	}
	// The original is as imported.
	if got, _ := os.ReadFile(g.orig); string(got) != string(g.origBytes) {
		t.Error("the original changed")
	}
}

// describePath says what is at p: its kind and mode, and the bytes of a
// regular file (read without following a link or opening anything else).
func describePath(t *testing.T, p string) string {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		return "absent"
	}
	s := fi.Mode().String()
	if fi.Mode().IsRegular() {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s += " " + string(b)
	}
	return s
}

// tempFiles lists the hidden files of dir (temporary files are hidden).
func tempFiles(t *testing.T, dir string) string {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	return strings.Join(left, " ")
}
