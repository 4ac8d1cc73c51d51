package library

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// facts are what the filter tests check against: each image of the case
// as read directly from the catalog.
type facts struct {
	im     *catalog.Image
	linked bool
	tags   []string
	notes  []string
}

func readFacts(t *testing.T, c *catalog.Case) []facts {
	t.Helper()
	ctx := context.Background()
	ims, err := c.Images(ctx, catalog.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []facts
	for _, im := range ims {
		ls, err := c.Links(ctx, im.ID)
		if err != nil {
			t.Fatal(err)
		}
		tags, err := c.Tags(ctx, im.ID)
		if err != nil {
			t.Fatal(err)
		}
		ns, err := c.Notes(ctx, im.ID)
		if err != nil {
			t.Fatal(err)
		}
		f := facts{im: im, linked: len(ls) > 0, tags: tags}
		for _, n := range ns {
			f.notes = append(f.notes, n.Text)
		}
		out = append(out, f)
	}
	return out
}

func count(fs []facts, keep func(facts) bool) int {
	n := 0
	for _, f := range fs {
		if keep(f) {
			n++
		}
	}
	return n
}

// TestLibraryFilters sets each filter of the bar, as a user would, and
// checks the count shown against the images' own facts.
func TestLibraryFilters(t *testing.T) {
	c := apptest.SampleCase(t)
	// Every image of the sample is linked: unlink one, so that "not
	// linked" keeps something.
	unlinkAll(t, c, readFacts(t, c)[0].im.ID)
	fs := readFacts(t, c)
	total := len(fs)
	if total < 5 {
		t.Fatalf("the sample case has %d images", total)
	}
	tw := newTestWindow(t, c)
	l := tw.library()
	b := l.bar
	if got := l.count.Text; got != ui.ShownCount(total, total) {
		t.Fatalf("count %q, want %q", got, ui.ShownCount(total, total))
	}

	// a camera of the case, and a tag
	cams := cameraCounts(func() []*catalog.Image {
		var ims []*catalog.Image
		for _, f := range fs {
			ims = append(ims, f.im)
		}
		return ims
	}())
	cam := cams[0].cam
	var camLabel string
	for label, c := range b.cameras {
		if c == cam {
			camLabel = label
		}
	}
	tags, err := c.AllTags(context.Background())
	if err != nil || len(tags) == 0 {
		t.Fatalf("tags: %v %v", tags, err)
	}
	tag := tags[0].Tag
	var tagLabel string
	for label, tg := range b.tags {
		if tg == tag {
			tagLabel = label
		}
	}
	if camLabel == "" || tagLabel == "" {
		t.Fatalf("the selects do not offer camera %v (%v) or tag %q (%v)", cam, b.camera.Options, tag, b.tag.Options)
	}
	day := fs[len(fs)/2].im.TakenAt.Format("2006-01-02")
	word := "street"

	for _, tc := range []struct {
		name string
		set  func()
		keep func(facts) bool
	}{
		{"from a day", func() { b.from.SetText(day) }, func(f facts) bool {
			return f.im.TakenAt != nil && f.im.TakenAt.Format("2006-01-02") >= day
		}},
		{"to a day", func() { b.to.SetText(day) }, func(f facts) bool {
			return f.im.TakenAt != nil && f.im.TakenAt.Format("2006-01-02") <= day
		}},
		{"one day", func() { b.from.SetText(day); b.to.SetText(day) }, func(f facts) bool {
			return f.im.TakenAt != nil && f.im.TakenAt.Format("2006-01-02") == day
		}},
		{"camera", func() { b.camera.SetSelected(camLabel) }, func(f facts) bool {
			return strings.TrimSpace(f.im.Make) == cam.make && strings.TrimSpace(f.im.Model) == cam.model
		}},
		{"GPS", func() { b.gps.SetChecked(true) }, func(f facts) bool { return f.im.HasGPS() }},
		{"linked", func() { b.linked.SetSelected(onlyLink) }, func(f facts) bool { return f.linked }},
		{"not linked", func() { b.linked.SetSelected(noLink) }, func(f facts) bool { return !f.linked }},
		{"tag", func() { b.tag.SetSelected(tagLabel) }, func(f facts) bool { return slices.Contains(f.tags, tag) }},
		{"text", func() { b.text.SetText(word); b.text.OnSubmitted(word) }, func(f facts) bool {
			hay := strings.ToLower(strings.Join(append(append(f.im.Paths(), f.tags...), append(f.notes, f.im.Make, f.im.Model, f.im.Lens)...), " "))
			return strings.Contains(hay, word)
		}},
		{"tag and linked", func() { b.tag.SetSelected(tagLabel); b.linked.SetSelected(onlyLink) }, func(f facts) bool {
			return f.linked && slices.Contains(f.tags, tag)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b.reset()
			tw.waitLibrary(t)
			tc.set()
			tw.waitLibrary(t)
			want := count(fs, tc.keep)
			if want == total || want == 0 {
				t.Logf("note: the filter keeps %d of %d", want, total)
			}
			if got := l.count.Text; got != ui.ShownCount(want, total) {
				t.Errorf("count %q, want %q", got, ui.ShownCount(want, total))
			}
			if l.src.Len() != want || l.grid.Length() != want {
				t.Errorf("grid shows %d (source %d), want %d", l.grid.Length(), l.src.Len(), want)
			}
		})
	}
	// at least the day, camera, GPS, link and tag filters must narrow the
	// sample case, or this test proves little
	narrowing := 0
	for _, keep := range []func(facts) bool{
		func(f facts) bool { return f.linked },
		func(f facts) bool { return slices.Contains(f.tags, tag) },
		func(f facts) bool { return f.im.TakenAt != nil && f.im.TakenAt.Format("2006-01-02") == day },
	} {
		if n := count(fs, keep); n > 0 && n < total {
			narrowing++
		}
	}
	if narrowing < 3 {
		t.Errorf("only %d of the filters narrow the sample case", narrowing)
	}

	// an unreadable date is shown as such and left out of the filter
	b.reset()
	tw.waitLibrary(t)
	b.from.SetText("14/10/2017")
	tw.q.Settle()
	if b.from.Validate() == nil {
		t.Error("14/10/2017 accepted as a date")
	}
	if got := l.count.Text; got != ui.ShownCount(total, total) {
		t.Errorf("count with a bad date %q", got)
	}
}

// TestLibrarySort checks the order of each sort choice.
func TestLibrarySort(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	l := tw.library()
	for _, sc := range sortChoices {
		l.bar.sort.SetSelected(sc.label)
		tw.waitLibrary(t)
		ims := l.src.ims
		for i := 1; i < len(ims); i++ {
			a, b := ims[i-1], ims[i]
			var ok bool
			switch sc.sort {
			case catalog.SortTaken:
				ok = a.TakenAt == nil || b.TakenAt == nil || (a.TakenAt.Before(*b.TakenAt) || a.TakenAt.Equal(*b.TakenAt)) != sc.desc || a.TakenAt.Equal(*b.TakenAt)
			case catalog.SortName:
				ok = (strings.ToLower(a.Name()) <= strings.ToLower(b.Name())) != sc.desc || strings.EqualFold(a.Name(), b.Name())
			default:
				ok = !a.ImportedAt.After(b.ImportedAt) != sc.desc || a.ImportedAt.Equal(b.ImportedAt)
			}
			if !ok {
				t.Errorf("%s: %s before %s", sc.label, a.Name(), b.Name())
			}
		}
	}
}

// TestLibrarySelectionOpensReview selects images and opens the review
// screen from the grid, with Enter and with a double click: the host is
// asked for Review on the image, walking the selection (or the filter's
// order); Review's Escape opens the Library back on the image reviewed.
// (The window's TestLibraryToReviewAndBack follows the keys' focus.)
func TestLibrarySelectionOpensReview(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	l := tw.library()
	ids := l.src.IDs()

	// Selecting updates the line under the grid.
	l.grid.SetSelected([]int64{ids[2], ids[4]})
	if got := l.selInfo.Text; got != "· 2 selected" {
		t.Errorf("selection line %q", got)
	}
	if l.review.Disabled() {
		t.Error("Review button disabled with a selection")
	}

	// Enter on the grid activates the cursor's image: the review screen
	// opens on it and walks the selection.
	tw.win.Canvas().Focus(l.grid)
	l.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	shown := tw.LastShown()
	if shown.Screen != ui.ScreenReview || shown.Target.ImageID != ids[2] {
		t.Fatalf("Enter shows %q on %+v, want the review of image %d", shown.Screen, shown.Target, ids[2])
	}
	if !slices.Equal(shown.Target.Order, []int64{ids[2], ids[4]}) {
		t.Errorf("review walks %v, want the selection %v", shown.Target.Order, []int64{ids[2], ids[4]})
	}
	if sel := l.grid.Selected(); !slices.Equal(sel, []int64{ids[2], ids[4]}) {
		t.Errorf("the library's selection changed to %v", sel)
	}

	// One image selected: the walk is the filter's order.
	l.grid.SetSelected([]int64{ids[1]})
	l.activated(ids[1])
	shown = tw.LastShown()
	if shown.Screen != ui.ScreenReview || shown.Target.ImageID != ids[1] || !slices.Equal(shown.Target.Order, ids) {
		t.Errorf("review of %d walking %v, want %d walking %v", shown.Target.ImageID, shown.Target.Order, ids[1], ids)
	}
	if got := l.Order(ids[1]); !slices.Equal(got, ids) {
		t.Errorf("the order Review asks for is %v, want %v", got, ids)
	}

	// Review's Escape opens the library on the image reviewed: it is
	// selected, the grid focused.
	l.grid.SetSelected([]int64{ids[3]})
	l.Open(ui.Target{ImageID: ids[1]})
	tw.q.Settle()
	if sel := l.grid.Selected(); !slices.Equal(sel, []int64{ids[1]}) {
		t.Errorf("library selection %v after review", sel)
	}
	if tw.win.Canvas().Focused() != l.grid {
		t.Errorf("focus on %T back in the library", tw.win.Canvas().Focused())
	}
}

// TestLibraryEmptyCase shows what to do in an empty case.
func TestLibraryEmptyCase(t *testing.T) {
	c, err := catalog.Open(context.Background(), t.TempDir()+"/Empty.exhibit")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tw := newTestWindow(t, c)
	l := tw.library()
	if !l.empty.Visible() || !strings.Contains(l.emptyTx.Text, "no images yet") {
		t.Errorf("empty case: empty state %v %q", l.empty.Visible(), l.emptyTx.Text)
	}
	if apptest.FindButton(l.empty, "Import a folder…") == nil {
		t.Error("no import button in the empty state")
	}
	// the window's tabs and status bar take 80 of its 820: the same room
	// as there
	tw.win.Resize(fyne.NewSize(1280, 740))
	test.AssertObjectRendersToMarkup(t, "library_empty.xml", l.empty)
}

// unlinkAll removes every link of an image.
func unlinkAll(t *testing.T, c *catalog.Case, id int64) {
	t.Helper()
	ls, err := c.Links(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if err := c.RemoveLink(context.Background(), l.ID); err != nil {
			t.Fatal(err)
		}
	}
}
