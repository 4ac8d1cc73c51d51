package library

import (
	"testing"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

func TestFilterQuery(t *testing.T) {
	yes := true
	for _, tc := range []struct {
		name     string
		q        libraryQuery
		from, to string // clock strings of the filter's bounds, "" when nil
		camera   string
		err      bool
	}{
		{name: "nothing", q: libraryQuery{}},
		{name: "a day", q: libraryQuery{from: "2017-10-14", to: "2017-10-14"},
			from: "2017-10-14T00:00:00", to: "2017-10-14T23:59:59.999999999"},
		{name: "to the minute", q: libraryQuery{to: "2017-10-14 13:05"}, to: "2017-10-14T13:05:59.999999999"},
		{name: "bad date", q: libraryQuery{from: "14/10/2017"}, err: true},
		{name: "camera", q: libraryQuery{camera: &camera{"Canon", "Canon EOS 5D"}}, camera: "Canon Canon EOS 5D"},
		{name: "linked", q: libraryQuery{linked: &yes}},
	} {
		f, err := tc.q.filter()
		if (err != nil) != tc.err {
			t.Errorf("%s: error %v", tc.name, err)
			continue
		}
		clock := func(p *time.Time) string {
			if p == nil {
				return ""
			}
			return p.Format("2006-01-02T15:04:05.999999999")
		}
		if tc.err {
			continue
		}
		if clock(f.From) != tc.from || clock(f.To) != tc.to || f.Camera != tc.camera || f.Linked != tc.q.linked {
			t.Errorf("%s: filter %+v", tc.name, f)
		}
	}
}

func TestCameraCountsAndKeep(t *testing.T) {
	ims := []*catalog.Image{
		{ID: 1, Make: "Canon", Model: "Canon EOS 5D"},
		{ID: 2, Make: "Canon", Model: "Canon EOS 5D Mark II"},
		{ID: 3, Make: "Canon", Model: "Canon EOS 5D"},
		{ID: 4},
	}
	cc := cameraCounts(ims)
	if len(cc) != 3 || cc[0].cam.model != "Canon EOS 5D" || cc[0].count != 2 {
		t.Fatalf("cameraCounts = %+v", cc)
	}
	// The catalog's camera filter is a substring match: keep narrows it.
	q := libraryQuery{camera: &camera{"Canon", "Canon EOS 5D"}}
	if got := q.keep(ims); len(got) != 2 || got[0].ID != 1 || got[1].ID != 3 {
		t.Errorf("keep = %v", got)
	}
	q = libraryQuery{camera: &camera{}}
	if got := q.keep(ims); len(got) != 1 || got[0].ID != 4 {
		t.Errorf("keep (no camera) = %v", got)
	}
}
