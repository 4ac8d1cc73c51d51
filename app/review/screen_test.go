package review

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestReviewKeyboardNavigation walks the library's filter order with the
// arrows and Page Up/Down, with nothing focused and with the image
// focused (clicked).
func TestReviewKeyboardNavigation(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	// an order that is not every image's default: the Library's "Name, Z
	// to A"
	ims, err := c.Images(context.Background(), catalog.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ims, func(a, b *catalog.Image) int { return strings.Compare(b.Name(), a.Name()) })
	ids := make([]int64, len(ims))
	for i, im := range ims {
		ids[i] = im.ID
	}
	tw.ids = ids
	r := openReview(t, tw, 0)
	at := func(i int) {
		t.Helper()
		tw.q.WaitUntil(t, "the image to change", func() bool { return r.im.ID == ids[i] && r.load.CancelFunc == nil })
		if r.pos != i {
			t.Errorf("position %d, want %d", r.pos, i)
		}
	}
	typed := tw.win.Canvas().OnTypedKey() // keys typed with nothing focused
	typed(&fyne.KeyEvent{Name: fyne.KeyRight})
	at(1)
	typed(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	at(2)
	typed(&fyne.KeyEvent{Name: fyne.KeyLeft})
	at(1)
	typed(&fyne.KeyEvent{Name: fyne.KeyPageUp})
	at(0)
	typed(&fyne.KeyEvent{Name: fyne.KeyLeft}) // at the start: stays
	at(0)
	typed(&fyne.KeyEvent{Name: fyne.KeyEnd})
	at(len(ids) - 1)
	typed(&fyne.KeyEvent{Name: fyne.KeyRight}) // at the end: stays
	at(len(ids) - 1)

	// Clicking the image gives the focus to its annotation layer: the
	// arrows still walk (through the ZoomView's key hooks: the view alone
	// would pan) and + - 0 1 zoom.
	layer := r.image.Layer
	layer.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	layer.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	if tw.win.Canvas().Focused() != layer {
		t.Fatalf("focused %T after a click on the image", tw.win.Canvas().Focused())
	}
	layer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	at(0)
	layer.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	at(1)
	tw.q.WaitUntil(t, "a picture of the image", func() bool { return r.image.Stage >= ui.StageThumb })
	before := r.image.Zoom.ZoomPercent()
	layer.TypedRune('+')
	if after := r.image.Zoom.ZoomPercent(); !(after > before) {
		t.Errorf("+ zoomed from %.1f %% to %.1f %%", before, after)
	}
	layer.TypedRune('0')
	if got := r.image.Zoom.ZoomPercent(); got != before {
		t.Errorf("0 gives %.1f %%, want the fit %.1f %%", got, before)
	}
	layer.TypedRune('1')
	if got := r.image.Zoom.ZoomPercent(); got < 99.9 || got > 100.1 {
		t.Errorf("1 gives %.1f %%", got)
	}
	if r.image.ZoomPct.Text != "100 %" {
		t.Errorf("zoom shown %q", r.image.ZoomPct.Text)
	}
}

// TestReviewImageStages checks that the thumbnail, then the preview, then
// (zoomed in) the full resolution original are shown.
func TestReviewImageStages(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	// The stages shown, seen after each function the UI goroutine runs.
	var stages []ui.ImageStage
	record := func() {
		if s := r.image.Stage; s > 0 && (len(stages) == 0 || stages[len(stages)-1] != s) {
			stages = append(stages, s)
		}
	}
	r.image.ShowImage(r.im) // again, recording
	tw.q.WaitStepwise(t, "the preview", func() bool {
		if r.image.Message.Visible() {
			t.Fatalf("message: %s", r.image.Message.Text)
		}
		record()
		return r.image.Stage == ui.StagePreview
	})
	w, _ := r.im.UprightSize()
	if got := r.image.Zoom.Image().Bounds().Dx(); got > catalog.PreviewSize || (w > catalog.PreviewSize && got != catalog.PreviewSize) {
		t.Errorf("preview %d px wide (original %d)", got, w)
	}
	if w > catalog.PreviewSize {
		r.image.Zoom.Actual() // 100 %: more pixels than the preview has
		tw.q.WaitStepwise(t, "the full resolution", func() bool { record(); return r.image.Stage == ui.StageFull })
		if got := r.image.Zoom.Image().Bounds().Dx(); got != w {
			t.Errorf("full resolution %d px wide, want %d", got, w)
		}
	}
	if !slices.IsSorted(stages) || len(stages) < 2 || stages[0] != ui.StageThumb {
		t.Errorf("stages %v, want thumbnail, preview, full", stages)
	}
}

// TestReviewLinkAndUnlink links an excerpt found by a search, with a
// note, then unlinks it, and checks the case after each.
func TestReviewLinkAndUnlink(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 0)
	id := r.im.ID
	before, err := c.Links(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p := r.links
	if got := len(p.linked.Objects); got != max(1, len(before)) {
		t.Errorf("%d linked cards for %d links", got, len(before))
	}

	// Search for an excerpt not linked yet.
	p.search.SetText("minaret")
	p.runSearch()
	tw.q.WaitUntil(t, "search results", func() bool { return p.searching.CancelFunc == nil && len(p.candidates) > 0 })
	mark := p.mark
	if mark < 0 || p.candidates[mark].linked {
		t.Fatalf("highlighted candidate %d of %d", mark, len(p.candidates))
	}
	ex := p.candidates[mark].ex
	if !strings.Contains(strings.ToLower(p.candidates[mark].snippet), "**minaret") {
		t.Errorf("snippet %q does not show the match", p.candidates[mark].snippet)
	}

	// Ctrl+L opens the link dialog on the highlighted excerpt.
	r.Link() // Ctrl+L, through the window's shortcut
	note := "the minaret seen from the street"
	var entry fyne.Focusable = tw.win.Canvas().Focused()
	test.Type(entry, note)
	tw.tapOverlayButton(t, "Link")
	tw.q.WaitUntil(t, "the link", func() bool {
		ls, _ := c.Links(ctx, id)
		return len(ls) == len(before)+1 && r.load.CancelFunc == nil
	})
	ls, _ := c.Links(ctx, id)
	var made *catalog.Link
	for _, l := range ls {
		if l.Excerpt.ID == ex.ID {
			made = l
		}
	}
	if made == nil || made.Note != note || made.Region != nil {
		t.Fatalf("link made: %+v", made)
	}
	tw.q.WaitUntil(t, "the panel to show it", func() bool { return len(p.linked.Objects) == len(before)+1 })
	if !slices.ContainsFunc(apptest.Texts(p.linked), func(s string) bool { return strings.Contains(s, note) }) {
		t.Error("the new link's note is not shown")
	}

	// Unlink it: the button asks first; cancelling keeps the link.
	card := p.linked.Objects[len(p.linked.Objects)-1]
	for _, l := range r.data.links {
		if l.ID == made.ID {
			for _, o := range p.linked.Objects {
				if slices.ContainsFunc(apptest.Texts(o), func(s string) bool { return strings.Contains(s, note) }) {
					card = o
				}
			}
		}
	}
	unlink := apptest.FindButton(card, "Unlink")
	if unlink == nil {
		t.Fatal("no Unlink button on the link")
	}
	test.Tap(unlink)
	tw.tapOverlayButton(t, "Cancel")
	tw.q.Settle()
	if ls, _ := c.Links(ctx, id); len(ls) != len(before)+1 {
		t.Fatalf("cancelled unlink removed the link: %d links", len(ls))
	}
	test.Tap(unlink)
	tw.tapOverlayButton(t, "Unlink")
	tw.q.WaitUntil(t, "the unlink", func() bool {
		ls, _ := c.Links(ctx, id)
		return len(ls) == len(before) && r.load.CancelFunc == nil
	})
	audit, err := c.Audit(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action)
	}
	if n := len(actions); n < 2 || !strings.Contains(actions[n-2], "link") || !strings.Contains(actions[n-1], "link") {
		t.Errorf("audit ends with %v", actions[max(0, n-3):])
	}
}

// TestReviewNotesAndTags adds and removes a tag and a note.
func TestReviewNotesAndTags(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 1)
	id := r.im.ID
	p := r.notes
	tags0, _ := c.Tags(ctx, id)

	p.tagEntry.SetText("checked")
	test.Tap(apptest.FindButton(p.content, "Add"))
	tw.q.WaitUntil(t, "the tag", func() bool { tags, _ := c.Tags(ctx, id); return slices.Contains(tags, "checked") })
	tw.q.WaitUntil(t, "its chip", func() bool { return apptest.FindButton(p.chips, "checked") != nil })
	if p.tagEntry.Text != "" {
		t.Errorf("tag entry not cleared: %q", p.tagEntry.Text)
	}
	test.Tap(apptest.FindButton(p.chips, "checked"))
	tw.q.WaitUntil(t, "the tag removed", func() bool {
		tags, _ := c.Tags(ctx, id)
		return !slices.Contains(tags, "checked") && len(tags) == len(tags0)
	})
	tw.q.WaitUntil(t, "its chip removed", func() bool { return apptest.FindButton(p.chips, "checked") == nil })

	test.Type(p.note, "Shadows point north-west: morning.")
	test.Tap(apptest.FindButton(p.content, "Add the note"))
	tw.q.WaitUntil(t, "the note", func() bool { ns, _ := c.Notes(ctx, id); return len(ns) == 1 })
	tw.q.WaitUntil(t, "its card", func() bool { return len(p.notes.Objects) == 1 })
	del := apptest.FindButton(p.notes, "Delete")
	test.Tap(del)
	tw.tapOverlayButton(t, "Delete")
	tw.q.WaitUntil(t, "the note deleted", func() bool { ns, _ := c.Notes(ctx, id); return len(ns) == 0 })
	tw.q.WaitUntil(t, "its card removed", func() bool { return len(p.notes.Objects) == 0 })

	// The window is told, so that the Library's tag filter, stale since,
	// reads the case again.
	if tw.Changes == 0 {
		t.Error("the window was not told the case changed")
	}
}

// TestMetaPanel compares the metadata panel of a made-up image with its
// golden markup.
func TestMetaPanel(t *testing.T) {
	apptest.NewQueuedApp(t)
	taken := time.Date(2017, 10, 14, 23, 5, 9, 0, time.UTC)
	gpsClock := time.Date(2017, 10, 14, 20, 5, 0, 0, time.UTC)
	gone := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	lat, lon, alt, dir := 35.9528, 39.0079, 251.5, 274.5
	im := &catalog.Image{ID: 42, SHA256: strings.Repeat("0123456789abcdef", 4), Size: 3_456_789, Format: "jpeg",
		Width: 4000, Height: 3000, Orientation: 6, TakenAt: &taken, TakenSource: "exif:DateTimeOriginal",
		FileTakenAt: &taken, FileTakenSource: "exif:DateTimeOriginal", GPSTime: &gpsClock, Make: "Canon", Model: "Canon EOS 5D",
		Lens: "EF24-105mm f/4L", Lat: &lat, Lon: &lon, Alt: &alt, Direction: &dir, Decoded: true,
		MetaNote: "MakerNote unreadable", ImportedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		Locations: []catalog.Location{{Path: "/evidence/raqqa/IMG_0042.JPG"}, {Path: "/old/IMG_0042.JPG", GoneAt: &gone}}}
	panel := ui.NewMetaPanel(im, test.NewClipboard())
	w := test.NewTempWindow(t, panel)
	w.Resize(fyne.NewSize(480, 760))
	test.AssertObjectRendersToMarkup(t, "meta_panel.xml", panel)

	rows := ui.MetaRows(im)
	get := func(k string) string {
		for _, r := range rows {
			if r.Key == k {
				return r.Value
			}
		}
		return ""
	}
	for k, want := range map[string]string{
		"Captured":     "2017-10-14 23:05:09 (EXIF DateTimeOriginal; camera clock, zone not recorded)",
		"Clocks":       "camera clock − GPS clock = +3h0m9s (includes the time zone: the camera recorded no UTC offset)",
		"Pixels":       "3000 × 4000 px (stored 4000 × 3000, turned upright)",
		"GPS":          "35.952800, 39.007900  (decimal degrees)",
		"Path":         "/evidence/raqqa/IMG_0042.JPG",
		"No longer at": "/old/IMG_0042.JPG  (since 2024-03-01 09:00:00 UTC)",
	} {
		if got := get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	// 0°, 0° is no position; an asserted time shows the file's beside it.
	zero := 0.0
	im.Lat, im.Lon = &zero, &zero
	im.Asserted = &catalog.AssertedTime{Actor: "ana@laptop, exhibit", Source: "Maxar catalogue"}
	im.TakenSource = catalog.SourceAsserted
	rows = ui.MetaRows(im)
	for k, want := range map[string]string{
		"GPS":         "no fix (0°, 0°)",
		"Captured":    "2017-10-14 23:05:09 (asserted by ana@laptop, exhibit: Maxar catalogue; zone not given)",
		"In the file": "2017-10-14 23:05:09 (EXIF DateTimeOriginal; camera clock, zone not recorded)",
	} {
		if got := get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
}

// TestReviewShowOnTheMap: the review's details open the map on the image
// reviewed (the map's own test checks that it selects it).
func TestReviewShowOnTheMap(t *testing.T) {
	c := apptest.SampleCase(t)
	tw := newTestWindow(t, c)
	r := openReview(t, tw, 1)
	b := apptest.FindButton(r.details, "Show on the map")
	if b == nil {
		t.Fatal("no Show on the map in the review's details")
	}
	test.Tap(b)
	tw.q.Drain()
	if got := tw.LastShown(); got.Screen != ui.ScreenMap || got.Target.ImageID != r.im.ID {
		t.Errorf("Show on the map: screen %s on %+v, want the map on image %d", got.Screen, got.Target, r.im.ID)
	}
}
