package catalog

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// verifyByPath runs Verify and returns its results by kind and path
// ("original a.jpg"), a path's several results joined by ", ", and how
// many fail.
func verifyByPath(t testing.TB, c *Case) (map[string]string, int) {
	t.Helper()
	rs, err := c.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out, bad := map[string]string{}, 0
	for _, r := range rs {
		k := r.Kind + " " + filepath.Base(r.Path)
		s := r.Status
		if r.Status == VerifyAccepted {
			s += " " + r.Found + ": " + r.Reason
		}
		if out[k] != "" {
			s = out[k] + ", " + s
		}
		out[k] = s
		if r.Bad() {
			bad++
		}
	}
	return out, bad
}

// flipByte changes one byte of the file at path, back from its end by
// back, far from the headers.
func flipByte(t testing.TB, path string, back int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-back] ^= 0x01
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifySeesHistory: an original whose bytes changed, or that is gone,
// stays changed or missing in verify after re-imports, until accepted with
// a reason; a file that moved is no loss; a report's file is re-hashed.
func TestVerifySeesHistory(t *testing.T) {
	corpus := corpusDir(t)
	ctx := context.Background()
	src := t.TempDir()
	a, b, m := filepath.Join(src, "a.jpg"), filepath.Join(src, "b.jpg"), filepath.Join(src, "m.jpg")
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), a)
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0012.jpg"), b)
	copyFile(t, filepath.Join(corpus, "goexif/sample1.jpg"), m)
	c := openTestCase(t)
	reimport := func() {
		t.Helper()
		if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	reimport()
	rep := writeReport(t, t.TempDir(), "r.md", "# Report\n\nThe bakery burned on 3 May.\n")
	if _, err := c.AddReport(ctx, rep, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	check := func(step string, want map[string]string, wantBad int) {
		t.Helper()
		got, bad := verifyByPath(t, c)
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %s is %q, want %q", step, k, got[k], w)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s is %q, want nothing", step, k, got[k])
			}
		}
		if bad != wantBad {
			t.Errorf("%s: %d bad, want %d", step, bad, wantBad)
		}
	}
	check("at first", map[string]string{"original a.jpg": "ok", "original b.jpg": "ok", "original m.jpg": "ok", "report r.md": "ok"}, 0)

	// One byte of a changes, and the folder is imported again: a's first
	// location stays changed; the path's new image is ok.
	flipByte(t, a, 200)
	check("a changed", map[string]string{"original a.jpg": "changed", "original b.jpg": "ok", "original m.jpg": "ok", "report r.md": "ok"}, 1)
	reimport()
	reimport()
	check("a changed, imported", map[string]string{"original a.jpg": "changed, ok", "original b.jpg": "ok", "original m.jpg": "ok", "report r.md": "ok"}, 1)

	// b is deleted, m moved: b is missing, m is found at its new path.
	os.Remove(b)
	if err := os.Rename(m, filepath.Join(src, "moved.jpg")); err != nil {
		t.Fatal(err)
	}
	reimport()
	check("b gone, m moved", map[string]string{"original a.jpg": "changed, ok", "original b.jpg": "missing", "original moved.jpg": "ok", "report r.md": "ok"}, 2)

	// Accepted with a reason, by path and by id.
	if _, err := c.AcceptVerify(ctx, a, "  "); err == nil {
		t.Error("accepted without a reason")
	}
	acc, err := c.AcceptVerify(ctx, a, "the witness sent a re-saved copy")
	if err != nil || len(acc) != 1 || acc[0].Status != VerifyAccepted || acc[0].Found != VerifyChanged {
		t.Fatalf("accept a = %+v, %v", acc, err)
	}
	bIm, err := c.FindImage(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptVerify(ctx, bIm.SHA256[:10], "deleted by the phone's owner"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptVerify(ctx, bIm.SHA256[:10], "again"); !errors.Is(err, ErrNothingToAccept) {
		t.Errorf("accepting twice: %v; want ErrNothingToAccept", err)
	}
	check("accepted", map[string]string{"original a.jpg": "accepted changed: the witness sent a re-saved copy, ok",
		"original b.jpg": "accepted missing: deleted by the phone's owner", "original moved.jpg": "ok", "report r.md": "ok"}, 0)
	es, err := c.Audit(ctx, imageObject(bIm.ID))
	if err != nil {
		t.Fatal(err)
	}
	if last := es[len(es)-1]; last.Action != "verify.accept" || !strings.Contains(last.Details, "deleted by the phone's owner") {
		t.Errorf("last audit entry of image %d: %+v; want verify.accept with the reason", bIm.ID, last)
	}

	// An acceptance covers what was seen: a's path changed again is
	// changed again, for the first image and for the second.
	flipByte(t, a, 300)
	reimport()
	check("a changed again", map[string]string{"original a.jpg": "changed, changed, ok", "original b.jpg": "accepted missing: deleted by the phone's owner",
		"original moved.jpg": "ok", "report r.md": "ok"}, 2)

	// The report's file changes after it was added.
	if err := os.WriteFile(rep, []byte("# Report\n\nThe bakery burned on 4 May.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := verifyByPath(t, c)
	if got["report r.md"] != "changed" {
		t.Errorf("report changed after it was added: %q", got["report r.md"])
	}
	if _, err := c.AcceptReportVerify(ctx, 1, "corrected by its author"); err != nil {
		t.Fatal(err)
	}
	if got, _ := verifyByPath(t, c); got["report r.md"] != "accepted changed: corrected by its author" {
		t.Errorf("report accepted: %q", got["report r.md"])
	}
}
