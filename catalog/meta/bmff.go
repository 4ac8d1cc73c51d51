package meta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// box is one ISO-BMFF box: its type and its body (after the header).
type box struct {
	typ  string
	body []byte
	at   int // offset of the body in the file
}

// boxes splits b (found at offset base in the file) into boxes.
func boxes(b []byte, base int) ([]box, error) {
	var out []box
	for pos := 0; pos < len(b); {
		if len(b)-pos < 8 {
			return out, fmt.Errorf("%d stray bytes after the last box", len(b)-pos)
		}
		size := uint64(binary.BigEndian.Uint32(b[pos:]))
		typ := string(b[pos+4 : pos+8])
		hdr := 8
		switch size {
		case 0: // to the end
			size = uint64(len(b) - pos)
		case 1: // 64-bit size
			if len(b)-pos < 16 {
				return out, fmt.Errorf("box %q: truncated header", typ)
			}
			size, hdr = binary.BigEndian.Uint64(b[pos+8:]), 16
		}
		if size < uint64(hdr) || size > uint64(len(b)-pos) {
			return out, fmt.Errorf("box %q at offset %d: size %d runs past the end", typ, base+pos, size)
		}
		out = append(out, box{typ: typ, body: b[pos+hdr : pos+int(size)], at: base + pos + hdr})
		pos += int(size)
		if len(out) > 100_000 {
			return out, errors.New("too many boxes")
		}
	}
	return out, nil
}

func findBox(bs []box, typ string) (box, bool) {
	for _, b := range bs {
		if b.typ == typ {
			return b, true
		}
	}
	return box{}, false
}

// cursor reads big-endian fields from a box body without running past it.
type cursor struct {
	b   []byte
	p   int
	bad bool
}

func (c *cursor) n(size int) uint64 {
	if c.bad || size < 0 || c.p+size > len(c.b) {
		c.bad = true
		return 0
	}
	var v uint64
	for _, x := range c.b[c.p : c.p+size] {
		v = v<<8 | uint64(x)
	}
	c.p += size
	return v
}

func (c *cursor) str() string {
	if c.bad {
		return ""
	}
	i := bytes.IndexByte(c.b[c.p:], 0)
	if i < 0 {
		c.bad = true
		return ""
	}
	s := string(c.b[c.p : c.p+i])
	c.p += i + 1
	return s
}

// extent is a piece of an item's data.
type extent struct{ off, length uint64 }

// item is what the meta box says about one item.
type item struct {
	typ, mime string
	method    uint64 // construction method: 0 file offset, 1 idat
	extents   []extent
	props     []int // 1-based property indices
}

// readBMFF reads HEIF (HEIC, AVIF): the primary item's size from its ispe
// property and the EXIF and XMP items located by iloc.
func (r *reader) readBMFF() error {
	top, err := boxes(r.data, 0)
	if err != nil {
		r.note("HEIF: %v", err)
	}
	meta, ok := findBox(top, "meta")
	if !ok {
		return errors.New("no meta box")
	}
	if len(meta.body) < 4 {
		return errors.New("meta box too short")
	}
	children, err := boxes(meta.body[4:], meta.at+4)
	if err != nil {
		r.note("HEIF meta: %v", err)
	}
	items := map[uint64]*item{}
	get := func(id uint64) *item {
		it := items[id]
		if it == nil {
			if len(items) > 65536 {
				return &item{}
			}
			it = &item{}
			items[id] = it
		}
		return it
	}
	var primary uint64
	var props []box
	var idat box
	for _, c := range children {
		switch c.typ {
		case "pitm":
			cur := cursor{b: c.body}
			v := cur.n(4) >> 24
			primary = cur.n(map[bool]int{true: 2, false: 4}[v == 0])
		case "iinf":
			parseIINF(c.body, get)
		case "iloc":
			if err := parseILOC(c.body, get); err != nil {
				r.note("HEIF iloc: %v", err)
			}
		case "iprp":
			ip, _ := boxes(c.body, c.at)
			if co, ok := findBox(ip, "ipco"); ok {
				props, _ = boxes(co.body, co.at)
			}
			for _, b := range ip {
				if b.typ == "ipma" {
					parseIPMA(b.body, get)
				}
			}
		case "idat":
			idat = c
		}
	}
	// pixel size: the primary item's ispe
	if it := items[primary]; it != nil {
		for _, idx := range it.props {
			if idx >= 1 && idx <= len(props) && props[idx-1].typ == "ispe" {
				cur := cursor{b: props[idx-1].body}
				cur.n(4)
				w, h := cur.n(4), cur.n(4)
				if !cur.bad && w > 0 && h > 0 && w <= 1<<31-1 && h <= 1<<31-1 {
					r.m.Width, r.m.Height = int(w), int(h)
				}
				break
			}
		}
	}
	if r.m.Width == 0 {
		r.note("HEIF: no image size (ispe) for the primary item")
	}
	if it := items[primary]; it != nil {
		r.heifOrientation = heifOrientation(it.props, props)
	}
	// metadata items, in item order
	ids := make([]uint64, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		it := items[id]
		switch {
		case it.typ == "Exif" && r.exif == nil:
			data, err := itemData(r.data, idat, it)
			if err != nil {
				r.note("HEIF EXIF item: %v", err)
				continue
			}
			if b, err := heifExif(data); err != nil {
				r.note("HEIF EXIF item: %v", err)
			} else {
				r.exif = b
			}
		case it.typ == "mime" && it.mime == "application/rdf+xml":
			if data, err := itemData(r.data, idat, it); err == nil {
				r.xmp = append(r.xmp, data)
			}
		}
	}
	if r.m.Width == 0 && r.exif == nil {
		return errors.New("neither image size nor EXIF found")
	}
	return nil
}

// heifExif finds the TIFF header in an EXIF item: a 4-byte offset to it comes
// first (usually 6, for an "Exif\0\0" prefix).
func heifExif(data []byte) ([]byte, error) {
	if len(data) < 4 {
		return nil, errors.New("too short")
	}
	off := uint64(binary.BigEndian.Uint32(data))
	if 4+off+8 <= uint64(len(data)) {
		b := data[4+off:]
		if _, _, err := tiffHeader(b); err == nil {
			return b, nil
		}
	}
	// Writers disagree on the offset: look for the header near the start.
	for i := 4; i+8 <= len(data) && i < 64; i++ {
		if _, _, err := tiffHeader(data[i:]); err == nil {
			return data[i:], nil
		}
	}
	return nil, errors.New("no TIFF header")
}

// itemData joins an item's extents.
func itemData(file []byte, idat box, it *item) ([]byte, error) {
	src := file
	switch it.method {
	case 0:
	case 1:
		src = idat.body
	default:
		return nil, fmt.Errorf("construction method %d not supported", it.method)
	}
	if len(it.extents) == 1 {
		e := it.extents[0]
		if e.length == 0 {
			e.length = uint64(len(src)) - min(e.off, uint64(len(src)))
		}
		if e.off+e.length > uint64(len(src)) || e.off+e.length < e.off {
			return nil, errors.New("extent lies beyond the end of the data")
		}
		return src[e.off : e.off+e.length], nil
	}
	var out []byte
	for _, e := range it.extents {
		if e.off+e.length > uint64(len(src)) || e.off+e.length < e.off {
			return nil, errors.New("extent lies beyond the end of the data")
		}
		if len(out)+int(e.length) > 64<<20 {
			return nil, errors.New("metadata item larger than 64 MB")
		}
		out = append(out, src[e.off:e.off+e.length]...)
	}
	if len(it.extents) == 0 {
		return nil, errors.New("no extents")
	}
	return out, nil
}

// parseIINF reads the item types (infe version 2 and 3).
func parseIINF(body []byte, get func(uint64) *item) {
	if len(body) < 4 {
		return
	}
	v := body[0]
	skip := 4 + 2
	if v != 0 {
		skip = 4 + 4
	}
	if len(body) < skip {
		return
	}
	entries, _ := boxes(body[skip:], 0)
	for _, e := range entries {
		if e.typ != "infe" || len(e.body) < 4 {
			continue
		}
		cur := cursor{b: e.body}
		ver := cur.n(1)
		cur.n(3)
		if ver < 2 {
			continue
		}
		id := cur.n(map[bool]int{true: 2, false: 4}[ver == 2])
		cur.n(2) // protection index
		typ := string(e.body[min(cur.p, len(e.body)):min(cur.p+4, len(e.body))])
		cur.n(4)
		cur.str() // name
		if cur.bad && len(typ) < 4 {
			continue
		}
		it := get(id)
		it.typ = typ
		if typ == "mime" {
			it.mime = cur.str()
		}
	}
}

// parseILOC reads item locations.
func parseILOC(body []byte, get func(uint64) *item) error {
	cur := cursor{b: body}
	ver := cur.n(1)
	cur.n(3)
	sizes := cur.n(1)
	offSize, lenSize := int(sizes>>4), int(sizes&15)
	sizes = cur.n(1)
	baseSize, idxSize := int(sizes>>4), 0
	if ver == 1 || ver == 2 {
		idxSize = int(sizes & 15)
	}
	var count uint64
	if ver < 2 {
		count = cur.n(2)
	} else {
		count = cur.n(4)
	}
	if ver > 2 {
		return fmt.Errorf("version %d not supported", ver)
	}
	for i := uint64(0); i < count && !cur.bad; i++ {
		var id uint64
		if ver < 2 {
			id = cur.n(2)
		} else {
			id = cur.n(4)
		}
		var method uint64
		if ver == 1 || ver == 2 {
			method = cur.n(2) & 15
		}
		cur.n(2) // data reference index
		base := cur.n(baseSize)
		n := cur.n(2)
		it := get(id)
		it.method = method
		it.extents = it.extents[:0]
		// Extents of zero-size fields consume no bytes: cap the count, or a
		// small box could keep this loop busy for billions of rounds.
		if n > 1024 {
			return fmt.Errorf("item %d has %d extents", id, n)
		}
		for j := uint64(0); j < n && !cur.bad; j++ {
			cur.n(idxSize)
			off := cur.n(offSize)
			length := cur.n(lenSize)
			it.extents = append(it.extents, extent{off: base + off, length: length})
		}
	}
	if cur.bad {
		return errors.New("truncated")
	}
	return nil
}

// parseIPMA reads which properties belong to which item.
func parseIPMA(body []byte, get func(uint64) *item) {
	cur := cursor{b: body}
	ver := cur.n(1)
	flags := cur.n(3)
	count := cur.n(4)
	for i := uint64(0); i < count && !cur.bad; i++ {
		var id uint64
		if ver < 1 {
			id = cur.n(2)
		} else {
			id = cur.n(4)
		}
		n := cur.n(1)
		it := get(id)
		for j := uint64(0); j < n && !cur.bad; j++ {
			var idx uint64
			if flags&1 != 0 {
				idx = cur.n(2) & 0x7fff
			} else {
				idx = cur.n(1) & 0x7f
			}
			if !cur.bad && len(it.props) < 256 {
				it.props = append(it.props, int(idx))
			}
		}
	}
}
