package meta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/rwcarlsen/goexif/tiff"
)

// Tag numbers this package reads.
const (
	tagImageWidth      = 0x0100
	tagImageLength     = 0x0101
	tagMake            = 0x010f
	tagModel           = 0x0110
	tagOrientation     = 0x0112
	tagDateTime        = 0x0132
	tagSubIFDs         = 0x014a
	tagIPTC            = 0x83bb
	tagExifIFD         = 0x8769
	tagGPSIFD          = 0x8825
	tagInteropIFD      = 0xa005
	tagDateTimeOrig    = 0x9003
	tagCreateDate      = 0x9004
	tagOffsetTime      = 0x9010
	tagOffsetTimeOrig  = 0x9011
	tagOffsetTimeDigit = 0x9012
	tagMakerNote       = 0x927c
	tagSubSecTime      = 0x9290
	tagSubSecTimeOrig  = 0x9291
	tagSubSecTimeDigit = 0x9292
	tagLensModel       = 0xa434

	gpsLatitudeRef     = 0x0001
	gpsLatitude        = 0x0002
	gpsLongitudeRef    = 0x0003
	gpsLongitude       = 0x0004
	gpsAltitudeRef     = 0x0005
	gpsAltitude        = 0x0006
	gpsTimeStamp       = 0x0007
	gpsImgDirectionRef = 0x0010
	gpsImgDirection    = 0x0011
	gpsDateStamp       = 0x001d
)

// Limits that keep a crafted file from costing much time or memory.
const (
	maxIFDEntries = 4096 // entries read from one IFD
	maxIFDChain   = 512  // IFDs followed along a next-IFD chain
	// maxGoexifEntries bounds the IFD entries of a blob handed to goexif,
	// which decodes every one (a camera's EXIF has a few hundred).
	maxGoexifEntries = 16384
	// maxDecodeBudget bounds what goexif may allocate for one blob: it turns
	// every BYTE, SHORT or LONG value into an int64 and every RATIONAL into a
	// slice, so a small file whose tags all point at the same large value can
	// make it allocate gigabytes (an allocation failure is fatal, not a
	// recoverable panic).
	maxDecodeBudget = 32 << 20
)

// typeSizes is the byte size of each TIFF field type (0 for unknown types).
var typeSizes = [13]uint64{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8}

func typeSize(t uint16) uint64 {
	if int(t) < len(typeSizes) {
		return typeSizes[t]
	}
	return 0
}

// ifdName names the IFDs in messages.
type ifdName string

const (
	ifd0Name    ifdName = "IFD0"
	exifName    ifdName = "ExifIFD"
	gpsName     ifdName = "GPS IFD"
	makerName   ifdName = "maker note"
	interopName ifdName = "Interop IFD"
)

// tagMap holds the decoded tags of one IFD by tag number.
type tagMap map[uint16]*tiff.Tag

// tagSet is what the EXIF readers produce: the tags of IFD0, the Exif IFD and
// the GPS IFD, plus the TIFF blob they came from (for maker notes).
type tagSet struct {
	ifd0, exif, gps tagMap
	order           binary.ByteOrder
	blob            []byte
}

// tiffHeader parses a TIFF header: byte order and offset of IFD0.
func tiffHeader(b []byte) (binary.ByteOrder, uint32, error) {
	if len(b) < 8 {
		return nil, 0, errors.New("TIFF header: too short")
	}
	var order binary.ByteOrder
	switch string(b[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return nil, 0, fmt.Errorf("TIFF header: byte order mark %q is neither II nor MM", b[:2])
	}
	if order.Uint16(b[2:]) != 42 {
		return nil, 0, fmt.Errorf("TIFF header: magic number %d, want 42", order.Uint16(b[2:]))
	}
	return order, order.Uint32(b[4:]), nil
}

// entry is one raw 12-byte IFD entry.
type entry struct {
	id, typ     uint16
	count       uint32
	at          int    // offset of the entry in the buffer
	valueOffset uint32 // offset of the value when it does not fit in the entry
}

// size is the byte size of the entry's value.
func (e entry) size() uint64 { return typeSize(e.typ) * uint64(e.count) }

// check reports why the entry's value cannot be read from a buffer of n
// bytes, or nil.
func (e entry) check(n int) error {
	ts := typeSize(e.typ)
	switch {
	case ts == 0:
		return fmt.Errorf("unknown value type %d", e.typ)
	case e.count == 0:
		return errors.New("zero length tag value")
	case e.size() > 0xffffffff:
		return fmt.Errorf("value count %d overflows", e.count)
	case e.size() > 4 && uint64(e.valueOffset)+e.size() > uint64(n):
		return fmt.Errorf("value of %d bytes at offset %d lies beyond the end (%d bytes)", e.size(), e.valueOffset, n)
	}
	return nil
}

// rawIFD reads the entries of the IFD at off in b and the offset of the next
// IFD. The entry count is clipped to what fits in b (reported in err).
func rawIFD(b []byte, off uint32, order binary.ByteOrder) (entries []entry, next uint32, err error) {
	if uint64(off)+2 > uint64(len(b)) {
		return nil, 0, fmt.Errorf("IFD offset %d lies beyond the end (%d bytes)", off, len(b))
	}
	n := int(order.Uint16(b[off:]))
	start := int(off) + 2
	if n > maxIFDEntries {
		err = fmt.Errorf("IFD declares %d entries, read %d", n, maxIFDEntries)
		n = maxIFDEntries
	}
	if fit := (len(b) - start) / 12; n > fit {
		err = fmt.Errorf("IFD declares %d entries, only %d fit in the data", n, fit)
		n = fit
	}
	entries = make([]entry, n)
	for i := range entries {
		p := start + 12*i
		entries[i] = entry{
			id:          order.Uint16(b[p:]),
			typ:         order.Uint16(b[p+2:]),
			count:       order.Uint32(b[p+4:]),
			at:          p,
			valueOffset: order.Uint32(b[p+8:]),
		}
	}
	if end := start + 12*n; err == nil && end+4 <= len(b) {
		next = order.Uint32(b[end:])
	}
	return entries, next, err
}

// pointerValue returns the first value of a LONG (or IFD-typed) pointer tag.
func pointerValue(e entry, order binary.ByteOrder, b []byte) (uint32, bool) {
	switch e.typ {
	case 4, 13: // LONG, IFD
		return order.Uint32(b[e.at+8:]), true
	case 3: // SHORT
		return uint32(order.Uint16(b[e.at+8:])), true
	}
	return 0, false
}

// preflight walks the structure of a TIFF blob the way goexif will and
// reports whether handing it to goexif is safe: goexif follows next-IFD chains
// without detecting cycles longer than one and allocates per value without
// bounds, and neither an endless loop nor a failed huge allocation can be
// recovered from.
func preflight(b []byte) error {
	order, first, err := tiffHeader(b)
	if err != nil {
		return err
	}
	var budget uint64
	entriesSeen := 0
	var pointers []uint32
	// visit checks one IFD and returns the offset of the next.
	visit := func(off uint32) (uint32, error) {
		entries, next, _ := rawIFD(b, off, order)
		entriesSeen += len(entries)
		if entriesSeen > maxGoexifEntries {
			return 0, fmt.Errorf("more than %d IFD entries", maxGoexifEntries)
		}
		for _, e := range entries {
			if ts := typeSize(e.typ); ts > 0 && e.size() > 0xffffffff {
				return 0, fmt.Errorf("tag 0x%04x: value count %d overflows", e.id, e.count)
			}
			// goexif keeps a BYTE..DOUBLE value as int64s, float64s or
			// two-element slices (up to 40 bytes an element), ASCII and
			// UNDEFINED as copies, plus a few hundred bytes per tag.
			per := uint64(40)
			if e.typ == 2 || e.typ == 7 {
				per = 2
			}
			budget += 256 + uint64(e.count)*per
			if budget > maxDecodeBudget {
				return 0, fmt.Errorf("tag values would take over %d MB to decode", maxDecodeBudget>>20)
			}
			switch e.id {
			case tagExifIFD, tagGPSIFD, tagInteropIFD:
				if p, ok := pointerValue(e, order, b); ok {
					pointers = append(pointers, p)
				}
			}
		}
		return next, nil
	}
	seen := map[uint32]bool{}
	for off, i := first, 0; off != 0 && uint64(off) < uint64(len(b)); i++ {
		if seen[off] {
			return fmt.Errorf("IFD chain loops back to offset %d", off)
		}
		if i >= maxIFDChain {
			return fmt.Errorf("IFD chain longer than %d", maxIFDChain)
		}
		seen[off] = true
		if off, err = visit(off); err != nil {
			return err
		}
	}
	for i := 0; i < len(pointers); i++ {
		if i >= 16 {
			return errors.New("too many sub-IFD pointers")
		}
		if _, err := visit(pointers[i]); err != nil {
			return err
		}
	}
	return nil
}

// lenientIFD decodes the wanted tags of the IFD at off in b, skipping entries
// that cannot be read instead of giving up on the whole IFD as goexif does.
// Values are decoded by goexif's tiff.DecodeTag; offsets are relative to b.
func lenientIFD(b []byte, off uint32, order binary.ByteOrder, name ifdName, wanted func(uint16) bool) (tagMap, uint32, []string) {
	entries, next, err := rawIFD(b, off, order)
	var problems []string
	if err != nil {
		problems = append(problems, fmt.Sprintf("%s: %v", name, err))
	}
	tags := make(tagMap, 16)
	r := bytes.NewReader(b)
	for _, e := range entries {
		if err := e.check(len(b)); err != nil {
			if e.typ != 13 { // IFD-typed pointers are fine, goexif just does not know the type
				problems = append(problems, fmt.Sprintf("%s tag 0x%04x skipped: %v", name, e.id, err))
			}
			continue
		}
		if _, dup := tags[e.id]; dup || !wanted(e.id) {
			continue // the first of duplicate tags counts, as in ExifTool
		}
		if _, err := r.Seek(int64(e.at), 0); err != nil {
			continue
		}
		t, err := decodeTag(r, order)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s tag 0x%04x skipped: %v", name, e.id, err))
			continue
		}
		tags[e.id] = t
	}
	return tags, next, problems
}

// decodeTag runs goexif's tag decoder behind recover.
func decodeTag(r *bytes.Reader, order binary.ByteOrder) (t *tiff.Tag, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("goexif panicked: %v", p)
		}
	}()
	return tiff.DecodeTag(r, order)
}

// wanted tag numbers per IFD for the lenient reader.
func wantIFD0(id uint16) bool {
	switch id {
	case tagImageWidth, tagImageLength, tagMake, tagModel, tagOrientation, tagDateTime, tagExifIFD, tagGPSIFD, tagIPTC:
		return true
	}
	return false
}

func wantExif(id uint16) bool {
	switch id {
	case tagMake, tagModel, tagDateTimeOrig, tagCreateDate, tagOffsetTime, tagOffsetTimeOrig, tagOffsetTimeDigit,
		tagSubSecTime, tagSubSecTimeOrig, tagSubSecTimeDigit, tagLensModel, tagMakerNote:
		return true
	}
	return false
}

func wantGPS(id uint16) bool {
	switch id {
	case gpsLatitudeRef, gpsLatitude, gpsLongitudeRef, gpsLongitude, gpsAltitudeRef, gpsAltitude,
		gpsTimeStamp, gpsImgDirectionRef, gpsImgDirection, gpsDateStamp:
		return true
	}
	return false
}

// lenientTags is the second EXIF reader: it reads IFD0, the Exif IFD and the
// GPS IFD entry by entry.
func lenientTags(b []byte) (tagSet, []string, error) {
	order, first, err := tiffHeader(b)
	if err != nil {
		return tagSet{}, nil, err
	}
	set := tagSet{order: order, blob: b}
	var problems []string
	set.ifd0, _, problems = lenientIFD(b, first, order, ifd0Name, wantIFD0)
	sub := func(ptr uint16, name ifdName, want func(uint16) bool) tagMap {
		t, ok := set.ifd0[ptr]
		if !ok {
			return nil
		}
		off, ok := intVal(t, 0)
		if !ok || off <= 0 || off >= int64(len(b)) {
			problems = append(problems, fmt.Sprintf("%s pointer %d is invalid", name, off))
			return nil
		}
		m, _, p := lenientIFD(b, uint32(off), order, name, want)
		problems = append(problems, p...)
		return m
	}
	set.exif = sub(tagExifIFD, exifName, wantExif)
	set.gps = sub(tagGPSIFD, gpsName, wantGPS)
	return set, problems, nil
}
