package catalog

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

func TestParseDateBound(t *testing.T) {
	for _, tc := range []struct {
		in         string
		start, end string // clock readings; "" when refused
	}{
		{"2017-10-14", "2017-10-14T00:00:00", "2017-10-14T23:59:59.999999999"},
		{" 2017-10-14 ", "2017-10-14T00:00:00", "2017-10-14T23:59:59.999999999"},
		{"2017-10-14T13:05", "2017-10-14T13:05:00", "2017-10-14T13:05:59.999999999"},
		{"2017-10-14 13:05", "2017-10-14T13:05:00", "2017-10-14T13:05:59.999999999"},
		{"2017-10-14  13:05", "2017-10-14T13:05:00", "2017-10-14T13:05:59.999999999"},
		{"2017-10-14T13:05:30", "2017-10-14T13:05:30", "2017-10-14T13:05:30.999999999"},
		{"2017-10-14 13:05:30", "2017-10-14T13:05:30", "2017-10-14T13:05:30.999999999"},
		{"2017-10-14T13:05:30.25", "2017-10-14T13:05:30.25", "2017-10-14T13:05:30.25"},
		{"2017-10-14T13:05:30+03:00", "2017-10-14T13:05:30", "2017-10-14T13:05:30.999999999"},
		{"2017-10-14T13:05:30Z", "2017-10-14T13:05:30", "2017-10-14T13:05:30.999999999"},
		{"2017-10-14T13:05:30.5-07:00", "2017-10-14T13:05:30.5", "2017-10-14T13:05:30.5"},
		{"", "", ""},
		{"yesterday", "", ""},
		{"14/10/2017", "", ""},
		{"2017-13-01", "", ""},
		{"2017-10-14T25:00", "", ""},
		{"2017-10-14T", "", ""},
	} {
		for _, end := range []bool{false, true} {
			want := tc.start
			if end {
				want = tc.end
			}
			got, err := ParseDateBound(tc.in, end)
			if want == "" {
				if err == nil || !strings.Contains(err.Error(), "2017-10-14 13:05") {
					t.Errorf("ParseDateBound(%q, %v) = %v, %v; want an error showing how to write it", tc.in, end, got, err)
				}
				continue
			}
			if err != nil || got.Location() != time.UTC || got.Format("2006-01-02T15:04:05.999999999") != want {
				t.Errorf("ParseDateBound(%q, %v) = %v, %v; want %s", tc.in, end, got, err, want)
			}
		}
	}
}

// dateFilterCase is a case holding the images of testkit.DateFilterTimes,
// with those capture times asserted, and their names by id.
func dateFilterCase(t *testing.T) (*Case, map[int64]string) {
	t.Helper()
	ctx := context.Background()
	src := t.TempDir()
	var names []string
	for n := range testkit.DateFilterTimes {
		names = append(names, n)
	}
	testkit.WriteJPEGs(t, src, names...)
	c := openTestCase(t)
	if res, err := c.Import(ctx, []string{src}, ImportOptions{}); err != nil || len(res.Failed) > 0 {
		t.Fatalf("import: %v %+v", err, res)
	}
	byID := map[int64]string{}
	for n, at := range testkit.DateFilterTimes {
		im, err := c.FindImage(ctx, filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		tm, err := time.Parse("2006-01-02T15:04:05", at)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AssertTime(ctx, im.ID, tm, "", "test"); err != nil {
			t.Fatal(err)
		}
		byID[im.ID] = strings.TrimSuffix(n, ".jpg")
	}
	return c, byID
}

// TestDateFilterCases checks the selections the command line and the app
// are both held to (testkit.DateFilterCases) on the catalog itself.
func TestDateFilterCases(t *testing.T) {
	c, byID := dateFilterCase(t)
	for _, tc := range testkit.DateFilterCases {
		var f Filter
		if tc.From != "" {
			from, err := ParseDateBound(tc.From, false)
			if err != nil {
				t.Fatal(err)
			}
			f.From = &from
		}
		if tc.To != "" {
			to, err := ParseDateBound(tc.To, true)
			if err != nil {
				t.Fatal(err)
			}
			f.To = &to
		}
		ims, err := c.Images(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, im := range ims {
			got = append(got, byID[im.ID])
		}
		slices.Sort(got)
		if strings.Join(got, " ") != tc.Want {
			t.Errorf("from %q to %q: %v; want %s", tc.From, tc.To, got, tc.Want)
		}
	}
}

// FuzzParseDateBound: no input panics; a bound read is in UTC, its end
// never before its start, and the end covers at most a day.
func FuzzParseDateBound(f *testing.F) {
	for _, s := range []string{"2017-10-14", "2017-10-14 13:05", "2017-10-14T13:05:30.25+03:00", "2017-10-14T13:05:30Z",
		"", " ", "2017-10-14 ", "9999-12-31", "0000-01-01T00:00", "2017-10-14T13:05:30,5", "2017-10-14\t13:05"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, err := ParseDateBound(s, false)
		end, err2 := ParseDateBound(s, true)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("%q: start %v, end %v", s, err, err2)
		}
		if err != nil {
			return
		}
		if start.Location() != time.UTC || end.Location() != time.UTC {
			t.Fatalf("%q: not in UTC: %v %v", s, start, end)
		}
		if end.Before(start) || end.Sub(start) >= 24*time.Hour {
			t.Fatalf("%q: start %v, end %v", s, start, end)
		}
	})
}
