package meta

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// geoTags lists the keys of a GeoTIFF key directory (tag 34735, SHORTs:
// version, revision, minor revision, number of keys, then id, location,
// count, value per key), group "GeoTiff". A key's value is in the
// directory itself (location 0), in the double parameters (34736) or in the
// ASCII parameters (34737).
func (l *tagList) geoTags(keys, doubles, ascii []byte, order binary.ByteOrder) {
	short := func(i int) (int, bool) {
		if 2*i+2 > len(keys) {
			return 0, false
		}
		return int(order.Uint16(keys[2*i:])), true
	}
	v1, ok1 := short(0)
	rev, ok2 := short(1)
	minor, ok3 := short(2)
	n, ok4 := short(3)
	if !(ok1 && ok2 && ok3 && ok4) {
		l.problem("GeoTiff", "key directory of %d bytes is too short", len(keys))
		return
	}
	l.add("GeoTiff", "GeoTiffVersion", fmt.Sprintf("%d.%d.%d", v1, rev, minor))
	for k := range n {
		id, ok1 := short(4 + 4*k)
		loc, ok2 := short(5 + 4*k)
		count, ok3 := short(6 + 4*k)
		val, ok4 := short(7 + 4*k)
		if !(ok1 && ok2 && ok3 && ok4) {
			l.problem("GeoTiff", "key directory declares %d keys, only %d fit", n, k)
			return
		}
		name, ok := geoKeyNames[uint16(id)]
		if !ok {
			name = fmt.Sprintf("GeoTiff_%d", id)
		}
		t := Tag{Group: "GeoTiff", Name: name}
		switch loc {
		case 0:
			t.Value = fmt.Sprint(val)
		case 34735:
			var text []string
			for i := range count {
				if s, ok := short(val + i); ok {
					text = append(text, fmt.Sprint(s))
				}
			}
			t.Value = strings.Join(text, " ")
		case 34736:
			var text []string
			for i := range count {
				p := 8 * (val + i)
				if p+8 > len(doubles) {
					t.Note = "not all values found in GeoDoubleParams"
					break
				}
				text = append(text, formatNumber(math.Float64frombits(order.Uint64(doubles[p:]))))
			}
			t.Value = strings.Join(text, " ")
		case 34737:
			if val+count > len(ascii) || count < 0 {
				t.Note = "not found in GeoAsciiParams"
				break
			}
			t.Value = strings.TrimRight(validText(string(ascii[val:val+count])), "|\x00")
		default:
			t.Note = fmt.Sprintf("value in tag %d, not read", loc)
		}
		l.tags = append(l.tags, t)
	}
}
