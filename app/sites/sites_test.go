package sites

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/catalog"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// openSites shows the Sites screen of the case c on a test host.
func openSites(t *testing.T, c *catalog.Case) (*sitesScreen, *apptest.Host) {
	t.Helper()
	h := apptest.NewHost(t)
	s := ui.NewSession(c)
	ss := newSitesScreen(h, s)
	h.Win.SetContent(ss.Content())
	t.Cleanup(func() {
		h.Q.Settle()
		ss.Close()
		s.Cancel()
		h.Q.Settle()
	})
	ss.Open(ui.Target{})
	return ss, h
}

// The Sites screen lists the sample's site and shows its timeline and
// window; coding an image from the screen changes the window and its
// sentence; "Make the bracketing pair" makes the pair of the two images
// with the window's times and opens it in Compare.
func TestSitesScreen(t *testing.T) {
	c := apptest.SampleCase(t)
	ss, h := openSites(t, c)
	h.Q.WaitUntil(t, "the site", func() bool { return ss.data != nil && ss.showing.CancelFunc == nil })
	if len(ss.sites) != 1 || ss.sites[0].site.Name != "No. 12, Old Mill Street" {
		t.Fatalf("sites listed: %+v", ss.sites)
	}
	if got := ss.sites[0].window; got != "12 Oct 2017 – 15 Oct 2017" {
		t.Errorf("the list's window %q", got)
	}
	for _, want := range []string{"05-drone-before.jpg (image 5), taken 2017-10-12T09:15:40+03:00", "08-witness-rubble.jpg (image 8), taken 2017-10-15T16:10:02+03:00"} {
		if !strings.Contains(ss.sentence.Text, want) {
			t.Errorf("window sentence %q lacks %q", ss.sentence.Text, want)
		}
	}
	// The timeline: the satellite views on the overhead row, the others on
	// the ground row, the band between the two bracketing images.
	l := ss.tl.Layout()
	rows := map[int64]int{}
	xs := map[int64]float64{}
	for _, p := range l.Items {
		rows[p.ID], xs[p.ID] = p.Row, p.T
	}
	if len(l.Items) != 9 || rows[3] != 0 || rows[4] != 0 || rows[1] != 1 || rows[8] != 1 {
		t.Errorf("timeline rows %v", rows)
	}
	if !l.HasBand || l.BandX0 != xs[5] || l.BandX1 != xs[8] {
		t.Errorf("band %v..%v, images 5 and 8 at %v and %v", l.BandX0, l.BandX1, xs[5], xs[8])
	}
	if len(ss.data.linked) == 0 {
		t.Error("no excerpt linked to the site's images shown")
	}

	// Tap image 8 on the timeline and code it intact: the coders then
	// disagree on it, and the window closes on image 6 instead.
	tapItem(t, ss, 8)
	if !strings.Contains(ss.imgName.Text, "08-witness-rubble.jpg") {
		t.Fatalf("selected %q", ss.imgName.Text)
	}
	ss.states.SetSelected("intact")
	ss.note.SetText("looks whole to me")
	test.Tap(ss.code)
	h.Q.WaitUntil(t, "the window after coding", func() bool {
		return ss.showing.CancelFunc == nil && strings.Contains(ss.sentence.Text, "06-drone-after.jpg")
	})
	if !strings.Contains(ss.problems.Text, "the coders disagree") {
		t.Errorf("contradictions %q", ss.problems.Text)
	}
	codes, err := c.SiteReport(context.Background(), 1, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, si := range codes.Images {
		if si.Image.ID == 8 && (!si.Disputed || len(si.Codes) != 2) {
			t.Errorf("image 8 after coding: %+v", si)
		}
	}

	// The bracketing pair: images 5 and 6, their capture times as window.
	test.Tap(ss.pair)
	h.Q.WaitUntil(t, "the pair in Compare", func() bool { return len(h.Shown) == 1 && h.LastShown().Screen == ui.ScreenCompare })
	pairs, err := c.Pairs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p := pairs[len(pairs)-1]
	if got := h.LastShown().Target.PairID; got != p.ID {
		t.Errorf("Compare asked on pair %d, want the pair made, %d", got, p.ID)
	}
	if p.BeforeID != 5 || p.AfterID != 6 || p.NotBefore != "2017-10-12T09:15:40+03:00" || p.NotAfter != "2017-10-16T15:02:31+03:00" {
		t.Errorf("bracketing pair %+v", p)
	}
	// Again: the same pair, none added.
	ss.Open(ui.Target{})
	test.Tap(ss.pair)
	h.Q.WaitUntil(t, "the pair in Compare again", func() bool { return len(h.Shown) == 2 && !ss.working })
	again, _ := c.Pairs(context.Background())
	if len(again) != len(pairs) {
		t.Errorf("%d pairs after the second tap, want %d", len(again), len(pairs))
	}
}

// tapItem taps an image's thumbnail on the site's timeline.
func tapItem(t *testing.T, ss *sitesScreen, id int64) {
	t.Helper()
	for _, p := range ss.tl.Layout().Items {
		if p.ID == id {
			test.TapAt(ss.tl, fyne.NewPos(float32(p.X+10), float32(p.Y+10)))
			return
		}
	}
	t.Fatalf("image %d not on the timeline", id)
}
