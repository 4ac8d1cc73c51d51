package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"

	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestFormatCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {20000, "20,000"}, {1234567, "1,234,567"}, {-4321, "-4,321"}} {
		if got := ui.FormatCount(tc.n); got != tc.want {
			t.Errorf("formatCount(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := ui.ShownCount(1234, 20000); got != "1,234 of 20,000 images" {
		t.Errorf("shownCount = %q", got)
	}
	if got := ui.ShownCount(1, 1); got != "1 image" {
		t.Errorf("shownCount(1, 1) = %q", got)
	}
}

func TestTakenText(t *testing.T) {
	clock := time.Date(2017, 10, 14, 23, 5, 9, 0, time.UTC)
	zoned := time.Date(2017, 10, 14, 23, 5, 9, 0, time.FixedZone("+03:00", 3*3600))
	for _, tc := range []struct {
		name string
		im   catalog.Image
		want string
	}{
		{"no time", catalog.Image{}, "not recorded"},
		{"no zone", catalog.Image{TakenAt: &clock, TakenSource: "exif:DateTimeOriginal"},
			"2017-10-14 23:05:09 (EXIF DateTimeOriginal; camera clock, zone not recorded)"},
		{"zone", catalog.Image{TakenAt: &zoned, TakenOffset: "+03:00", TakenSource: "exif:DateTimeOriginal"}, "2017-10-14 23:05:09 +03:00 (EXIF DateTimeOriginal)"},
		{"source not recorded", catalog.Image{TakenAt: &clock}, "2017-10-14 23:05:09 (source not recorded; camera clock, zone not recorded)"},
		{"GPS clock", catalog.Image{TakenAt: &clock, TakenOffset: "+00:00", TakenSource: "gps"}, "2017-10-14 23:05:09 +00:00 (GPS clock, UTC)"},
		{"maker", catalog.Image{TakenAt: &clock, TakenSource: "maker:Canon CIFF"}, "2017-10-14 23:05:09 (Canon CIFF maker metadata; camera clock, zone not recorded)"},
		{"asserted", catalog.Image{TakenAt: &zoned, TakenOffset: "+03:00", TakenSource: "asserted",
			Asserted: &catalog.AssertedTime{Actor: "ana@laptop, exhibit date", Source: "Maxar catalogue"}},
			"2017-10-14 23:05:09 +03:00 (asserted by ana@laptop, exhibit date: Maxar catalogue)"},
		{"shifted", catalog.Image{TakenAt: &clock, TakenSource: "exif:DateTimeOriginal", Shift: &catalog.ClockShift{Shift: -time.Hour, Reason: "DST not set"}},
			"2017-10-14 23:05:09 (EXIF DateTimeOriginal; camera clock, zone not recorded; camera clock shifted by -1h0m0s (DST not set))"},
	} {
		if got := ui.TakenText(&tc.im); got != tc.want {
			t.Errorf("%s: takenText = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSmallFormats(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{ui.GpsText(35.9528, 39.0079), "35.952800, 39.007900"},
		{ui.DirectionText(274.5), "274.5° (W)"},
		{ui.DirectionText(359), "359.0° (N)"},
		{ui.FormatBytes(507531), "508 KB"},
		{ui.FormatBytes(3_200_000), "3.2 MB"},
		{ui.RegionText(nil), "whole image"},
		{ui.RegionText(&catalog.Region{X: 0.1, Y: 0.2, W: 0.3, H: 0.4}), "region at 10 %, 20 %, 30 × 40 % of the image"},
		{ui.ErrorText(errors.New("open x: no such file")), "Open x: no such file."},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestParseWindowSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w, h float32
		ok   bool
	}{
		{"1440x900", 1440, 900, true},
		{" 1600X1000 ", 1600, 1000, true},
		{"1440", 0, 0, false},
		{"axb", 0, 0, false},
		{"100x100", 0, 0, false},
		{"99999x900", 0, 0, false},
	} {
		w, h, err := ParseWindowSize(tc.in)
		if (err == nil) != tc.ok || w != tc.w || h != tc.h {
			t.Errorf("ParseWindowSize(%q) = %v, %v, %v", tc.in, w, h, err)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	if err := (Options{Screen: "review"}).Validate(); err != nil {
		t.Error(err)
	}
	err := (Options{Screen: "atlas"}).Validate()
	if err == nil || !strings.Contains(err.Error(), "library, review, report") {
		t.Errorf("unknown screen: %v", err)
	}
}

func TestSettings(t *testing.T) {
	a, _ := apptest.NewQueuedApp(t)
	s := NewSettings(a.Preferences())
	if got := s.WindowSize(); got != fyne.NewSize(settingWindowWidthDef, settingWindowHeightDef) {
		t.Errorf("default window size %v", got)
	}
	s.SetWindowSize(fyne.NewSize(1440, 900))
	s.SetWindowSize(fyne.NewSize(10, 10)) // too small: ignored
	if got := s.WindowSize(); got != fyne.NewSize(1440, 900) {
		t.Errorf("window size %v", got)
	}
	if s.LastScreen() != ui.ScreenLibrary {
		t.Errorf("default last screen %q", s.LastScreen())
	}
	s.SetLastScreen(ui.ScreenReport)
	if s.LastScreen() != ui.ScreenReport {
		t.Errorf("last screen %q", s.LastScreen())
	}
	s.SetLastScreen("gone") // a screen of another version
	if s.LastScreen() != ui.ScreenLibrary {
		t.Errorf("unknown last screen gives %q", s.LastScreen())
	}
	s.SetLastCase("/x/Raqqa.exhibit")
	if s.LastCase() != "/x/Raqqa.exhibit" {
		t.Errorf("last case %q", s.LastCase())
	}
	lo, hi, def := s.ThumbCacheMBPresets()
	if s.ThumbCacheMB() != def {
		t.Errorf("default cache %d", s.ThumbCacheMB())
	}
	s.SetThumbCacheMB(hi * 10)
	if s.ThumbCacheMB() != hi {
		t.Errorf("cache above the bound: %d", s.ThumbCacheMB())
	}
	s.SetThumbCacheMB(1)
	if s.ThumbCacheMB() != lo {
		t.Errorf("cache below the bound: %d", s.ThumbCacheMB())
	}
}

func TestChooseStart(t *testing.T) {
	dir := t.TempDir()
	last := filepath.Join(dir, "Last.exhibit")
	def := filepath.Join(dir, "Default.exhibit")
	for _, d := range []string{last, def} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, catalog.DBName), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gone := filepath.Join(dir, "Gone.exhibit")
	has := func(v bool) func(string) bool { return func(string) bool { return v } }
	for _, tc := range []struct {
		name      string
		opt       Options
		last      string
		hasImages bool
		want      startPlan
	}{
		{"explicit", Options{CaseDir: "/x/A.exhibit"}, last, true, startPlan{dir: "/x/A.exhibit", explicit: true}},
		{"last", Options{}, last, true, startPlan{dir: last}},
		{"last gone, default with images", Options{}, gone, true, startPlan{dir: def}},
		{"default empty: welcome", Options{}, "", false, startPlan{}},
		{"default empty: sample", Options{SampleIfNone: true}, "", false, startPlan{sample: true}},
		{"last wins over sample", Options{SampleIfNone: true}, last, false, startPlan{dir: last}},
	} {
		if got := chooseStart(tc.opt, tc.last, def, has(tc.hasImages)); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		opt    Options
		screen string
	}{{Options{}, ""}, {Options{ImageID: 3}, ui.ScreenReview}, {Options{ReportID: 1}, ui.ScreenReport}, {Options{Screen: "library", ImageID: 3}, ui.ScreenLibrary}} {
		if s, tg := startScreen(tc.opt); s != tc.screen || tg.ImageID != tc.opt.ImageID {
			t.Errorf("startScreen(%+v) = %q, %+v", tc.opt, s, tg)
		}
	}
}

// TestLatestDropsStaleResults checks the generation counter: a load that
// ends after a later one started is dropped, whatever the order in which
// they finish.
func TestLatestDropsStaleResults(t *testing.T) {
	_, q := apptest.NewQueuedApp(t)
	var l ui.Latest
	release := make(chan struct{})
	var applied []string
	ui.Load(&l, context.Background(), func(ctx context.Context) (string, error) {
		<-release // the first load finishes last
		return "first", nil
	}, func(s string) { applied = append(applied, s) }, nil)
	ui.Load(&l, context.Background(), func(ctx context.Context) (string, error) {
		return "second", nil
	}, func(s string) { applied = append(applied, s) }, nil)
	q.WaitUntil(t, "the second load", func() bool { return len(applied) > 0 })
	close(release)
	time.Sleep(20 * time.Millisecond)
	q.Settle()
	if len(applied) != 1 || applied[0] != "second" {
		t.Errorf("applied %v, want only the second load", applied)
	}

	// A panic in a load becomes an error, not a crash.
	var got error
	ui.Load(&l, context.Background(), func(ctx context.Context) (int, error) {
		panic("a bug in the load")
	}, func(int) {}, func(err error) { got = err })
	q.WaitUntil(t, "the failed load", func() bool { return got != nil })
	if !errors.Is(got, ui.ErrPanic) {
		t.Errorf("error %v, want errPanic", got)
	}
}
