package reportparse

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// This file checks the cross-reference structure of a PDF before
// github.com/ledongthuc/pdf reads it. The library trusts the numbers it
// finds there: in a crafted or badly damaged file it allocates what a
// count says (gigabytes: a crash no recover catches), follows a /Prev or
// an /Extends chain that loops forever, scans an object stream for as
// many entries as its /N says, and recurses without end when an object
// stream is said to lie in an object stream, or its dictionary refers to
// an object that does (a stack overflow, which also ends the process).
// checkXref refuses such files. Anything else, however damaged, is left
// for the library to read or to reject.

// xrefLimit is the most objects a file of this size may declare: one per
// byte, at least 1 Mi and at most 8 Mi (the library keeps 32 bytes each).
func xrefLimit(size int64) int64 { return min(max(size, 1<<20), 1<<23) }

const (
	maxXrefSections = 1024    // cross-reference sections in a /Prev chain
	maxObjStmN      = 1 << 20 // objects in one object stream
	maxColumns      = 1 << 20 // /Columns of a PNG predictor
	maxFieldWidth   = 8       // bytes of one field of an xref stream entry
	maxFilters      = 8       // filters applied to one stream
)

// errXref is a cross-reference structure checkXref refuses; its text
// completes "<file> is a damaged or malformed PDF: ".
type errXref string

func (e errXref) Error() string { return string(e) }

// xrefSlot is what the library will know of one object number.
type xrefSlot struct {
	kind   uint8 // 0 none, 1 at an offset, 2 in an object stream, 3 free
	locked bool  // set by a newer section: older ones do not change it
	field  int64 // the offset, or the number of the object stream
}

type xrefCheck struct {
	ra      io.ReaderAt
	size    int64
	limit   int64 // object numbers, and entries read over all sections
	entries int64 // entries of xref streams read so far
	budget  int64 // bytes the check may still read
	slots   []xrefSlot
	objects map[int64]operand // objects read, by number
}

// checkXref returns an errXref when the file's cross-reference structure
// would make the pdf library crash or hang, else nil.
func checkXref(ra io.ReaderAt, size int64) error {
	off, ok := findStartxref(ra, size)
	if !ok {
		return nil
	}
	c := &xrefCheck{ra: ra, size: size, limit: xrefLimit(size), budget: 2*size + 16<<20}
	seen := make(map[int64]bool)
	for off >= 0 {
		if seen[off] {
			return errXref("its cross-reference sections refer to each other in a loop")
		}
		if len(seen) >= maxXrefSections {
			return errXref(fmt.Sprintf("it has more than %d cross-reference sections", maxXrefSections))
		}
		seen[off] = true
		prev, ok, err := c.section(off)
		if err != nil || !ok {
			return err
		}
		off = prev
	}
	return c.objectStreams()
}

// findStartxref finds the offset of the last cross-reference section as
// the library does: "startxref" on a line of its own in the last 100
// bytes, which end with %%EOF.
func findStartxref(ra io.ReaderAt, size int64) (int64, bool) {
	if size < 100 {
		return 0, false
	}
	buf := make([]byte, 100)
	if _, err := ra.ReadAt(buf, size-100); err != nil {
		return 0, false
	}
	buf = bytes.TrimRight(buf, "\r\n\t ")
	if !bytes.HasSuffix(buf, []byte("%%EOF")) {
		return 0, false
	}
	for end := len(buf); ; {
		i := bytes.LastIndex(buf[:end], []byte("startxref"))
		if i <= 0 || i+9 >= len(buf) {
			return 0, false
		}
		if isEOL(buf[i-1]) && isEOL(buf[i+9]) {
			lx := newLexer(bytes.NewReader(buf[i+9:]))
			v, _, _ := lx.next()
			n, ok := intOperand(v)
			return n, ok
		}
		end = i
	}
}

func isEOL(c byte) bool { return c == '\n' || c == '\r' }

// intOperand returns v as an integer when it is one.
func intOperand(v operand) (int64, bool) {
	if v.kind != opNumber || v.num != math.Trunc(v.num) || math.Abs(v.num) > 1<<53 {
		return 0, false
	}
	return int64(v.num), true
}

// dictGet returns the value of key in a dictionary operand.
func dictGet(d operand, key string) (operand, bool) {
	if d.kind != opDict {
		return operand{}, false
	}
	for i := 0; i+1 < len(d.arr); i += 2 {
		if d.arr[i].kind == opName && d.arr[i].str == key {
			return d.arr[i+1], true
		}
	}
	return operand{}, false
}

// dictInt returns an integer entry of a dictionary: ok is false when it is
// absent or not a direct integer.
func dictInt(d operand, key string) (int64, bool) {
	v, _ := dictGet(d, key)
	return intOperand(v)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// section checks the cross-reference section at off and returns the
// offset of the one before it (-1 when there is none). ok is false when
// the section cannot be read: the library reports that.
func (c *xrefCheck) section(off int64) (prev int64, ok bool, err error) {
	if off < 0 || off >= c.size {
		return -1, false, nil
	}
	cr := &countingReader{r: io.NewSectionReader(c.ra, off, c.size-off)}
	lx := newLexer(cr)
	v, op, _ := lx.next()
	if op == "xref" {
		prev, ok, err := c.table(lx)
		if err == nil {
			err = c.spend(cr.n)
		}
		return prev, ok, err
	}
	// An xref stream: "n g obj << … >> stream".
	_, _, _ = lx.next()
	if _, op, _ = lx.next(); v.kind != opNumber || op != "obj" {
		return -1, false, nil
	}
	d, _, _ := lx.next()
	if _, op, _ = lx.next(); d.kind != opDict || op != "stream" {
		return -1, false, nil
	}
	data := off + cr.n - int64(lx.r.Buffered())
	if err := c.spend(cr.n); err != nil {
		return -1, false, err
	}
	eol := make([]byte, 2)
	if n, _ := c.ra.ReadAt(eol, data); n > 0 && eol[0] == '\n' {
		data++
	} else if n > 0 && eol[0] == '\r' {
		data++
		if n > 1 && eol[1] == '\n' {
			data++
		}
	} else {
		return -1, false, nil
	}
	return c.stream(d, data)
}

// table checks a classic cross-reference table, after its "xref".
func (c *xrefCheck) table(lx *lexer) (int64, bool, error) {
	for {
		v, op, ok := lx.next()
		if !ok {
			return -1, false, nil
		}
		if op == "trailer" {
			break
		}
		w, _, _ := lx.next()
		start, ok1 := intOperand(v)
		n, ok2 := intOperand(w)
		if !ok1 || !ok2 || start < 0 || n < 0 {
			return -1, false, nil
		}
		if start+n > c.limit {
			return -1, false, errXref(fmt.Sprintf("its cross-reference table declares objects up to number %d, more than a file of this size can hold", start+n))
		}
		for i := int64(0); i < 3*n; i++ {
			if _, _, ok := lx.next(); !ok {
				return -1, false, nil
			}
		}
	}
	trailer, _, _ := lx.next()
	return prevOf(trailer)
}

// prevOf returns a trailer's /Prev offset, -1 when it has none.
func prevOf(d operand) (int64, bool, error) {
	if d.kind != opDict {
		return -1, false, nil
	}
	v, ok := dictGet(d, "Prev")
	if !ok {
		return -1, true, nil
	}
	prev, ok := intOperand(v)
	return prev, ok, nil
}

// stream checks a cross-reference stream whose dictionary is d and whose
// data starts at offset data, and records its entries.
func (c *xrefCheck) stream(d operand, data int64) (int64, bool, error) {
	if t, _ := dictGet(d, "Type"); t.kind != opName || t.str != "XRef" {
		return -1, false, nil
	}
	size, ok := dictInt(d, "Size")
	if !ok || size < 0 {
		return -1, false, nil
	}
	if size > c.limit {
		return -1, false, errXref(fmt.Sprintf("its cross-reference stream declares %d objects, more than a file of this size can hold", size))
	}
	wv, _ := dictGet(d, "W")
	if wv.kind != opArray || len(wv.arr) < 3 {
		return -1, false, nil
	}
	var w []int
	total := 0
	for _, x := range wv.arr {
		n, ok := intOperand(x)
		if !ok {
			return -1, false, nil
		}
		if n < 0 || n > maxFieldWidth {
			return -1, false, errXref(fmt.Sprintf("its cross-reference stream has entries of an impossible width (%d bytes)", n))
		}
		w = append(w, int(n))
		total += int(n)
	}
	index := []int64{0, size}
	if iv, ok := dictGet(d, "Index"); ok {
		if iv.kind != opArray || len(iv.arr)%2 != 0 {
			return -1, false, nil
		}
		index = index[:0]
		for _, x := range iv.arr {
			n, ok := intOperand(x)
			if !ok || n < 0 {
				return -1, false, nil
			}
			index = append(index, n)
		}
	}
	for i := 0; i < len(index); i += 2 {
		c.entries += index[i+1]
		if index[i]+index[i+1] > c.limit || c.entries > 2*c.limit {
			return -1, false, errXref("its cross-reference streams declare more objects than a file of this size can hold")
		}
	}
	if err := checkColumns(d); err != nil {
		return -1, false, err
	}
	if f, _ := dictGet(d, "Filter"); len(f.arr) > maxFilters {
		return -1, false, errXref(fmt.Sprintf("its cross-reference stream has %d filters", len(f.arr)))
	}
	length, ok := dictInt(d, "Length")
	if !ok || length < 0 {
		return -1, false, nil
	}
	rd, ok := decodeXrefData(io.NewSectionReader(c.ra, data, length), d)
	if !ok {
		return -1, false, nil
	}
	buf := make([]byte, total)
	for i := 0; i < len(index); i += 2 {
		for x := index[i]; x < index[i]+index[i+1]; x++ {
			if _, err := io.ReadFull(rd, buf); err != nil {
				return -1, false, nil // the library fails on it too
			}
			c.record(x, buf, w)
		}
	}
	return prevOf(d)
}

// record notes one entry of an xref stream as the library does: an
// entry set by a newer section is kept.
func (c *xrefCheck) record(x int64, buf []byte, w []int) {
	for int64(len(c.slots)) <= x {
		c.slots = append(c.slots, make([]xrefSlot, min(x+1, 2*int64(len(c.slots))+1024)-int64(len(c.slots)))...)
	}
	if c.slots[x].locked {
		return
	}
	field := func(i, from int) int64 {
		var n int64
		for _, b := range buf[from : from+w[i]] {
			n = n<<8 | int64(b)
		}
		return n
	}
	typ, f2, f3 := field(0, 0), field(1, w[0]), field(2, w[0]+w[1])
	if w[0] == 0 {
		typ = 1
	}
	switch typ {
	case 0:
		c.slots[x] = xrefSlot{kind: 3, locked: true}
	case 1:
		c.slots[x] = xrefSlot{kind: 1, locked: x != 0 || f3 != 0, field: f2}
	case 2:
		c.slots[x] = xrefSlot{kind: 2, locked: x != 0, field: f2}
	}
}

// decodeXrefData applies the filters of an xref stream (the ones the
// library knows: FlateDecode, with or without the PNG Up predictor, and
// ASCII85Decode). ok is false for other filters, which the library
// rejects.
func decodeXrefData(rd io.Reader, d operand) (io.Reader, bool) {
	f, _ := dictGet(d, "Filter")
	p, _ := dictGet(d, "DecodeParms")
	filters, parms := []operand{f}, []operand{p}
	switch f.kind {
	case 0, opNull:
		return rd, true
	case opArray:
		filters, parms = f.arr, p.arr
	}
	for i, f := range filters {
		var p operand
		if i < len(parms) {
			p = parms[i]
		}
		switch f.str {
		case "FlateDecode":
			zr, err := zlib.NewReader(rd)
			if err != nil {
				return nil, false
			}
			rd = zr
			pred, ok := dictGet(p, "Predictor")
			if !ok {
				continue
			}
			if n, _ := intOperand(pred); n != 12 {
				return nil, false
			}
			cols, _ := dictInt(p, "Columns")
			rd = &pngUpReader{r: rd, row: make([]byte, 1+cols), prior: make([]byte, 1+cols)}
		case "ASCII85Decode":
			rd = ascii85.NewDecoder(&ascii85Filter{r: rd})
		default:
			return nil, false
		}
	}
	return rd, true
}

// pngUpReader undoes the PNG Up predictor (every row starts with filter
// type 2), as the library does.
type pngUpReader struct {
	r          io.Reader
	row, prior []byte
	pending    []byte
}

func (p *pngUpReader) Read(b []byte) (int, error) {
	if len(p.pending) == 0 {
		if _, err := io.ReadFull(p.r, p.row); err != nil {
			return 0, err
		}
		if p.row[0] != 2 {
			return 0, errors.New("malformed PNG-Up encoding")
		}
		for i, c := range p.row {
			p.prior[i] += c
		}
		p.pending = p.prior[1:]
	}
	n := copy(b, p.pending)
	p.pending = p.pending[n:]
	return n, nil
}

// ascii85Filter keeps the ASCII85 characters of a stream, up to "~".
type ascii85Filter struct {
	r   io.Reader
	eod bool
}

func (a *ascii85Filter) Read(p []byte) (int, error) {
	if a.eod {
		return 0, io.EOF
	}
	n, err := a.r.Read(p)
	out := 0
	for _, c := range p[:n] {
		if c == '~' {
			a.eod = true
			return out, io.EOF
		}
		if c >= '!' && c <= 'u' || c == 'z' {
			p[out] = c
			out++
		}
	}
	return out, err
}

// checkColumns refuses a stream whose PNG predictor's /Columns (directly
// in its /DecodeParms) would make the library allocate without bound.
func checkColumns(d operand) error {
	p, _ := dictGet(d, "DecodeParms")
	parms := []operand{p}
	if p.kind == opArray {
		parms = p.arr
	}
	for _, p := range parms {
		if n, ok := dictInt(p, "Columns"); ok && (n < 0 || n > maxColumns) {
			return errXref(fmt.Sprintf("a stream has %d columns", n))
		}
	}
	return nil
}

// slot returns what the library knows of object n.
func (c *xrefCheck) slot(n int64) xrefSlot {
	if n < 0 || n >= int64(len(c.slots)) {
		return xrefSlot{}
	}
	return c.slots[n]
}

// objectStreams checks the object streams the xref streams put objects
// in, and those they extend.
func (c *xrefCheck) objectStreams() error {
	var queue []int64
	queued := make(map[int64]bool)
	for _, s := range c.slots {
		if s.kind != 2 {
			continue
		}
		switch c.slot(s.field).kind {
		case 2:
			return errXref("it puts an object stream inside an object stream")
		case 1:
			if !queued[s.field] {
				queued[s.field] = true
				queue = append(queue, s.field)
			}
		}
	}
	slices.Sort(queue)
	extends := make(map[int64]int64)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		d, err := c.object(n)
		if err != nil {
			return err
		}
		if err := c.checkObjStm(d); err != nil {
			return err
		}
		if e, _ := dictGet(d, "Extends"); e.kind == opRef {
			m := int64(e.num)
			extends[n] = m
			if !queued[m] {
				queued[m] = true
				queue = append(queue, m)
			}
		}
	}
	for n := range extends {
		for m, steps := n, 0; ; steps++ {
			next, ok := extends[m]
			if !ok {
				break
			}
			if steps > len(extends) {
				return errXref("its object streams extend each other in a loop")
			}
			m = next
		}
	}
	return nil
}

// checkObjStm checks the entries of an object stream's dictionary that
// the library reads to open the stream: none may refer to an object in
// an object stream, /N must be sane, and so must a predictor's /Columns.
func (c *xrefCheck) checkObjStm(d operand) error {
	if d.kind != opDict {
		return nil // the library rejects it
	}
	vals := make(map[string]operand)
	for _, key := range []string{"Type", "N", "First", "Length", "Extends", "Filter", "DecodeParms"} {
		v, _ := dictGet(d, key)
		v, err := c.resolve(v)
		if err != nil {
			return err
		}
		vals[key] = v
	}
	count, _ := intOperand(vals["N"])
	first, _ := intOperand(vals["First"])
	if count > maxObjStmN || count > max(first, 0) {
		return errXref(fmt.Sprintf("an object stream claims %d objects", count))
	}
	if f := vals["Filter"]; f.kind == opArray {
		if len(f.arr) > maxFilters {
			return errXref(fmt.Sprintf("an object stream has %d filters", len(f.arr)))
		}
		if _, err := c.resolveAll(f.arr); err != nil {
			return err
		}
	}
	parms := []operand{vals["DecodeParms"]}
	if p := vals["DecodeParms"]; p.kind == opArray {
		var err error
		if parms, err = c.resolveAll(p.arr); err != nil {
			return err
		}
	}
	for _, p := range parms {
		for _, key := range []string{"Predictor", "Columns"} {
			v, _ := dictGet(p, key)
			v, err := c.resolve(v)
			if err != nil {
				return err
			}
			if n, ok := intOperand(v); ok && key == "Columns" && (n < 0 || n > maxColumns) {
				return errXref(fmt.Sprintf("a stream has %d columns", n))
			}
		}
	}
	return nil
}

// resolveAll resolves the elements of an array.
func (c *xrefCheck) resolveAll(arr []operand) ([]operand, error) {
	if len(arr) >= maxElements {
		return nil, errXref("an object stream's dictionary has an array too long to check")
	}
	out := make([]operand, len(arr))
	for i, v := range arr {
		var err error
		if out[i], err = c.resolve(v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolve returns v, or the value of the object it refers to. Reading
// an object stream must not need an object inside an object stream: the
// library would recurse.
func (c *xrefCheck) resolve(v operand) (operand, error) {
	if v.kind != opRef {
		return v, nil
	}
	n := int64(v.num)
	switch c.slot(n).kind {
	case 2:
		return operand{}, errXref("an object stream's dictionary refers to an object inside an object stream")
	case 1:
		return c.object(n)
	}
	return operand{}, nil
}

// object reads the value of object n (a stream's dictionary for a
// stream), which the xref puts at an offset.
func (c *xrefCheck) object(n int64) (operand, error) {
	if v, ok := c.objects[n]; ok {
		return v, nil
	}
	off := c.slot(n).field
	if off < 0 || off >= c.size {
		return operand{}, nil
	}
	cr := &countingReader{r: io.NewSectionReader(c.ra, off, c.size-off)}
	lx := newLexerSize(cr, 4096)
	_, _, _ = lx.next()
	_, _, _ = lx.next()
	_, op, _ := lx.next()
	var v operand
	if op == "obj" {
		v, _, _ = lx.next()
	}
	if err := c.spend(cr.n); err != nil {
		return operand{}, err
	}
	if c.objects == nil {
		c.objects = make(map[int64]operand)
	}
	c.objects[n] = v
	return v, nil
}

// spend counts n bytes read against the check's budget.
func (c *xrefCheck) spend(n int64) error {
	if c.budget -= n; c.budget < 0 {
		return errXref("its cross-reference structure is too large to check")
	}
	return nil
}
