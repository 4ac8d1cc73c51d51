package catalog

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

func TestParseWindowTime(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		zoned    bool
		bad      bool
	}{
		{"", "", false, false},
		{"2017-10-14", "2017-10-14", false, false},
		{" 2017-10-14 09:12 ", "2017-10-14T09:12", false, false},
		{"2017-10-14 09:12:30", "2017-10-14T09:12:30", false, false},
		{"2017-10-14T09:12:30+03:00", "2017-10-14T09:12:30+03:00", true, false},
		{"2017-10-14 09:12:30 +03:00", "2017-10-14T09:12:30+03:00", true, false},
		{"2017-10-14 09:12 +03:00", "2017-10-14T09:12:00+03:00", true, false},
		{"2017-10-14 09:12Z", "2017-10-14T09:12:00Z", true, false},
		{"14/10/2017", "", false, true},
		{"2017-13-01", "", false, true},
		{"yesterday", "", false, true},
	} {
		got, _, zoned, err := ParseWindowTime(tc.in)
		if (err != nil) != tc.bad || got != tc.want || zoned != tc.zoned {
			t.Errorf("ParseWindowTime(%q) = %q, %v, %v; want %q, %v, bad %v", tc.in, got, zoned, err, tc.want, tc.zoned, tc.bad)
		}
	}
}

func TestCheckWindow(t *testing.T) {
	for _, tc := range []struct {
		nb, na string
		ok     bool
		why    string
	}{
		{"", "", true, ""},
		{"2017-10-11 09:42", "", true, ""},
		{"2017-10-11 09:42", "2017-10-16", true, ""},
		{"2017-10-16", "2017-10-11 09:42", false, "later"},
		{"2017-10-14T10:00:00+03:00", "2017-10-14T08:00:00+00:00", true, ""}, // 07:00 UTC before 08:00 UTC
		{"2017-10-14T10:00:00+00:00", "2017-10-14T12:00:00+03:00", false, "later"},
		{"2017-10-14 10:00", "2017-10-14T09:00:00+03:00", false, "later"}, // a clock without zone: clock times
		{"nope", "2017-10-14", false, "not before"},
		{"2017-10-14", "nope", false, "not after"},
	} {
		_, _, err := CheckWindow(tc.nb, tc.na)
		if (err == nil) != tc.ok || (err != nil && !strings.Contains(err.Error(), tc.why)) {
			t.Errorf("CheckWindow(%q, %q) = %v", tc.nb, tc.na, err)
		}
	}
}

// TestPairWindowRule checks that AddPair and UpdatePair, which the command
// line and the app both call, refuse an inverted date window.
func TestPairWindowRule(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	testkit.WriteJPEGs(t, src, "early.jpg", "late.jpg")
	c := openTestCase(t)
	if _, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for n, at := range map[string]string{"early.jpg": "2017-10-11T09:42:00", "late.jpg": "2017-10-16T15:21:00"} {
		im, err := c.FindImage(ctx, filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		tm, _ := time.Parse("2006-01-02T15:04:05", at)
		if err := c.AssertTime(ctx, im.ID, tm, "", "test"); err != nil {
			t.Fatal(err)
		}
		ids[n] = im.ID
	}
	s := func(v string) *string { return &v }
	p, err := c.AddPair(ctx, ids["early.jpg"], ids["late.jpg"], PairOptions{})
	if err != nil || p.NotBefore != "2017-10-11T09:42:00" || p.NotAfter != "2017-10-16T15:21:00" {
		t.Fatalf("AddPair = %+v, %v", p, err)
	}
	for _, tc := range []struct {
		name string
		u    PairUpdate
		why  string // "" when accepted
		nb   string // the window after
		na   string
	}{
		{"not after before not before", PairUpdate{NotAfter: s("2017-10-10")}, "is later than", "2017-10-11T09:42:00", "2017-10-16T15:21:00"},
		{"not before after not after", PairUpdate{NotBefore: s("2017-10-17 08:00")}, "is later than", "2017-10-11T09:42:00", "2017-10-16T15:21:00"},
		{"both inverted", PairUpdate{NotBefore: s("2017-10-16"), NotAfter: s("2017-10-11")}, "is later than", "2017-10-11T09:42:00", "2017-10-16T15:21:00"},
		{"zoned, inverted as instants", PairUpdate{NotBefore: s("2017-10-14T10:00:00+00:00"), NotAfter: s("2017-10-14T12:00:00+03:00")}, "is later than", "2017-10-11T09:42:00", "2017-10-16T15:21:00"},
		{"not a time", PairUpdate{NotAfter: s("last tuesday")}, "not after", "2017-10-11T09:42:00", "2017-10-16T15:21:00"},
		{"both moved, as typed", PairUpdate{NotBefore: s("2017-10-12 08:00"), NotAfter: s(" 2017-10-13 ")}, "", "2017-10-12T08:00", "2017-10-13"},
		{"one cleared", PairUpdate{NotBefore: s("")}, "", "", "2017-10-13"},
		{"title only", PairUpdate{Title: s("Market")}, "", "", "2017-10-13"},
	} {
		_, err := c.UpdatePair(ctx, p.ID, tc.u)
		if tc.why == "" && err != nil || tc.why != "" && (err == nil || !strings.Contains(err.Error(), tc.why)) {
			t.Errorf("%s: %v; want %q", tc.name, err, tc.why)
		}
		if got, _ := c.Pair(ctx, p.ID); got.NotBefore != tc.nb || got.NotAfter != tc.na {
			t.Errorf("%s: window %q–%q; want %q–%q", tc.name, got.NotBefore, got.NotAfter, tc.nb, tc.na)
		}
	}

	// A new pair with a window given: refused when inverted.
	_, err = c.AddPair(ctx, ids["early.jpg"], ids["late.jpg"], PairOptions{NotBefore: s("2017-10-20")})
	if err == nil || !strings.Contains(err.Error(), "is later than") {
		t.Errorf("AddPair with an inverted window: %v", err)
	}
	q, err := c.AddPair(ctx, ids["early.jpg"], ids["late.jpg"], PairOptions{NotBefore: s("2017-10-12 10:00"), NotAfter: s("")})
	if err != nil || q.NotBefore != "2017-10-12T10:00" || q.NotAfter != "" {
		t.Errorf("AddPair with a window: %+v, %v", q, err)
	}
	// Kept in an order the capture times contradict: the window starts unset.
	q, err = c.AddPair(ctx, ids["late.jpg"], ids["early.jpg"], PairOptions{KeepOrder: true})
	if err != nil || q.BeforeID != ids["late.jpg"] || q.NotBefore != "" || q.NotAfter != "" {
		t.Errorf("AddPair kept against the capture times: %+v, %v", q, err)
	}
}
