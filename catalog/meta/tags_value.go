package meta

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxListed bounds the numbers listed for one tag (a TIFF's strip offsets
// can run to hundreds of thousands).
const maxListed = 1024

// fieldSize is the byte size of each TIFF field type, with BigTIFF's LONG8,
// SLONG8 and IFD8 (0 for unknown types).
func fieldSize(t uint16) int {
	switch t {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12, 16, 17, 18:
		return 8
	}
	return 0
}

// fieldBytes returns the bytes of an entry's value in b (which holds the
// entry at e.at), or why they cannot be read.
func fieldBytes(b []byte, e entry) ([]byte, error) {
	size := fieldSize(e.typ)
	switch {
	case size == 0:
		return nil, fmt.Errorf("unknown value type %d", e.typ)
	case e.count == 0:
		return nil, nil
	}
	n := uint64(size) * uint64(e.count)
	if n <= 4 {
		return b[e.at+8 : e.at+8+int(n)], nil
	}
	if uint64(e.valueOffset)+n > uint64(len(b)) {
		return nil, fmt.Errorf("value of %d bytes at offset %d lies beyond the end (%d bytes)", n, e.valueOffset, len(b))
	}
	return b[e.valueOffset : uint64(e.valueOffset)+n], nil
}

// formatNumber prints a number as ExifTool's -n does: integers without a
// decimal point, others in the shortest form that reads back the same.
func formatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// numbers decodes the values of a numeric field; a rational with a zero
// denominator is kept as "n/0".
func numbers(raw []byte, typ uint16, order binary.ByteOrder, limit int) (vals []float64, text []string) {
	size := fieldSize(typ)
	n := len(raw) / size
	for i := 0; i < n && i < limit; i++ {
		p := raw[i*size:]
		var v float64
		switch typ {
		case 1, 7:
			v = float64(p[0])
		case 6:
			v = float64(int8(p[0]))
		case 3:
			v = float64(order.Uint16(p))
		case 8:
			v = float64(int16(order.Uint16(p)))
		case 4, 13:
			v = float64(order.Uint32(p))
		case 9:
			v = float64(int32(order.Uint32(p)))
		case 16, 18:
			v = float64(order.Uint64(p))
		case 17:
			v = float64(int64(order.Uint64(p)))
		case 11:
			v = float64(math.Float32frombits(order.Uint32(p)))
		case 12:
			v = math.Float64frombits(order.Uint64(p))
		case 5, 10:
			num, den := float64(order.Uint32(p)), float64(order.Uint32(p[4:]))
			if typ == 10 {
				num, den = float64(int32(order.Uint32(p))), float64(int32(order.Uint32(p[4:])))
			}
			if den == 0 {
				vals = append(vals, math.NaN())
				text = append(text, formatNumber(num)+"/0")
				continue
			}
			v = num / den
		}
		vals = append(vals, v)
		text = append(text, formatNumber(v))
	}
	return vals, text
}

// joinNumbers joins up to maxListed values and says how many there were.
func joinNumbers(text []string, total int) string {
	s := strings.Join(text, " ")
	if total > len(text) {
		s += fmt.Sprintf(" … (%d values)", total)
	}
	return s
}

// asciiValue is an ASCII field's text: up to its last non-NUL, with NULs
// between several strings shown as ", ", trailing spaces trimmed and
// invalid UTF-8 replaced.
func asciiValue(raw []byte) string {
	s := strings.TrimRight(string(raw), "\x00")
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i] // ExifTool shows the first string
	}
	return validText(strings.TrimRight(s, " "))
}

func validText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// isText reports whether raw is printable text (with trailing NULs).
func isText(raw []byte) bool {
	raw = []byte(strings.TrimRight(string(raw), "\x00 "))
	if len(raw) == 0 {
		return false
	}
	for _, c := range raw {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return utf8.Valid(raw)
}

// commentValue decodes UserComment, GPSProcessingMethod and
// GPSAreaInformation: an 8-byte character code, then the text.
func commentValue(raw []byte, order binary.ByteOrder) string {
	if len(raw) < 8 {
		return asciiValue(raw)
	}
	code, body := string(raw[:8]), raw[8:]
	switch {
	case strings.HasPrefix(code, "UNICODE"):
		return utf16Value(body, order)
	case strings.HasPrefix(code, "ASCII"), code == "\x00\x00\x00\x00\x00\x00\x00\x00", strings.HasPrefix(code, "JIS"):
		return strings.TrimRight(asciiValue(body), " ")
	}
	return strings.TrimRight(asciiValue(raw), " ")
}

// utf16Value decodes UCS-2 text (Windows XP tags are little-endian).
func utf16Value(raw []byte, order binary.ByteOrder) string {
	u := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		c := order.Uint16(raw[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return strings.TrimRight(string(utf16.Decode(u)), " ")
}
