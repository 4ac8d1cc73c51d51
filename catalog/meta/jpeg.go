package meta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

var (
	exifPrefix = []byte("Exif\x00")
	xmpPrefix  = []byte("http://ns.adobe.com/xap/1.0/\x00")
)

// readJPEG walks the marker segments of a JPEG up to the start of the
// entropy-coded data (SOS): the frame header (SOF) gives the pixel size, APP1
// the EXIF and XMP blocks, APP0 a CIFF block (old Canon cameras) and APP12 the
// "picture info" text of old Olympus cameras. Segments are skipped by their
// length, so a thumbnail inside APP1 or APP0 is never mistaken for the image.
func (r *reader) readJPEG() error {
	d := r.data
	pos := 2
	junk := 0
	sawSOF := false
	truncated := "" // where the data ended before the image data
	for {
		if pos >= len(d) {
			truncated = fmt.Sprintf("at offset %d", pos)
			break
		}
		if d[pos] != 0xff {
			// Garbage between segments: skip to the next marker as libjpeg does.
			junk++
			pos++
			continue
		}
		if pos+1 >= len(d) {
			truncated = fmt.Sprintf("at offset %d", pos)
			break
		}
		marker := d[pos+1]
		switch {
		case marker == 0xff: // fill byte
			pos++
			continue
		case marker == 0x00 || marker == 0x01 || marker >= 0xd0 && marker <= 0xd8:
			// stuffed zero, TEM, RSTn, SOI: no length
			pos += 2
			continue
		case marker == 0xd9: // EOI
			r.note("JPEG: end of image before any image data")
		}
		if marker == 0xd9 || marker == 0xda { // EOI, SOS: the header is over
			break
		}
		if pos+4 > len(d) {
			truncated = fmt.Sprintf("in segment 0x%02x at offset %d", marker, pos)
			break
		}
		n := int(binary.BigEndian.Uint16(d[pos+2:]))
		if n < 2 {
			// A marker with no room for its length: skipped, as junk, to
			// the next marker (libjpeg gets the pixels of such files).
			r.note("JPEG: segment 0x%02x at offset %d has an invalid length %d, skipped", marker, pos, n)
			junk += 2
			pos += 2
			continue
		}
		end := pos + 2 + n
		if end > len(d) {
			truncated = fmt.Sprintf("in segment 0x%02x at offset %d", marker, pos)
			end = len(d)
		}
		seg := d[pos+4 : end]
		switch {
		case marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc:
			if !sawSOF {
				if err := r.jpegFrame(seg); err != nil {
					return err
				}
				sawSOF = true
			}
		case marker == 0xe1:
			r.jpegAPP1(seg)
		case marker == 0xed && bytes.HasPrefix(seg, photoshopPrefix):
			if r.iptc == nil {
				r.iptc = photoshopIPTC(seg[len(photoshopPrefix):])
			}
		case marker == 0xe0 && len(seg) >= 14 && string(seg[6:14]) == "HEAPJPGM":
			r.legacy.fill(readCIFF(seg, r))
		case marker == 0xec && bytes.Contains(seg[:min(len(seg), 64)], []byte("[picture info]")):
			r.legacy.fill(readPictureInfo(seg))
		}
		pos = end
		if truncated != "" {
			break
		}
	}
	if junk > 0 {
		r.note("JPEG: %d stray bytes between segments skipped", junk)
	}
	if truncated != "" {
		r.note("JPEG: data ends %s, before the image data (file truncated?)", truncated)
	}
	if !sawSOF {
		if r.exif == nil && len(r.xmp) == 0 && r.legacy.original == nil {
			return fmt.Errorf("no frame header (SOF) found (data ends %s): not a readable JPEG", truncated)
		}
		r.note("JPEG: no frame header (SOF): pixel size unknown")
	}
	return nil
}

// jpegFrame reads the pixel size from a SOFn segment.
func (r *reader) jpegFrame(seg []byte) error {
	if len(seg) < 6 {
		return errors.New("frame header (SOF) too short")
	}
	h := int(binary.BigEndian.Uint16(seg[1:]))
	w := int(binary.BigEndian.Uint16(seg[3:]))
	if w == 0 {
		return errors.New("frame header (SOF) declares a width of 0")
	}
	if h == 0 {
		// The height is given later by a DNL marker, after the image data.
		r.note("JPEG: height defined by a DNL marker, not read")
	}
	r.m.Width, r.m.Height = w, h
	return nil
}

// jpegAPP1 keeps the first EXIF block and every XMP packet.
func (r *reader) jpegAPP1(seg []byte) {
	switch {
	case bytes.HasPrefix(seg, exifPrefix) && len(seg) >= 6:
		if r.exif == nil {
			r.exif = seg[6:]
		}
	case bytes.HasPrefix(seg, xmpPrefix):
		r.xmp = append(r.xmp, seg[len(xmpPrefix):])
	}
}
