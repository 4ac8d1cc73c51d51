package meta

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// iptcNumeric are the datasets stored as binary numbers (records 1 and 2).
var iptcNumeric = map[uint16]bool{0x0100: true, 0x0114: true, 0x0116: true, 0x0200: true}

// iptcTags lists the datasets of records 1 (envelope) and 2 (application)
// of IPTC-NAA records, group "IPTC". A repeated dataset (Keywords) is one tag
// whose values are joined by ", ". Dates and times are shown as written.
func (l *tagList) iptcTags(b []byte) {
	type ds struct {
		key  uint16
		vals []string
	}
	var list []*ds
	index := map[uint16]*ds{}
	for pos := 0; pos+5 <= len(b); {
		if b[pos] != 0x1c {
			break
		}
		rec, set := b[pos+1], b[pos+2]
		n := int(binary.BigEndian.Uint16(b[pos+3:]))
		start := pos + 5
		if n&0x8000 != 0 {
			k := n & 0x7fff
			if k > 4 || start+k > len(b) {
				l.problem("IPTC", "dataset %d:%d: extended length of %d bytes not read", rec, set, k)
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
			l.problem("IPTC", "dataset %d:%d runs past the end of the records", rec, set)
			break
		}
		pos = end
		if rec != 1 && rec != 2 {
			continue
		}
		key := uint16(rec)<<8 | uint16(set)
		v := b[start:end]
		var s string
		if iptcNumeric[key] && len(v) <= 4 {
			x := 0
			for _, c := range v {
				x = x<<8 | int(c)
			}
			s = strconv.Itoa(x)
		} else {
			s = iptcText(v)
		}
		d := index[key]
		if d == nil {
			d = &ds{key: key}
			index[key] = d
			list = append(list, d)
		}
		d.vals = append(d.vals, s)
	}
	for _, d := range list {
		name, ok := iptcNames[d.key]
		if !ok {
			name = fmt.Sprintf("IPTC_%d_%d", d.key>>8, d.key&0xff)
		}
		l.add("IPTC", name, strings.Join(d.vals, ", "))
	}
}

// iptcText decodes a text dataset: UTF-8 when valid, else Latin-1.
func iptcText(v []byte) string {
	s := strings.TrimRight(string(v), "\x00 ")
	if utf8.ValidString(s) {
		return s
	}
	r := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		r = append(r, rune(s[i]))
	}
	return string(r)
}
