package meta

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// blankDate reports whether a date text carries no date: empty, all zeros or
// the blank template some cameras write ("    :  :     :  :  ").
func blankDate(s string) bool {
	return strings.Trim(s, " :0-T\x00") == ""
}

// normDateSep turns an ISO date ("2006-01-02") into EXIF form ("2006:01:02").
func normDateSep(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:4] + ":" + s[5:7] + ":" + s[8:]
	}
	return s
}

// parseExifDate parses an EXIF or XMP date and time: "2006:01:02 15:04:05"
// or "2006-01-02T15:04:05", optionally with a fraction of a second and a "Z"
// or ±HH:MM suffix. It returns the clock reading in time.UTC and the
// normalised offset ("" when the text has none, "+00:00" for Z).
func parseExifDate(s string) (time.Time, string, error) {
	s = strings.TrimSpace(normDateSep(s))
	if len(s) < 16 {
		return time.Time{}, "", errors.New("not a date and time")
	}
	if s[10] == 'T' {
		s = s[:10] + " " + s[11:]
	}
	// split off the zone suffix
	offset := ""
	body := s
	if strings.HasSuffix(body, "Z") {
		body, offset = body[:len(body)-1], "+00:00"
	} else if i := strings.LastIndexAny(body, "+-"); i > 10 {
		o, ok := normOffset(body[i:])
		if !ok {
			return time.Time{}, "", fmt.Errorf("zone %q is not ±HH:MM", body[i:])
		}
		body, offset = body[:i], o
	}
	body = strings.TrimSpace(body)
	frac := time.Duration(0)
	if i := strings.IndexByte(body, '.'); i > 0 {
		frac = fraction(body[i+1:])
		body = body[:i]
	}
	if len(body) == 16 { // no seconds (XMP allows it)
		body += ":00"
	}
	if len(body) != 19 || body[4] != ':' || body[7] != ':' || body[10] != ' ' || body[13] != ':' || body[16] != ':' {
		return time.Time{}, "", errors.New("not in the form YYYY:MM:DD HH:MM:SS")
	}
	var v [6]int
	for i, span := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		n, err := strconv.Atoi(body[span[0]:span[1]])
		if err != nil || n < 0 {
			return time.Time{}, "", errors.New("not in the form YYYY:MM:DD HH:MM:SS")
		}
		v[i] = n
	}
	if v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 {
		return time.Time{}, "", errors.New("date or time out of range")
	}
	t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Day() != v[2] {
		return time.Time{}, "", errors.New("no such day")
	}
	return t.Add(frac), offset, nil
}

// normOffset normalises a UTC offset ("+3:00", "+0300", "-05:00") to ±HH:MM.
func normOffset(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "Z" {
		return "+00:00", true
	}
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return "", false
	}
	rest := s[1:]
	var h, m int
	var err1, err2 error
	switch {
	case strings.Contains(rest, ":"):
		hs, ms, _ := strings.Cut(rest, ":")
		h, err1 = strconv.Atoi(hs)
		m, err2 = strconv.Atoi(ms)
		if len(hs) == 0 || len(hs) > 2 || len(ms) != 2 {
			return "", false
		}
	case len(rest) == 4:
		h, err1 = strconv.Atoi(rest[:2])
		m, err2 = strconv.Atoi(rest[2:])
	case len(rest) <= 2:
		h, err1 = strconv.Atoi(rest)
	default:
		return "", false
	}
	if err1 != nil || err2 != nil || h < 0 || h > 14 || m < 0 || m > 59 {
		return "", false
	}
	return fmt.Sprintf("%c%02d:%02d", s[0], h, m), true
}

// parseOffset converts a normalised ±HH:MM offset to seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if len(s) != 6 || s[3] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[4:6])
	if err1 != nil || err2 != nil {
		return 0, false
	}
	sec := h*3600 + m*60
	if s[0] == '-' {
		sec = -sec
	}
	return sec, true
}

// fraction reads the digits of a decimal fraction of a second ("054" is
// 54 ms); anything else counts as 0.
func fraction(s string) time.Duration {
	s = strings.Trim(s, " \x00")
	if s == "" || len(s) > 9 {
		s = s[:min(len(s), 9)]
	}
	var ns time.Duration
	scale := time.Duration(100_000_000)
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		ns += time.Duration(c-'0') * scale
		scale /= 10
	}
	return ns
}

// degreesFromString reads a coordinate some phones write as text:
// "52,0,50" or "52.0,50.0,34.01" (degrees, minutes, seconds) or
// "52,00000,50,00000,34,01180" (a comma as both decimal and list separator).
func degreesFromString(s string) (float64, bool) {
	parts := strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' || c == ' ' })
	var nums []string
	switch len(parts) {
	case 3:
		nums = parts
	case 6:
		nums = []string{parts[0] + "." + parts[1], parts[2] + "." + parts[3], parts[4] + "." + parts[5]}
	case 1:
		nums = parts
	default:
		return 0, false
	}
	var v [3]float64
	for i, p := range nums {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f < 0 {
			return 0, false
		}
		v[i] = f
	}
	return v[0] + v[1]/60 + v[2]/3600, true
}
