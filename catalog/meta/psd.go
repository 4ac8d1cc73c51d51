package meta

import (
	"encoding/binary"
	"fmt"
)

// readPSD reads a Photoshop file's size from its header and its EXIF, XMP
// and IPTC from its image resources (ids 0x0422, 0x0424 and 0x0404), the
// section after the colour mode data. Its pixels come from libvips.
func (r *reader) readPSD() error {
	d := r.data
	if len(d) < 30 {
		return fmt.Errorf("header: too short for a Photoshop file (%d bytes)", len(d))
	}
	h, w := binary.BigEndian.Uint32(d[14:]), binary.BigEndian.Uint32(d[18:])
	if w > 0 && h > 0 && w <= 1<<30 && h <= 1<<30 {
		r.m.Width, r.m.Height = int(w), int(h)
	}
	pos := 26 + 4 + uint64(binary.BigEndian.Uint32(d[26:])) // past the colour mode data
	if pos+4 > uint64(len(d)) {
		r.note("Photoshop: the image resources lie beyond the end (file truncated?)")
		return nil
	}
	n := uint64(binary.BigEndian.Uint32(d[pos:]))
	res := d[pos+4:]
	if n > uint64(len(res)) {
		r.note("Photoshop: the image resources run past the end (file truncated?)")
	} else {
		res = res[:n]
	}
	if exif := findPhotoshopResource(res, 0x0422); exif != nil {
		r.exif = trimExifPrefix(exif)
	}
	if xmp := findPhotoshopResource(res, 0x0424); xmp != nil {
		r.xmp = append(r.xmp, xmp)
	}
	r.iptc = findPhotoshopResource(res, 0x0404)
	return nil
}
