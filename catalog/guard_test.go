package catalog

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// guardFixture is a case with two originals (one of them since changed,
// one gone) and a report, for GuardOutput.
type guardFixture struct {
	c                *Case
	orig             string // an original, as it was imported
	changed, gone    string // where originals were: since changed, since removed
	report, reportGo string // a report's file; a report's file since removed
	tmp              string // a folder outside the case and the evidence
}

func newGuardFixture(t *testing.T) *guardFixture {
	t.Helper()
	corpus := corpusDir(t)
	c := openTestCase(t)
	src := t.TempDir()
	f := &guardFixture{c: c, orig: filepath.Join(src, "a.jpg"), changed: filepath.Join(src, "b.jpg"),
		gone: filepath.Join(src, "c.jpg"), tmp: t.TempDir()}
	for p, n := range map[string]string{f.orig: "DSCN0010.jpg", f.changed: "DSCN0012.jpg", f.gone: "DSCN0021.jpg"} {
		copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps", n), p)
	}
	ctx := context.Background()
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f.changed, []byte("not the photo any more"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(f.gone); err != nil {
		t.Fatal(err)
	}
	docs := t.TempDir()
	f.report = writeReport(t, docs, "r.md", reportV1)
	f.reportGo = writeReport(t, docs, "old.md", "# Old\n\nA report whose file was moved away.\n")
	for _, p := range []string{f.report, f.reportGo} {
		if _, err := c.AddReport(ctx, p, ReportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(f.reportGo); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestGuardOutput: every kind of path an export must never be written to
// is refused with its reason, an ordinary file only without force, and a
// new file in an ordinary folder is allowed. Nothing is created or changed.
func TestGuardOutput(t *testing.T) {
	f := newGuardFixture(t)
	tmp := f.tmp
	link := func(name, to string) string {
		p := filepath.Join(tmp, name)
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	file := func(name, text string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fifo := filepath.Join(tmp, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(tmp, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	hard := filepath.Join(tmp, "hard.jpg")
	if err := os.Link(f.orig, hard); err != nil {
		t.Fatal(err)
	}
	reportBytes, _ := os.ReadFile(f.report)

	tests := []struct {
		name  string
		path  string
		force bool
		want  error // nil: allowed
		why   string
	}{
		{"an original", f.orig, true, ErrOutputRefused, "an original of the case (image"},
		{"an original, relative", mustRel(t, f.orig), true, ErrOutputRefused, "an original of the case"},
		{"where an original was, since changed", f.changed, true, ErrOutputRefused, "is or was there"},
		{"where an original was, since removed", f.gone, true, ErrOutputRefused, "is or was there"},
		{"a report's file", f.report, true, ErrOutputRefused, "report 1 was added from there"},
		{"where a report's file was", f.reportGo, true, ErrOutputRefused, "report 2 was added from there"},
		{"the catalog", filepath.Join(f.c.Dir(), "catalog.db"), true, ErrOutputRefused, "inside the case folder"},
		{"a new file in the case folder", filepath.Join(f.c.Dir(), "sheet.pdf"), true, ErrOutputRefused, "inside the case folder"},
		{"the case folder", f.c.Dir(), true, ErrOutputRefused, "inside the case folder"},
		{"through a link to the case folder", filepath.Join(link("case", f.c.Dir()), "x.pdf"), true, ErrOutputRefused, "inside the case folder"},
		{"a folder", t.TempDir(), true, ErrOutputRefused, "is a folder"},
		{"a named pipe", fifo, true, ErrOutputRefused, "is a named pipe"},
		{"a socket", sock, true, ErrOutputRefused, "is a socket"},
		{"a link to an original", link("o.jpg", f.orig), true, ErrOutputRefused, "an original of the case"},
		{"a link to where an original was", link("g.jpg", f.gone), true, ErrOutputRefused, "symbolic link"},
		{"a link to a named pipe", link("p", fifo), true, ErrOutputRefused, "is a named pipe"},
		{"a link to a folder", link("d", tmp), true, ErrOutputRefused, "is a folder"},
		{"a hard link to an original", hard, true, ErrOutputRefused, "its bytes are those of an original"},
		{"a copy of a report", file("copy.md", string(reportBytes)), true, ErrOutputRefused, "its bytes are those of report 1"},
		{"an ordinary file", file("old.pdf", "an earlier export"), false, ErrOutputExists, "replace it with --force"},
		{"an ordinary file, forced", file("old2.pdf", "an earlier export"), true, nil, ""},
		{"a link to an ordinary file, forced", link("l.pdf", file("t.pdf", "x")), true, nil, ""},
		{"a new file", filepath.Join(tmp, "new.pdf"), false, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, tt.path)
			err := f.c.GuardOutput(context.Background(), tt.path, tt.force)
			switch {
			case tt.want == nil && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("error %v, want %v", err, tt.want)
			case tt.want != nil && !strings.Contains(err.Error(), tt.why):
				t.Errorf("error %q does not say %q", err, tt.why)
			}
			var oe *OutputError
			if tt.want != nil && (!errors.As(err, &oe) || !filepath.IsAbs(oe.Path)) {
				t.Errorf("error %#v is not an *OutputError with an absolute path", err)
			}
			if after := snapshot(t, tt.path); after != before {
				t.Errorf("the path changed: %q, was %q", after, before)
			}
		})
	}
}

// TestGuardOutputDevice: a character device (the numbers of /dev/null,
// made in a temporary folder) is refused. Making one needs root.
func TestGuardOutputDevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("making a device needs root")
	}
	f := newGuardFixture(t)
	dev := filepath.Join(f.tmp, "null")
	if err := unix.Mknod(dev, unix.S_IFCHR|0o666, int(unix.Mkdev(1, 3))); err != nil {
		t.Fatalf("mknod: %v", err)
	}
	for _, force := range []bool{false, true} {
		err := f.c.GuardOutput(context.Background(), dev, force)
		if !errors.Is(err, ErrOutputRefused) || !strings.Contains(err.Error(), "a character device") {
			t.Errorf("force %v: %v, want a refusal naming a character device", force, err)
		}
	}
}

// snapshot describes what is at p (kind, mode, size, bytes of a regular
// file), without opening anything that is not a regular file.
func snapshot(t *testing.T, p string) string {
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

func mustRel(t *testing.T, p string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, p)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}
