package catalog

import (
	"fmt"
	"strings"
	"time"
)

// dateBoundLayouts are the ways a bound of a capture-time filter may be
// written (after a space between date and time became a T), with how much
// of time each covers.
var dateBoundLayouts = []struct {
	layout string
	span   time.Duration
}{
	{"2006-01-02", 24 * time.Hour},
	{"2006-01-02T15:04", time.Minute},
	{"2006-01-02T15:04:05", time.Second},
	{time.RFC3339Nano, time.Second},
}

// ParseDateBound reads a bound of a capture-time filter as typed (the
// library's From and To, `ls --from/--to`, `map --from/--to`): a day
// (2017-10-14), a minute (2017-10-14 13:05 or 2017-10-14T13:05), a second
// (2017-10-14 13:05:30), optionally with a fraction of a second or a zone.
// A zone is dropped: capture times are compared on the camera's clock, and
// the time returned is that clock reading in UTC (as Filter wants it).
//
// A bound covers all of what it names: with end false it is the first
// instant of it, with end true the last, so a bound given to the day
// includes the whole day, to the minute the whole minute, to the second
// the whole second; one with a fraction of a second is that instant.
// Filter.From and Filter.To are inclusive, so --from X --to X selects all
// of X.
func ParseDateBound(s string, end bool) (time.Time, error) {
	in := strings.TrimSpace(s)
	norm := in
	if len(norm) > 10 && norm[10] == ' ' {
		norm = norm[:10] + "T" + strings.TrimSpace(norm[11:])
	}
	for _, l := range dateBoundLayouts {
		t, err := time.Parse(l.layout, norm)
		if err != nil {
			continue
		}
		t = wallUTC(t)
		if !end {
			return t, nil
		}
		if len(norm) > 19 && (norm[19] == '.' || norm[19] == ',') {
			return t, nil // to the fraction of a second: that instant
		}
		return t.Add(l.span - time.Nanosecond), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write it 2017-10-14, 2017-10-14 13:05 or 2017-10-14 13:05:30", in)
}
