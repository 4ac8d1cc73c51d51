package sites

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/app/apptest"
)

// Coding blind: the sample's coder's codes are hidden (list, timeline,
// window, the image's codes, the agreement) until the user has coded
// every image of the site; then they are shown, with the two coders'
// agreement.
func TestBlindCoding(t *testing.T) {
	c := apptest.SampleCase(t)
	ctx := context.Background()
	ss, h := openSites(t, c)
	h.Q.WaitUntil(t, "the site", func() bool { return ss.data != nil && ss.showing.CancelFunc == nil })
	if ss.data.report.Blind || len(ss.data.agree) != 0 {
		t.Fatalf("not blind: %+v, agreement %v", ss.data.report.Blind, ss.data.agree)
	}
	ready := func() bool { return ss.loading.CancelFunc == nil && ss.showing.CancelFunc == nil }

	ss.blind.SetChecked(true)
	h.Q.WaitUntil(t, "the site read blind", func() bool { return ready() && ss.data.report.Blind })
	for _, it := range ss.tl.Layout().Items {
		if it.State != "" || it.Disputed {
			t.Errorf("blind: image %d shown %q", it.ID, it.State)
		}
	}
	if got := ss.sites[0].window; got == "12 Oct 2017 – 15 Oct 2017" {
		t.Errorf("blind: the list still shows the others' window %q", got)
	}
	if ss.data.report.Window.AfterImage != 0 || !strings.Contains(ss.blindMsg.Text, "hidden until you have coded every image (9 images left)") {
		t.Errorf("blind: window %+v, says %q", ss.data.report.Window, ss.blindMsg.Text)
	}
	tapItem(t, ss, 8)
	if strings.Contains(ss.imgInfo.Text, "\n") || !strings.Contains(ss.imgInfo.Text, "not coded") {
		t.Errorf("blind: image 8 shows %q", ss.imgInfo.Text)
	}
	if texts := strings.Join(apptest.Texts(ss.side), "\n"); strings.Contains(texts, "kappa") || !strings.Contains(texts, "Hidden while you code blind") {
		t.Errorf("blind: the side shows %q", texts)
	}

	// Every image but the last coded, by the user: still blind.
	var last int64
	for i, si := range ss.data.report.Images {
		if i == len(ss.data.report.Images)-1 {
			last = si.Image.ID
			break
		}
		if _, err := c.CodeImage(ctx, 1, si.Image.ID, "intact", "", "", true); err != nil {
			t.Fatal(err)
		}
	}
	ss.Reload()
	h.Q.WaitUntil(t, "the site read again", func() bool { return ready() && strings.Contains(ss.blindMsg.Text, "(1 image left)") })
	if !ss.data.report.Blind || ss.data.report.Hidden == 0 {
		t.Errorf("still one image to code, yet not blind: %+v", ss.data.report)
	}

	// The last one, from the screen: the others' codes come back.
	tapItem(t, ss, last)
	ss.states.SetSelected("destroyed")
	test.Tap(ss.code)
	h.Q.WaitUntil(t, "the site read after the last code", func() bool { return ready() && !ss.working && !ss.data.report.Blind })
	if !strings.Contains(ss.blindMsg.Text, "the other coders' codes are shown") {
		t.Errorf("after the last code: %q", ss.blindMsg.Text)
	}
	disputed := 0
	for _, it := range ss.tl.Layout().Items {
		if it.Disputed {
			disputed++
		}
	}
	if disputed == 0 {
		t.Error("the others' codes are not back on the timeline")
	}
	texts := strings.Join(apptest.Texts(ss.side), "\n")
	if len(ss.data.agree) != 1 || !strings.Contains(texts, "Coders' agreement") || !strings.Contains(texts, "kappa") || !strings.Contains(texts, "Here: image") {
		t.Errorf("agreement %+v shown as %q", ss.data.agree, texts)
	}
	codes, err := c.SiteReport(ctx, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, si := range codes.Images {
		if si.Image.ID == last {
			blind := false
			for _, k := range si.Codes {
				blind = blind || (k.Coder == c.Who() && k.Blind)
			}
			if !blind {
				t.Errorf("the code made blind is not recorded blind: %+v", si.Codes)
			}
		}
	}
}
