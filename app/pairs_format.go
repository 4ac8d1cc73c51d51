package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer/annot"
)

// windowLayouts are the ways a time of a pair's date window may be
// written, as the catalog accepts them.
var windowLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// parseWindowTime reads a time of a date window as typed: 2017-10-14,
// 2017-10-14 09:12, 2017-10-14T09:12:00, with or without a zone (+03:00,
// Z). It returns the text to store (as the catalog writes it), the time,
// and whether a zone was given. "" is no time.
func parseWindowTime(s string) (norm string, t time.Time, zoned bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", time.Time{}, false, nil
	}
	// a space between date and time, or before the zone
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + strings.TrimSpace(s[11:])
	}
	s = strings.Replace(s, " +", "+", 1)
	s = strings.Replace(s, " -", "-", 1)
	if strings.HasSuffix(s, " Z") {
		s = strings.TrimSuffix(s, " Z") + "Z"
	}
	// 2017-10-14T09:12+03:00: add the seconds RFC 3339 wants
	if len(s) > 16 && s[10] == 'T' && (len(s) == 17 || s[16] == '+' || s[16] == '-' || s[16] == 'Z') {
		s = s[:16] + ":00" + s[16:]
	}
	for _, layout := range windowLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return s, t, layout == time.RFC3339Nano, nil
		}
	}
	return "", time.Time{}, false, fmt.Errorf("%q is not a date and time: write it 2017-10-14, 2017-10-14 09:12 or 2017-10-14 09:12:00 +03:00", strings.TrimSpace(s))
}

// checkWindow checks a date window: each time readable, and not before
// no later than not after. It returns the texts to store.
func checkWindow(notBefore, notAfter string) (nb, na string, err error) {
	nb, tb, zb, err := parseWindowTime(notBefore)
	if err != nil {
		return "", "", fmt.Errorf("not before: %w", err)
	}
	na, ta, za, err := parseWindowTime(notAfter)
	if err != nil {
		return "", "", fmt.Errorf("not after: %w", err)
	}
	if nb == "" || na == "" {
		return nb, na, nil
	}
	later := tb.After(ta)
	if !(zb && za) { // a camera clock without zone: compare the clock times
		later = wallClock(tb).After(wallClock(ta))
	}
	if later {
		return "", "", fmt.Errorf("“not before” (%s) is later than “not after” (%s): the event must lie between them", windowShow(nb), windowShow(na))
	}
	return nb, na, nil
}

// wallClock returns t's clock reading, as if in UTC.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// windowShow writes a stored window time for people: "2017-10-11 09:42:17
// +03:00", "2017-10-11 09:42:17 (zone not recorded)", "2017-10-11".
func windowShow(s string) string {
	if s == "" {
		return "not set"
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err == nil {
		return t.Format("2006-01-02 15:04:05 -07:00")
	}
	if len(s) > 10 {
		return strings.Replace(s, "T", " ", 1) + " (zone not recorded)"
	}
	return s
}

// windowEdit writes a stored window time as it is edited: "2017-10-11
// 09:42:17 +03:00", "2017-10-11 09:42:17".
func windowEdit(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.Format("2006-01-02 15:04:05 -07:00")
	}
	return strings.Replace(s, "T", " ", 1)
}

// windowText is a pair's date window on one line.
func windowText(notBefore, notAfter string) string {
	day := func(s string) string {
		if len(s) >= 10 {
			if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
				return t.Format("2 Jan 2006")
			}
		}
		return "?"
	}
	switch {
	case notBefore == "" && notAfter == "":
		return "no date window"
	case notAfter == "":
		return "after " + day(notBefore)
	case notBefore == "":
		return "before " + day(notAfter)
	}
	return "between " + day(notBefore) + " and " + day(notAfter)
}

// alignedText says whether a pair is aligned, and how well.
func alignedText(p *catalog.Pair) string {
	a := p.Alignment
	if a == nil {
		return "not aligned"
	}
	if len(a.Residuals) == 0 {
		return "aligned (" + a.Kind + ")"
	}
	return fmt.Sprintf("aligned on %d points, RMS %.1f px", len(a.Residuals), annot.RMS(a.Residuals))
}

// captureText is an image's capture time and camera, on one line.
func captureText(im *catalog.Image) string {
	s := "taken " + takenText(im)
	if cam := catalog.CameraName(im.Make, im.Model); cam != "" {
		s += " · " + cam
	}
	return s
}
