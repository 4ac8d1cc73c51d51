package meta

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"time"
)

// photoshopPrefix starts the APP13 segment that holds Photoshop image
// resources, among them the IPTC-NAA records (resource 0x0404).
var photoshopPrefix = []byte("Photoshop 3.0\x00")

// photoshopIPTC returns the IPTC-NAA records of a block of Photoshop image
// resources ("8BIM", id, Pascal name padded to even, size, data padded to
// even), or nil.
func photoshopIPTC(b []byte) []byte { return findPhotoshopResource(b, 0x0404) }

// findPhotoshopResource returns the data of the Photoshop image resource
// ("8BIM", id, Pascal name, size, data) with this id in b, or nil.
func findPhotoshopResource(b []byte, want uint16) []byte {
	for pos := 0; pos+12 <= len(b); {
		if string(b[pos:pos+4]) != "8BIM" {
			return nil
		}
		id := binary.BigEndian.Uint16(b[pos+4:])
		name := int(b[pos+6])
		p := pos + 6 + (1+name+1)&^1
		if p+4 > len(b) {
			return nil
		}
		n := int(binary.BigEndian.Uint32(b[p:]))
		start, end := p+4, p+4+n
		if n < 0 || end > len(b) || end < start {
			return nil
		}
		if id == want {
			return b[start:end]
		}
		pos = end + n&1
	}
	return nil
}

// readIPTC reads the capture time from IPTC-NAA records: DateCreated
// (2:55, "CCYYMMDD") with TimeCreated (2:60, "HHMMSS±HHMM"). A date without
// a time is not a capture time and is not used.
func readIPTC(b []byte, r *reader) *stamp {
	var date, clock string
	for pos := 0; pos+5 <= len(b); {
		if b[pos] != 0x1c {
			break // padding, or the records are over
		}
		rec, ds := b[pos+1], b[pos+2]
		n := int(binary.BigEndian.Uint16(b[pos+3:]))
		start := pos + 5
		if n&0x8000 != 0 { // extended length: n&0x7fff bytes of length follow
			k := n & 0x7fff
			if k > 4 || start+k > len(b) {
				break
			}
			n = 0
			for _, c := range b[start : start+k] {
				n = n<<8 | int(c)
			}
			start += k
		}
		end := start + n
		if n < 0 || end > len(b) {
			break
		}
		if rec == 2 {
			v := string(bytes.Trim(b[start:end], " \x00"))
			switch ds {
			case 55:
				if date == "" {
					date = v
				}
			case 60:
				if clock == "" {
					clock = v
				}
			}
		}
		pos = end
	}
	if date == "" || clock == "" {
		return nil
	}
	st, err := iptcStamp(date, clock)
	if err != nil {
		r.note("IPTC: DateCreated %q TimeCreated %q: %v", date, clock, err)
		return nil
	}
	return st
}

// iptcStamp parses IPTC DateCreated and TimeCreated.
func iptcStamp(date, clock string) (*stamp, error) {
	if len(date) != 8 || len(clock) < 6 {
		return nil, fmt.Errorf("not in the form CCYYMMDD HHMMSS±HHMM")
	}
	var v [6]int
	for i, s := range []string{date[:4], date[4:6], date[6:8], clock[:2], clock[2:4], clock[4:6]} {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("not in the form CCYYMMDD HHMMSS±HHMM")
		}
		v[i] = n
	}
	if v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60 {
		return nil, fmt.Errorf("date or time out of range")
	}
	t := time.Date(v[0], time.Month(v[1]), v[2], v[3], v[4], v[5], 0, time.UTC)
	if t.Day() != v[2] {
		return nil, fmt.Errorf("no such day")
	}
	st := &stamp{clock: t, source: SourceIPTC}
	if rest := clock[6:]; rest != "" {
		o, ok := normOffset(rest)
		if !ok {
			return nil, fmt.Errorf("zone %q is not ±HHMM", rest)
		}
		st.offset = o
	}
	return st, nil
}
