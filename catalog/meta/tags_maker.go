package meta

import (
	"bytes"
	"strings"
)

// makerNote lists the top-level tags of a Canon, Nikon, Apple or Sony maker
// note, named as ExifTool names them and grouped under the maker ("Canon",
// ...). The values are shown as stored: ExifTool further decodes many of
// them into tags of their own, which this package does not. Other makers'
// notes are listed as one MakerNotes:MakerNote of their size.
func (w *ifdWalker) makerNote(e entry, raw []byte) {
	mk := strings.ToUpper(w.make)
	var (
		group string
		names map[uint16]string
		buf   []byte // what value offsets count from
		off   uint32 // of the IFD in buf
		order = w.order
	)
	at := e.valueOffset // where the note starts in w.b
	switch {
	case bytes.HasPrefix(raw, []byte("Apple iOS\x00")) && len(raw) > 16:
		group, names, buf, off = "Apple", appleNames, raw, 14
		order = byteOrder(raw[12:14])
	case bytes.HasPrefix(raw, []byte("Nikon\x00\x02")) && len(raw) > 18:
		group, names, buf = "Nikon", nikonNames, raw[10:]
		o, first, err := tiffHeader(buf)
		if err != nil {
			w.l.problem("Nikon", "maker note: %v", err)
			return
		}
		order, off = o, first
	case bytes.HasPrefix(raw, []byte("Nikon\x00\x01")):
		group, names, buf, off = "Nikon", nikonNames, w.b, at+8
	case strings.HasPrefix(mk, "NIKON") && !bytes.HasPrefix(raw, []byte("Nikon")):
		group, names, buf, off = "Nikon", nikonNames, w.b, at
	case strings.HasPrefix(mk, "CANON"):
		group, names, buf, off = "Canon", canonNames, w.b, at
	case bytes.HasPrefix(raw, []byte("SONY DSC \x00\x00\x00")), bytes.HasPrefix(raw, []byte("SONY CAM \x00\x00\x00")):
		group, names, buf, off = "Sony", sonyNames, w.b, at+12
	case strings.HasPrefix(mk, "SONY") && !bytes.HasPrefix(raw, []byte("SONY")):
		group, names, buf, off = "Sony", sonyNames, w.b, at
	default:
		t := Tag{Group: "MakerNotes", Name: "MakerNote", Value: binaryValue(len(raw))}
		if w.make != "" {
			t.Note = "maker note of " + w.make + ": not decoded"
		}
		w.l.tags = append(w.l.tags, t)
		return
	}
	if order == nil || len(raw) <= 4 {
		w.l.problem(group, "maker note of %d bytes not read", len(raw))
		return
	}
	entries, _, err := rawIFD(buf, off, order)
	if err != nil {
		w.l.problem(group, "maker note: %v", err)
	}
	mw := &ifdWalker{l: w.l, b: buf, order: order, seen: map[uint32]bool{}}
	for _, me := range entries {
		name, ok := names[me.id]
		if !ok {
			name = group + "_0x" + hex4(me.id)
		}
		t := Tag{Group: group, Name: name}
		mraw, err := fieldBytes(buf, me)
		if err != nil {
			t.Note = "not read: " + err.Error()
		} else {
			t.Value, t.Note = mw.value(me, mraw, group)
		}
		w.l.tags = append(w.l.tags, t)
	}
}

func hex4(id uint16) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[id>>12], digits[id>>8&15], digits[id>>4&15], digits[id&15]})
}
