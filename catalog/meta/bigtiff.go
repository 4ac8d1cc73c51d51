package meta

import (
	"encoding/binary"
	"fmt"
	"math"
)

// A BigTIFF (a TIFF over 4 GB, as GDAL writes large satellite scenes) has
// 64-bit directories: 8-byte counts and offsets, 20-byte entries, and the
// types LONG8, SLONG8 and IFD8. The readers of this package read classic
// TIFF directories, so a BigTIFF's directories (IFD0 and its chain, its
// SubIFDs, ExifIFD, GPS and Interop IFDs) are first rewritten, tag for tag
// with their values as the file has them, into a classic TIFF blob: its
// pixels are not copied (their offsets are listed as the file gives them).

// Limits on what a BigTIFF's directories may cost to rewrite.
const (
	maxBigIFDs       = 64       // directories rewritten
	maxBigValue      = 16 << 20 // bytes of one tag's value
	maxBigBlob       = 64 << 20 // bytes of the classic blob
	bigEntrySize     = 20
	classicEntrySize = 12
)

// bigDir is a directory of the BigTIFF to rewrite, and what points at it.
type bigDir struct {
	src   uint64 // its offset in the BigTIFF
	group string // its name in messages
	// patch is where, in the blob, the offset it is written at goes (0:
	// nowhere, it is IFD0, whose offset the header gives).
	patch int
	chain bool // in IFD0's chain: its next directory is followed
	index int  // its place in IFD0's chain
}

// bigConverter rewrites one BigTIFF.
type bigConverter struct {
	data  []byte
	order interface {
		binary.ByteOrder
		binary.AppendByteOrder
	}
	keep64   bool
	out      []byte
	written  map[uint64]int // directories rewritten: their offsets in out
	queue    []bigDir
	problems []string
}

// classicFromBig returns the directories of the BigTIFF held in data as a
// classic TIFF blob, and what could not be rewritten. A 64-bit value
// (LONG8, SLONG8, IFD8) that fits 32 bits is written as LONG or SLONG;
// one that does not (a strip offset past 4 GB) is kept as it is with
// keep64 (for listing: fieldSize knows the 64-bit types), else left out
// (the EXIF readers do not know those types, and want no offsets). It
// never panics on bad input: every offset is checked.
func classicFromBig(data []byte, keep64 bool) (blob []byte, problems []string, err error) {
	if !BigTIFF(data) || len(data) < 16 {
		return nil, nil, fmt.Errorf("BigTIFF header: too short or not a BigTIFF")
	}
	c := &bigConverter{data: data, keep64: keep64, written: map[uint64]int{}}
	if data[0] == 'I' {
		c.order = binary.LittleEndian
	} else {
		c.order = binary.BigEndian
	}
	if size, zero := c.order.Uint16(data[4:]), c.order.Uint16(data[6:]); size != 8 || zero != 0 {
		return nil, nil, fmt.Errorf("BigTIFF header: offset size %d, want 8", size)
	}
	c.out = append(c.out, data[:2]...) // the byte order mark
	c.out = c.order.AppendUint16(c.out, 42)
	c.out = c.order.AppendUint32(c.out, 8) // IFD0 follows the header
	c.queue = append(c.queue, bigDir{src: c.order.Uint64(data[8:]), group: "IFD0", chain: true})
	for len(c.queue) > 0 {
		d := c.queue[0]
		c.queue = c.queue[1:]
		c.dir(d)
	}
	return c.out, c.problems, nil
}

func (c *bigConverter) problem(group, format string, args ...any) {
	c.problems = append(c.problems, group+": "+fmt.Sprintf(format, args...))
}

// patchOffset writes the blob offset off at the blob position at (0: the
// header's, already right).
func (c *bigConverter) patchOffset(at, off int) {
	if at > 0 {
		c.order.PutUint32(c.out[at:], uint32(off))
	}
}

// dir rewrites the directory d at the end of the blob, with the values
// that do not fit its entries after it, and queues what it points to.
func (c *bigConverter) dir(d bigDir) {
	if off, ok := c.written[d.src]; ok {
		if d.chain {
			c.problem(d.group, "directory at offset %d already read (a loop): not read again", d.src)
			return // its next-IFD pointer stays 0
		}
		c.patchOffset(d.patch, off)
		return
	}
	if len(c.written) >= maxBigIFDs {
		c.problem(d.group, "more than %d directories: not read", maxBigIFDs)
		return
	}
	if d.src < 16 || d.src > uint64(len(c.data))-8 || d.src+8 > uint64(len(c.data)) {
		c.problem(d.group, "directory offset %d lies beyond the end (%d bytes)", d.src, len(c.data))
		return
	}
	n := c.order.Uint64(c.data[d.src:])
	start := d.src + 8
	if n > maxIFDEntries {
		c.problem(d.group, "directory declares %d entries, read %d", n, maxIFDEntries)
		n = maxIFDEntries
	}
	if fit := (uint64(len(c.data)) - start) / bigEntrySize; n > fit {
		c.problem(d.group, "directory declares %d entries, only %d fit in the file", n, fit)
		n = fit
	}
	type kept struct {
		id, typ uint16
		count   uint32
		value   []byte // in the blob's byte order, as written
		subs    []bigDir
	}
	var entries []kept
	for i := range n {
		p := start + i*bigEntrySize
		id, typ, count := c.order.Uint16(c.data[p:]), c.order.Uint16(c.data[p+2:]), c.order.Uint64(c.data[p+4:])
		size := uint64(fieldSize(typ))
		if size == 0 {
			c.problem(d.group, "tag 0x%04x skipped: unknown value type %d", id, typ)
			continue
		}
		if count == 0 || count > math.MaxUint32 || size*count > maxBigValue {
			c.problem(d.group, "tag 0x%04x skipped: %d values", id, count)
			continue
		}
		n := size * count
		at := p + 12
		if n > 8 {
			at = c.order.Uint64(c.data[p+12:])
			if at > uint64(len(c.data)) || n > uint64(len(c.data))-at {
				c.problem(d.group, "tag 0x%04x skipped: value of %d bytes at offset %d lies beyond the end (%d bytes)", id, n, at, len(c.data))
				continue
			}
		}
		raw := c.data[at : at+n]
		if isPointerTag(d.group, id) {
			// Rewritten as LONGs, each the offset in the blob of the
			// directory it points at (patched once that is written).
			if count > 16 {
				c.problem(d.group, "tag 0x%04x skipped: %d directories", id, count)
				continue
			}
			e := kept{id: id, typ: 4, count: uint32(count), value: make([]byte, 4*count)}
			for j := range int(count) {
				e.subs = append(e.subs, bigDir{src: c.pointer(typ, raw, j), group: subGroup(id, j)})
			}
			entries = append(entries, e)
			continue
		}
		typ, value, ok := c.narrow(typ, raw)
		if !ok {
			continue
		}
		entries = append(entries, kept{id: id, typ: typ, count: uint32(count), value: value})
	}
	if len(c.out)+2+len(entries)*classicEntrySize+4 > maxBigBlob {
		c.problem(d.group, "directories over %d MB: not read", maxBigBlob>>20)
		return
	}
	here := len(c.out)
	c.written[d.src] = here
	c.patchOffset(d.patch, here)
	c.out = c.order.AppendUint16(c.out, uint16(len(entries)))
	c.out = append(c.out, make([]byte, len(entries)*classicEntrySize+4)...)
	nextAt := len(c.out) - 4
	for i, e := range entries {
		p := here + 2 + i*classicEntrySize
		c.order.PutUint16(c.out[p:], e.id)
		c.order.PutUint16(c.out[p+2:], e.typ)
		c.order.PutUint32(c.out[p+4:], e.count)
		valueAt := p + 8
		if len(e.value) > 4 {
			if len(c.out)+len(e.value) > maxBigBlob {
				c.problem(d.group, "tag 0x%04x: directories over %d MB, value left out", e.id, maxBigBlob>>20)
				continue
			}
			valueAt = len(c.out)
			c.order.PutUint32(c.out[p+8:], uint32(valueAt))
			c.out = append(c.out, e.value...)
			if len(c.out)%2 == 1 {
				c.out = append(c.out, 0) // values start on a word boundary
			}
		} else {
			copy(c.out[p+8:p+12], e.value)
		}
		for j, s := range e.subs {
			s.patch = valueAt + 4*j
			c.queue = append(c.queue, s)
		}
	}
	if d.chain {
		if next := start + n*bigEntrySize; next+8 <= uint64(len(c.data)) {
			if off := c.order.Uint64(c.data[next:]); off != 0 {
				c.queue = append(c.queue, bigDir{src: off, group: fmt.Sprintf("IFD%d", d.index+1),
					patch: nextAt, chain: true, index: d.index + 1})
			}
		}
	}
}

// narrow returns a value as the classic blob holds it: 64-bit integers as
// 32-bit ones when they fit; ok false when it is to be left out.
func (c *bigConverter) narrow(typ uint16, raw []byte) (uint16, []byte, bool) {
	switch typ {
	case 16, 17, 18:
	default:
		return typ, raw, true
	}
	out := make([]byte, 0, len(raw)/2)
	for i := 0; i+8 <= len(raw); i += 8 {
		v := c.order.Uint64(raw[i:])
		switch {
		case typ == 17 && int64(v) >= math.MinInt32 && int64(v) <= math.MaxInt32:
			out = c.order.AppendUint32(out, uint32(int32(int64(v))))
		case typ != 17 && v <= math.MaxUint32:
			out = c.order.AppendUint32(out, uint32(v))
		default:
			if c.keep64 {
				return typ, raw, true
			}
			return 0, nil, false
		}
	}
	if typ == 17 {
		return 9, out, true // SLONG
	}
	return 4, out, true // LONG
}

// pointer returns the j-th offset a pointer tag's value gives, as the
// BigTIFF holds it.
func (c *bigConverter) pointer(typ uint16, value []byte, j int) uint64 {
	switch typ {
	case 4, 13:
		return uint64(c.order.Uint32(value[4*j:]))
	case 16, 18:
		return c.order.Uint64(value[8*j:])
	case 3:
		return uint64(c.order.Uint16(value[2*j:]))
	}
	return 0
}

// isPointerTag reports whether tag id of a directory of group points at
// directories (in a GPS IFD the same numbers are GPS tags).
func isPointerTag(group string, id uint16) bool {
	if group == "GPS" {
		return false
	}
	switch id {
	case tagExifIFD, tagGPSIFD, tagInteropIFD, tagSubIFDs:
		return true
	}
	return false
}

// subGroup names the j-th directory a pointer tag points at.
func subGroup(id uint16, j int) string {
	switch id {
	case tagExifIFD:
		return "ExifIFD"
	case tagGPSIFD:
		return "GPS"
	case tagInteropIFD:
		return "InteropIFD"
	}
	if j > 0 {
		return fmt.Sprintf("SubIFD%d", j)
	}
	return "SubIFD"
}
