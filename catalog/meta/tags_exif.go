package meta

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// Limits of the tag walk over one TIFF structure.
const (
	maxWalkEntries = 65536 // entries listed in all
	maxWalkIFDs    = 64    // IFDs visited
)

// ifdWalker lists the tags of the IFDs of one TIFF structure.
type ifdWalker struct {
	l       *tagList
	b       []byte
	order   binary.ByteOrder
	seen    map[uint32]bool
	entries int
	make    string
	// GeoTIFF tags of IFD0, decoded when IFD0 is done
	geoKeys, geoAscii []byte
	geoDoubles        []byte
}

// exifTags lists the tags of a TIFF-structured blob: the IFD0 chain (IFD0,
// IFD1, ...) and the sub-IFDs they point to.
func (l *tagList) exifTags(b []byte) {
	order, first, err := tiffHeader(b)
	if err != nil {
		l.problem("IFD0", "EXIF not read: %v", err)
		return
	}
	w := &ifdWalker{l: l, b: b, order: order, seen: map[uint32]bool{}}
	off := first
	for i := 0; off != 0; i++ {
		group := fmt.Sprintf("IFD%d", i)
		if i >= 16 {
			l.problem(group, "IFD chain longer than 16: the rest not read")
			break
		}
		off = w.ifd(off, group)
		if i == 0 && w.geoKeys != nil {
			l.safely("GeoTiff", func() { l.geoTags(w.geoKeys, w.geoDoubles, w.geoAscii, order) })
		}
	}
}

// sub is a sub-IFD to visit once its parent is listed.
type sub struct {
	group string
	off   uint32
}

// ifd lists the tags of the IFD at off as group and returns the offset of
// the next IFD in its chain.
func (w *ifdWalker) ifd(off uint32, group string) uint32 {
	if w.seen[off] {
		w.l.problem(group, "IFD at offset %d already read (a loop): not read again", off)
		return 0
	}
	if len(w.seen) >= maxWalkIFDs {
		w.l.problem(group, "more than %d IFDs: not read", maxWalkIFDs)
		return 0
	}
	w.seen[off] = true
	entries, next, err := rawIFD(w.b, off, w.order)
	if err != nil {
		w.l.problem(group, "%v", err)
	}
	var subs []sub
	for _, e := range entries {
		if w.entries++; w.entries > maxWalkEntries {
			w.l.problem(group, "more than %d tags: the rest not listed", maxWalkEntries)
			return 0
		}
		subs = append(subs, w.entry(e, group)...)
	}
	for _, s := range subs {
		w.ifd(s.off, s.group)
	}
	if next != 0 && uint64(next) >= uint64(len(w.b)) {
		w.l.problem(group, "next IFD offset %d lies beyond the end (%d bytes)", next, len(w.b))
		return 0
	}
	return next
}

// entry lists one entry, or keeps the block it points at; it returns the
// sub-IFDs the entry points to.
func (w *ifdWalker) entry(e entry, group string) []sub {
	name := exifTagName(group, e.id)
	raw, err := fieldBytes(w.b, e)
	if err != nil {
		w.l.tags = append(w.l.tags, Tag{Group: group, Name: name, Note: "not read: " + err.Error()})
		return nil
	}
	if group != "GPS" {
		switch e.id {
		case tagExifIFD, tagGPSIFD, tagInteropIFD, tagSubIFDs:
			return w.pointers(e, raw, group)
		case tagIPTC:
			w.l.iptcBlock = raw
			return nil
		case 0x8773:
			w.l.iccBlock = raw
			return nil
		case 0x02bc:
			w.l.xmpBlocks = append(w.l.xmpBlocks, raw)
			return nil
		case 0x8649: // Photoshop image resources
			if p := photoshopIPTC(raw); p != nil && w.l.iptcBlock == nil {
				w.l.iptcBlock = p
			}
			w.l.add(group, name, binaryValue(len(raw)))
			return nil
		case tagMakerNote:
			w.l.safely("MakerNotes", func() { w.makerNote(e, raw) })
			return nil
		case 0x87af:
			w.geoKeys = raw
		case 0x87b0:
			w.geoDoubles = raw
		case 0x87b1:
			w.geoAscii = raw
		}
	}
	t := Tag{Group: group, Name: name}
	t.Value, t.Note = w.value(e, raw, group)
	if group == "IFD0" && e.id == tagMake {
		w.make = t.Value
	}
	w.l.tags = append(w.l.tags, t)
	if e.id == 0x0202 && strings.HasPrefix(group, "IFD") && group != "IFD0" {
		// ExifTool lists the thumbnail ThumbnailOffset and ThumbnailLength point at.
		w.l.add(group, "ThumbnailImage", binaryValue(int(firstNumber(raw, e.typ, w.order))))
	}
	return nil
}

// pointers returns the sub-IFDs a pointer tag points to.
func (w *ifdWalker) pointers(e entry, raw []byte, group string) []sub {
	vals, _ := numbers(raw, e.typ, w.order, 16)
	var out []sub
	for i, v := range vals {
		var g string
		switch e.id {
		case tagExifIFD:
			g = "ExifIFD"
		case tagGPSIFD:
			g = "GPS"
		case tagInteropIFD:
			g = "InteropIFD"
		default:
			g = "SubIFD"
			if i > 0 {
				g = fmt.Sprintf("SubIFD%d", i)
			}
		}
		if v <= 0 || v >= float64(len(w.b)) || math.IsNaN(v) {
			w.l.problem(group, "%s pointer %s lies beyond the end (%d bytes)", g, formatNumber(v), len(w.b))
			continue
		}
		out = append(out, sub{g, uint32(v)})
	}
	return out
}

func firstNumber(raw []byte, typ uint16, order binary.ByteOrder) float64 {
	vals, _ := numbers(raw, typ, order, 1)
	if len(vals) == 0 || math.IsNaN(vals[0]) {
		return 0
	}
	return vals[0]
}

// value formats one entry's value; note says what was converted.
func (w *ifdWalker) value(e entry, raw []byte, group string) (string, string) {
	gps := group == "GPS"
	if !gps && !isExifGroup(group) {
		switch {
		case e.typ == 2:
			return asciiValue(raw), ""
		case e.typ == 7 || e.typ == 1 && len(raw) > 64:
			if isText(raw) {
				return asciiValue(raw), ""
			}
			if len(raw) > 16 {
				return binaryValue(len(raw)), ""
			}
		}
		_, text := numbers(raw, e.typ, w.order, maxListed)
		return joinNumbers(text, int(e.count)), ""
	}
	switch {
	case gps && (e.id == 0x1b || e.id == 0x1c), !gps && e.id == 0x9286:
		return commentValue(raw, w.order), ""
	case !gps && e.id >= 0x9c9b && e.id <= 0x9c9f: // Windows XP tags
		return utf16Value(raw, binary.LittleEndian), ""
	case e.typ == 2:
		return asciiValue(raw), ""
	case e.typ == 7 || e.typ == 1 && len(raw) > 64:
		return undefinedValue(e, raw, group)
	}
	vals, text := numbers(raw, e.typ, w.order, maxListed)
	switch {
	case gps && (e.id == 2 || e.id == 4 || e.id == 0x14 || e.id == 0x16) && len(vals) == 3:
		return formatNumber(vals[0] + vals[1]/60 + vals[2]/3600), "degrees, from " + strings.Join(text, " ")
	case gps && e.id == 7 && len(vals) == 3:
		return timeStamp(vals), ""
	case !gps && (e.id == 0x9202 || e.id == 0x9205) && len(vals) == 1:
		return formatNumber(math.Pow(2, vals[0]/2)), "f-number, from APEX " + text[0]
	case !gps && e.id == 0x9201 && len(vals) == 1:
		return formatNumber(math.Pow(2, -vals[0])), "seconds, from APEX " + text[0]
	}
	return joinNumbers(text, int(e.count)), ""
}

// undefinedValue shows an UNDEFINED (or long BYTE) value: the version tags
// and text as text, the few one-byte codes as numbers, the rest as binary.
func undefinedValue(e entry, raw []byte, group string) (string, string) {
	if group != "GPS" {
		switch e.id {
		case 0xa302: // CFAPattern: columns and rows (SHORTs), then the pattern
			if len(raw) >= 4 {
				for _, o := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
					c, r := int(o.Uint16(raw)), int(o.Uint16(raw[2:]))
					if c*r == len(raw)-4 {
						_, text := numbers(raw[4:], 1, o, maxListed)
						return fmt.Sprintf("%d %d %s", c, r, strings.Join(text, " ")), ""
					}
				}
			}
		case 0x9101, 0xa300, 0xa301: // ComponentsConfiguration, FileSource, SceneType
			_, text := numbers(raw, 1, binary.BigEndian, maxListed)
			return strings.Join(text, " "), ""
		}
	}
	if isText(raw) {
		return asciiValue(raw), ""
	}
	if len(raw) <= 4 {
		_, text := numbers(raw, 1, binary.BigEndian, 4)
		return strings.Join(text, " "), ""
	}
	return binaryValue(len(raw)), ""
}

// timeStamp formats GPSTimeStamp (hours, minutes, seconds) as HH:MM:SS.
func timeStamp(v []float64) string {
	if math.IsNaN(v[0] + v[1] + v[2]) {
		return fmt.Sprintf("%s %s %s", formatNumber(v[0]), formatNumber(v[1]), formatNumber(v[2]))
	}
	secs := v[0]*3600 + v[1]*60 + v[2]
	h := math.Floor(secs / 3600)
	m := math.Floor((secs - h*3600) / 60)
	s := secs - h*3600 - m*60
	frac := ""
	if f := s - math.Floor(s); f > 1e-9 {
		frac = strings.TrimRight(strings.TrimPrefix(fmt.Sprintf("%.6f", f), "0"), "0")
	}
	return fmt.Sprintf("%02d:%02d:%02d%s", int(h), int(m), int(math.Floor(s)), frac)
}

// exifTagName is ExifTool's name of tag id in group, or Exif_0xNNNN.
func exifTagName(group string, id uint16) string {
	if group == "GPS" {
		if n, ok := gpsNames[id]; ok {
			return n
		}
		return fmt.Sprintf("GPS_0x%04x", id)
	}
	names := exifNames[id]
	if len(names) == 0 {
		return fmt.Sprintf("Exif_0x%04x", id)
	}
	for _, n := range names {
		if n.group == group {
			return n.name
		}
	}
	return names[0].name // ExifTool's first definition
}

// isExifGroup reports whether group is an IFD of the TIFF structure
// (rather than GPS or a maker note).
func isExifGroup(group string) bool {
	return strings.HasPrefix(group, "IFD") || strings.HasPrefix(group, "SubIFD") || group == "ExifIFD" || group == "InteropIFD"
}

// tagName is a name and the group ExifTool gives it.
type tagName struct{ name, group string }
