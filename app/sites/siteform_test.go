package sites

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// Adding a site from the screen: the dialog says what is wrong with what
// is typed (the catalog's rules) and keeps it; a position pasted whole
// fills both entries; the site added is stored and shown. Then edited,
// and removed (kept in the record).
func TestAddEditRemoveSite(t *testing.T) {
	c := apptest.SampleCase(t)
	ss, h := openSites(t, c)
	h.Q.WaitUntil(t, "the site", func() bool { return ss.data != nil && ss.showing.CancelFunc == nil })

	test.Tap(ss.add)
	f := ss.form
	if f == nil || h.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog opened")
	}
	says := func(want string) {
		t.Helper()
		if !f.msg.Visible() || !strings.Contains(f.msg.Text, want) {
			t.Errorf("the dialog says %q (shown %v), want %q", f.msg.Text, f.msg.Visible(), want)
		}
	}
	test.Tap(f.ok)
	says("Give the site a name and its position")
	test.Type(f.name, "Al-Nour bakery")
	f.lat.SetText("91")
	f.lon.SetText("38.9")
	says("Latitude 91 must be a number within ±90")
	f.lat.SetText("north")
	says(`"north" is not a number (decimal degrees`)
	// A position pasted from a map into either entry fills both.
	f.lat.SetText("36.2, 38.95")
	if f.lat.Text != "36.2" || f.lon.Text != "38.95" {
		t.Errorf("pasted into Latitude: %q, %q", f.lat.Text, f.lon.Text)
	}
	if f.msg.Visible() {
		t.Errorf("a good position still says %q", f.msg.Text)
	}
	// Typed a character at a time, it is not split as it goes ("36.0,3").
	f.lat.SetText("")
	f.lon.SetText("")
	test.Type(f.lat, "36.0,38.9")
	if f.lat.Text != "36.0,38.9" || f.lon.Text != "" {
		t.Errorf("typed into Latitude: %q, %q", f.lat.Text, f.lon.Text)
	}
	f.lat.SetText("36.2")
	f.lon.SetText("38.95")
	f.radius.SetText("0")
	says("Radius 0 m must be a number more than 0")
	f.radius.SetText("120 m")
	f.prec.SetSelected(precisionChoices[3].label)
	says("give the metres beside metres…")
	f.metres.SetText("-3")
	says("metres must be a number more than 0")
	f.metres.SetText("25")
	// A name taken: said in the dialog, which stays open with what was typed.
	f.name.SetText("no. 12, old mill street")
	test.Tap(f.ok)
	h.Q.WaitUntil(t, "the refusal", func() bool { return !f.busy })
	says("already named")
	if h.Win.Canvas().Overlays().Top() == nil || f.lat.Text != "36.2" {
		t.Fatal("the dialog closed, or lost what was typed, on an error")
	}
	f.name.SetText("Al-Nour  bakery ")
	test.Tap(f.ok)
	h.Q.WaitUntil(t, "the site added and shown", func() bool {
		return ss.data != nil && ss.data.report.Site.Name == "Al-Nour bakery" && ss.showing.CancelFunc == nil
	})
	if h.Win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open")
	}
	s := ss.data.report.Site
	if s.Lat != 36.2 || s.Lon != 38.95 || s.RadiusM != 120 || s.Precision != catalog.PrecisionMetres || s.PrecisionM != 25 {
		t.Errorf("site stored %+v", s)
	}
	if len(ss.sites) != 2 || h.Changes == 0 {
		t.Errorf("%d sites listed, %d changes reported", len(ss.sites), h.Changes)
	}

	// Asked from the map, on a position: the dialog opens there.
	ss.Open(ui.Target{NewSiteAt: &[2]float64{35.951234, 39.0105}})
	if f := ss.form; f.lat.Text != "35.951234" || f.lon.Text != "39.0105" || f.name.Text != "" {
		t.Errorf("Add a site here: %q, %q, %q", f.name.Text, f.lat.Text, f.lon.Text)
	}
	test.Tap(ss.form.cancel)

	// Edit: the dialog holds the site; what changed is recorded.
	test.Tap(ss.edit)
	f = ss.form
	if f.name.Text != "Al-Nour bakery" || f.lon.Text != "38.95" || f.metres.Text != "25" || f.metres.Disabled() {
		t.Errorf("edit dialog filled with %q %q %q", f.name.Text, f.lon.Text, f.metres.Text)
	}
	f.radius.SetText("80")
	f.prec.SetSelected(precisionChoices[1].label)
	test.Tap(f.ok)
	h.Q.WaitUntil(t, "the site edited", func() bool {
		return ss.data != nil && ss.data.report.Site.RadiusM == 80 && ss.showing.CancelFunc == nil
	})
	if s := ss.data.report.Site; s.Precision != catalog.PrecisionVicinity || s.PrecisionM != 100 || s.Lat != 36.2 {
		t.Errorf("site edited %+v", s)
	}

	// Remove, once confirmed: no longer listed, kept in the record.
	id := s.ID
	test.Tap(ss.remove)
	yes := apptest.FindButton(h.Win.Canvas().Overlays().Top(), "Remove")
	if yes == nil {
		t.Fatal("no confirmation")
	}
	test.Tap(yes)
	h.Q.WaitUntil(t, "the site removed", func() bool { return len(ss.sites) == 1 && ss.loading.CancelFunc == nil && ss.showing.CancelFunc == nil })
	gone, err := c.Site(context.Background(), id)
	if err != nil || gone.RemovedAt == nil {
		t.Errorf("removed site %+v, %v", gone, err)
	}
	if ss.data == nil || ss.data.report.Site.ID == id {
		t.Error("the removed site is still shown")
	}
}
