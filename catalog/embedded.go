package catalog

import (
	"bytes"
	"encoding/binary"
)

// embeddedPreview returns the JPEG a camera embedded in a JPEG file for a
// quick look: the EXIF thumbnail (IFD1's JPEGInterchangeFormat and
// JPEGInterchangeFormatLength, in APP1) or, without one, the first MPF
// preview (APP2's MP Index IFD). It returns nil when there is none or its
// pointers lead outside the file. It reads only the markers before the
// image data and never panics on a malformed file.
func embeddedPreview(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	var mpf []byte
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++ // fill byte
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // SOS, EOI: no more metadata
			break
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		switch {
		case marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")):
			if th := exifThumbnail(seg[6:]); th != nil {
				return th
			}
		case marker == 0xE2 && bytes.HasPrefix(seg, []byte("MPF\x00")) && mpf == nil:
			// MPF offsets count from the TIFF header inside APP2.
			mpf = mpfPreview(data, i+4+4)
		}
		i += 2 + n
	}
	return mpf
}

// tiffOrder reads a TIFF header and returns its byte order.
func tiffOrder(t []byte) binary.ByteOrder {
	if len(t) < 8 {
		return nil
	}
	switch string(t[:4]) {
	case "II*\x00":
		return binary.LittleEndian
	case "MM\x00*":
		return binary.BigEndian
	}
	return nil
}

// ifdEntries returns the entries of the IFD at off in t and the offset of
// the next IFD, or ok false when the IFD lies outside t.
func ifdEntries(t []byte, o binary.ByteOrder, off uint32) (entries []byte, next uint32, ok bool) {
	if uint64(off)+2 > uint64(len(t)) {
		return nil, 0, false
	}
	n := int(o.Uint16(t[off:]))
	end := uint64(off) + 2 + uint64(n)*12
	if end+4 > uint64(len(t)) {
		return nil, 0, false
	}
	return t[off+2 : end], o.Uint32(t[end:]), true
}

// exifThumbnail returns the JPEG thumbnail IFD1 of the EXIF block t (from
// its TIFF header) points at.
func exifThumbnail(t []byte) []byte {
	o := tiffOrder(t)
	if o == nil {
		return nil
	}
	_, ifd1, ok := ifdEntries(t, o, o.Uint32(t[4:]))
	if !ok || ifd1 == 0 {
		return nil
	}
	entries, _, ok := ifdEntries(t, o, ifd1)
	if !ok {
		return nil
	}
	var start, length uint64
	for e := entries; len(e) >= 12; e = e[12:] {
		switch o.Uint16(e) {
		case 0x0201:
			start = uint64(o.Uint32(e[8:]))
		case 0x0202:
			length = uint64(o.Uint32(e[8:]))
		}
	}
	if length < 4 || start+length > uint64(len(t)) {
		return nil
	}
	return isJPEG(t[start : start+length])
}

// mpfPreview returns the second image of the MPF block whose TIFF header
// is at base in the file data (the first is the primary image).
func mpfPreview(data []byte, base int) []byte {
	t := data[base:]
	o := tiffOrder(t)
	if o == nil {
		return nil
	}
	entries, _, ok := ifdEntries(t, o, o.Uint32(t[4:]))
	if !ok {
		return nil
	}
	for e := entries; len(e) >= 12; e = e[12:] {
		if o.Uint16(e) != 0xB002 { // MPEntry
			continue
		}
		count, off := uint64(o.Uint32(e[4:])), uint64(o.Uint32(e[8:]))
		if count < 32 || off+count > uint64(len(t)) {
			return nil
		}
		ent := t[off+16 : off+32] // the second image's entry
		size, start := uint64(o.Uint32(ent[4:])), uint64(o.Uint32(ent[8:]))
		if start == 0 || size < 4 || start+size > uint64(len(t)) {
			return nil
		}
		return isJPEG(t[start : start+size])
	}
	return nil
}

// isJPEG returns b when it starts as a JPEG does, else nil.
func isJPEG(b []byte) []byte {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	return b
}
