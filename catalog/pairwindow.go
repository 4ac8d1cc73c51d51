package catalog

import (
	"fmt"
	"strings"
	"time"
)

// The rule of a pair's date window, in one place: the command line, the
// app and the catalog's own AddPair and UpdatePair all use CheckWindow.

// windowLayouts are the ways a time of a pair's date window is stored.
var windowLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"}

// ParseWindowTime reads a time of a pair's date window as typed:
// 2017-10-14, 2017-10-14 09:12, 2017-10-14T09:12:00, with or without a zone
// (+03:00, Z). It returns the text to store, the time, and whether a zone
// was given. "" (or blanks) is no time, and no error.
func ParseWindowTime(s string) (norm string, t time.Time, zoned bool, err error) {
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

// CheckWindow is the rule of a pair's date window: each time readable by
// ParseWindowTime, and not before no later than not after. Two zoned times
// are compared as instants; when either is a camera clock without zone,
// their clock readings are compared. A time left "" bounds nothing. It
// returns the texts to store.
func CheckWindow(notBefore, notAfter string) (nb, na string, err error) {
	nb, tb, zb, err := ParseWindowTime(notBefore)
	if err != nil {
		return "", "", fmt.Errorf("not before: %w", err)
	}
	na, ta, za, err := ParseWindowTime(notAfter)
	if err != nil {
		return "", "", fmt.Errorf("not after: %w", err)
	}
	if nb == "" || na == "" {
		return nb, na, nil
	}
	later := tb.After(ta)
	if !(zb && za) { // a camera clock without zone: compare the clock times
		later = wallUTC(tb).After(wallUTC(ta))
	}
	if later {
		return "", "", fmt.Errorf("“not before” (%s) is later than “not after” (%s): the event must lie between them",
			ShowWindowTime(nb), ShowWindowTime(na))
	}
	return nb, na, nil
}

// ShowWindowTime writes a stored window time for people: "2017-10-11
// 09:42:17 +03:00", "2017-10-11 09:42:17 (zone not recorded)",
// "2017-10-11"; "not set" for "".
func ShowWindowTime(s string) string {
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
