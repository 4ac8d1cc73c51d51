package reportparse

import (
	"io"
	"math"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// pdfFont is what the text extractor needs of a font: how to split a
// string into character codes, each code's advance width and its Unicode
// text.
type pdfFont struct {
	name     string
	bold     bool
	twoByte  bool    // Type0 (composite) font with 2-byte codes
	scale    float64 // glyph-space units to text-space: 0.001, or a Type3 FontMatrix
	first    int
	widths   []float64
	cidW     map[int]float64
	defWidth float64
	toUni    *toUnicode
	fallback *[256]string // the text of each code by the font's /Encoding, used without ToUnicode
}

// maxCMapBytes bounds a ToUnicode CMap stream.
const maxCMapBytes = 8 << 20

// maxCIDWidths bounds the widths read from a CIDFont's /W array (codes
// are two bytes: 65536 of them).
const maxCIDWidths = 1 << 17

// loadFont parses a font dictionary. Its ToUnicode CMap is taken from the
// document's budget of decoded bytes.
func loadFont(v pdf.Value, budget *int64) *pdfFont {
	f := &pdfFont{scale: 0.001, defWidth: 500}
	subtype := v.Key("Subtype").Name()
	f.name = v.Key("BaseFont").Name()
	if i := strings.IndexByte(f.name, '+'); i >= 0 && i < len(f.name)-1 {
		f.name = f.name[i+1:]
	}
	lname := strings.ToLower(f.name)
	f.bold = strings.Contains(lname, "bold") || strings.Contains(lname, "black") || strings.Contains(lname, "heavy")
	desc := v.Key("FontDescriptor")
	switch subtype {
	case "Type0":
		f.twoByte = true
		desc = v.Key("DescendantFonts").Index(0)
		f.defWidth = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defWidth = dw.Float64()
		}
		f.cidW = readCIDWidths(desc.Key("W"))
		fd := desc.Key("FontDescriptor")
		if w := fd.Key("FontWeight").Float64(); w >= 600 {
			f.bold = true
		}
		desc = fd
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() >= 1 {
			f.scale = m.Index(0).Float64()
		}
		f.defWidth = 0
	}
	if subtype != "Type0" {
		f.first = int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		n := w.Len()
		if n > 256 {
			n = 256
		}
		f.widths = make([]float64, n)
		for i := range n {
			f.widths[i] = w.Index(i).Float64()
		}
		if mw := desc.Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
			f.defWidth = mw.Float64()
		} else if strings.HasPrefix(lname, "courier") {
			f.defWidth = 600
		}
		if desc.Key("FontWeight").Float64() >= 600 {
			f.bold = true
		}
	}
	if desc.Key("Flags").Int64()&(1<<18) != 0 { // ForceBold
		f.bold = true
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = readToUnicode(tu, budget)
	}
	if f.toUni == nil && !f.twoByte {
		f.fallback = encodingTable(v)
	}
	if f.toUni != nil && f.twoByte && !f.toUni.has2 && f.toUni.has1 {
		f.twoByte = false
	}
	return f
}

// encodingTable decodes the 256 codes of a simple font without a
// ToUnicode map by its /Encoding, as the pdf library reads it, once for
// the font rather than for every character (the library's decoder of a
// /Differences array walks the whole array for each). nil when the
// library would read the ToUnicode CMap that readToUnicode could not
// (its CMap reader trusts the counts it finds there), or when
// /Differences is too long to be real.
func encodingTable(v pdf.Value) *[256]string {
	enc := v.Key("Encoding")
	switch {
	case (enc.Kind() == pdf.Null || enc.Name() == "Identity-H") && v.Key("ToUnicode").Kind() == pdf.Stream:
		return nil
	case enc.Kind() == pdf.Dict && enc.Key("Differences").Len() > 1024:
		return nil
	}
	pf := pdf.Font{V: v}
	e := pf.Encoder()
	var t [256]string
	for c := range t {
		t[c] = e.Decode(string([]byte{byte(c)}))
	}
	return &t
}

// weight is the number of entries of the font's tables and maps.
func (f *pdfFont) weight() int {
	w := len(f.widths) + len(f.cidW)
	if f.toUni != nil {
		w += len(f.toUni.single)
		for _, rs := range f.toUni.ranges {
			for _, r := range rs {
				w += 1 + len(r.arr)
			}
		}
	}
	return w
}

// readCIDWidths reads a CIDFont's /W array: "c [w1 w2 …]" and
// "cfirst clast w" entries, up to maxCIDWidths widths.
func readCIDWidths(w pdf.Value) map[int]float64 {
	out := make(map[int]float64)
	n := w.Len()
	read := 0
	for i := 0; i < n && read < maxCIDWidths; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 65536 && read < maxCIDWidths; j++ {
				out[c+j] = next.Index(j).Float64()
				read++
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(next.Int64())
		width := w.Index(i + 2).Float64()
		if last-c > 65536 {
			last = c + 65536
		}
		for k := c; k <= last && read < maxCIDWidths; k++ {
			out[k] = width
			read++
		}
		i += 3
	}
	return out
}

// width returns a code's advance in text-space units per unit of font size.
func (f *pdfFont) width(code int) float64 {
	if f.twoByte {
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		return f.defWidth * f.scale
	}
	if i := code - f.first; i >= 0 && i < len(f.widths) {
		if w := f.widths[i]; w > 0 || f.scale != 0.001 {
			return w * f.scale
		}
	}
	return f.defWidth * f.scale
}

// codes splits a shown string into character codes.
func (f *pdfFont) codes(s string, fn func(code int, raw string)) {
	if !f.twoByte {
		for i := 0; i < len(s); i++ {
			fn(int(s[i]), s[i:i+1])
		}
		return
	}
	for i := 0; i+1 < len(s); i += 2 {
		fn(int(s[i])<<8|int(s[i+1]), s[i:i+2])
	}
}

// text returns the Unicode text of one code.
func (f *pdfFont) text(code int, raw string) string {
	if f.toUni != nil {
		if t, ok := f.toUni.lookup(code, len(raw)); ok {
			return t
		}
	}
	if f.fallback != nil {
		return f.fallback[raw[0]]
	}
	if f.twoByte {
		return "\uFFFD"
	}
	return string(rune(code))
}

// toUnicode is a parsed ToUnicode CMap.
type toUnicode struct {
	single map[uint32]string // key: length<<24 | code
	// ranges are the bfranges by code length (1 to 4 bytes), in order of
	// their first code; maxHi[n][i] is the largest last code among
	// ranges[n][:i+1], to find the first range holding a code by binary
	// search.
	ranges     [5][]uniRange
	maxHi      [5][]int
	has1, has2 bool
}

type uniRange struct {
	n      int // code length in bytes
	lo, hi int
	dst    []uint16   // UTF-16 of lo's text; the last unit is incremented
	arr    [][]uint16 // or one text per code
	isArr  bool
}

// lookup returns the text of a code n bytes long: its bfchar, else by
// the first range (in order of first codes) that holds it.
func (m *toUnicode) lookup(code, n int) (string, bool) {
	if t, ok := m.single[uint32(n)<<24|uint32(code)]; ok {
		return t, true
	}
	if n < 1 || n > 4 {
		return "", false
	}
	rs, maxHi := m.ranges[n], m.maxHi[n]
	k := sort.Search(len(rs), func(i int) bool { return rs[i].lo > code })
	if i := sort.Search(k, func(i int) bool { return maxHi[i] >= code }); i < k {
		r := rs[i]
		off := code - r.lo
		if r.isArr {
			if off < len(r.arr) {
				return string(utf16.Decode(r.arr[off])), true
			}
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		if len(u) > 0 {
			u[len(u)-1] += uint16(off)
		}
		return string(utf16.Decode(u)), true
	}
	return "", false
}

func beUint(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 4; i++ {
		n = n<<8 | int(s[i])
	}
	return n
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	if len(s)%2 == 1 { // a one-byte destination, as some producers write
		u = append(u, uint16(s[len(s)-1]))
	}
	return u
}

// readToUnicode parses a ToUnicode CMap stream, reading at most
// maxCMapBytes, taken from budget; nil when it has no mappings or cannot
// be read.
func readToUnicode(v pdf.Value, budget *int64) (m *toUnicode) {
	defer func() {
		if recover() != nil {
			m = nil
		}
	}()
	limit := min(maxCMapBytes, *budget)
	if limit <= 0 {
		return nil
	}
	rc, err := openStream(v)
	if err != nil {
		return nil
	}
	defer rc.Close()
	lim := &io.LimitedReader{R: rc, N: limit}
	defer func() { *budget -= limit - lim.N }()
	return parseToUnicode(lim)
}

// parseToUnicode parses the text of a ToUnicode CMap; nil when it has no
// mappings.
func parseToUnicode(r io.Reader) *toUnicode {
	lx := newLexer(r)
	m := &toUnicode{single: make(map[uint32]string)}
	var stack []operand
	for {
		val, op, ok := lx.next()
		if !ok {
			break
		}
		if op == "" {
			if len(stack) < 1<<16 {
				stack = append(stack, val)
			}
			continue
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				switch len(stack[i].str) {
				case 1:
					m.has1 = true
				case 2:
					m.has2 = true
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, dst := stack[i], stack[i+1]
				if src.kind != opString || len(src.str) == 0 || len(src.str) > 4 {
					continue
				}
				var t string
				if dst.kind == opName { // a glyph name, rare
					t = dst.str
				} else {
					t = string(utf16.Decode(utf16Units(dst.str)))
				}
				m.single[uint32(len(src.str))<<24|uint32(beUint(src.str))] = fixPresentationForms(t)
				m.noteLen(len(src.str))
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != opString || len(lo.str) == 0 || len(lo.str) > 4 {
					continue
				}
				r := uniRange{n: len(lo.str), lo: beUint(lo.str), hi: beUint(hi.str)}
				if r.hi < r.lo {
					continue
				}
				if dst.kind == opArray {
					r.isArr = true
					for _, d := range dst.arr {
						r.arr = append(r.arr, utf16Units(d.str))
					}
				} else {
					r.dst = utf16Units(dst.str)
				}
				m.ranges[r.n] = append(m.ranges[r.n], r)
				m.noteLen(r.n)
			}
		}
		stack = stack[:0]
	}
	nRanges := 0
	for n, rs := range m.ranges {
		nRanges += len(rs)
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].lo < rs[j].lo })
		m.maxHi[n] = make([]int, len(rs))
		for i, r := range rs {
			m.maxHi[n][i] = r.hi
			if i > 0 {
				m.maxHi[n][i] = max(r.hi, m.maxHi[n][i-1])
			}
		}
	}
	if len(m.single) == 0 && nRanges == 0 {
		return nil
	}
	return m
}

func (m *toUnicode) noteLen(n int) {
	switch n {
	case 1:
		m.has1 = true
	case 2:
		m.has2 = true
	}
}

// fontSize returns the length of the unit vector (0,1) under the matrix:
// the rendered size of a font of size 1.
func fontSize(m matrix) float64 {
	return math.Hypot(m[2], m[3])
}
