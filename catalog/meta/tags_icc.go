package meta

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
)

// iccTags lists the tags of an ICC profile, group "ICC_Profile": the text of
// its description, copyright, device and viewing-condition tags (the first
// language of a multi-localized text), the numbers of XYZ tags, and the size
// of the others.
func (l *tagList) iccTags(p []byte) {
	if len(p) < 132 {
		l.problem("ICC_Profile", "profile of %d bytes is too short for its header", len(p))
		return
	}
	be := binary.BigEndian
	n := int(be.Uint32(p[128:]))
	if n > (len(p)-132)/12 {
		l.problem("ICC_Profile", "tag table declares %d tags, only %d fit", n, (len(p)-132)/12)
		n = (len(p) - 132) / 12
	}
	for i := range n {
		e := p[132+12*i:]
		sig := string(e[:4])
		off, size := uint64(be.Uint32(e[4:])), uint64(be.Uint32(e[8:]))
		name, ok := iccNames[sig]
		if !ok {
			name = "ICC_" + strings.TrimSpace(sig)
		}
		if off+size > uint64(len(p)) || size < 8 {
			l.tags = append(l.tags, Tag{Group: "ICC_Profile", Name: name, Note: fmt.Sprintf("not read: %d bytes at offset %d lie beyond the profile (%d bytes)", size, off, len(p))})
			continue
		}
		l.add("ICC_Profile", name, iccValue(p[off:off+size]))
	}
}

// iccValue shows one ICC tag: text types as text, XYZ as numbers, the rest
// by size.
func iccValue(v []byte) string {
	be := binary.BigEndian
	switch string(v[:4]) {
	case "desc": // textDescriptionType: ASCII count, ASCII
		if len(v) >= 12 {
			n := int(be.Uint32(v[8:]))
			if n <= len(v)-12 {
				return asciiValue(v[12 : 12+n])
			}
		}
	case "text":
		return asciiValue(v[8:])
	case "mluc": // first record: language, country, length, offset
		if len(v) >= 28 {
			n, off := int(be.Uint32(v[20:])), int(be.Uint32(v[24:]))
			if off >= 0 && n >= 0 && off+n <= len(v) {
				u := make([]uint16, n/2)
				for i := range u {
					u[i] = be.Uint16(v[off+2*i:])
				}
				return strings.TrimRight(string(utf16.Decode(u)), "\x00 ")
			}
		}
	case "XYZ ":
		if len(v) >= 20 {
			var text []string
			for i := 8; i+4 <= len(v) && len(text) < 96; i += 4 {
				text = append(text, formatNumber(round5(float64(int32(be.Uint32(v[i:])))/65536)))
			}
			return strings.Join(text, " ")
		}
	case "sf32":
		var text []string
		for i := 8; i+4 <= len(v) && len(text) < 96; i += 4 {
			text = append(text, formatNumber(round5(float64(int32(be.Uint32(v[i:])))/65536)))
		}
		return strings.Join(text, " ")
	case "sig ":
		if len(v) >= 12 {
			return string(v[8:12])
		}
	}
	return binaryValue(len(v))
}

// round5 rounds an s15Fixed16 number to 5 decimals, as ExifTool prints it.
func round5(v float64) float64 {
	s := fmt.Sprintf("%.5f", v)
	var r float64
	fmt.Sscanf(s, "%g", &r)
	return r
}
