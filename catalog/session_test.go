package catalog

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// Two programs with the same case open (the app and a command): each sees
// the changes the other made, never its own, and every entry says who made
// it.
func TestChangesElsewhere(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Shared.exhibit")
	app, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	app.SetProgram("exhibit app")
	cli, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	cli.SetProgram("exhibit import")

	src := t.TempDir()
	copyFile(t, filepath.Join(corpusDir(t), "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "a.jpg"))
	mark, err := app.AuditMark(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	im, err := app.FindImage(ctx, filepath.Join(src, "a.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := app.AddTag(ctx, im.ID, "bakery"); err != nil {
		t.Fatal(err)
	}

	es, next, err := app.ChangesElsewhere(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) == 0 {
		t.Fatal("the app sees no change made by the import command")
	}
	for _, e := range es {
		if !strings.HasPrefix(e.Action, "import") && e.Action != "image.add" || !strings.HasSuffix(e.Actor, ", exhibit import") {
			t.Errorf("the app sees %s by %q; want only the command's import entries", e.Action, e.Actor)
		}
	}
	if es, _, _ := app.ChangesElsewhere(ctx, next); len(es) != 0 {
		t.Errorf("after the mark, the app still sees %d changes", len(es))
	}

	es, _, err = cli.ChangesElsewhere(ctx, mark)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Action != "tag.add" || !strings.HasSuffix(es[0].Actor, ", exhibit app") || !strings.Contains(es[0].Actor, "@") {
		t.Errorf("the command sees %+v; want the app's tag, by user@computer, exhibit app", es)
	}
	all, err := app.Audit(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range all {
		if e.Actor == "" {
			t.Errorf("audit entry %d (%s) does not say who made it", e.ID, e.Action)
		}
	}
}
