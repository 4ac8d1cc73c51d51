package meta

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"sort"
)

// Builders of small synthetic files for unit tests.

// tval is one IFD entry for tiffBlob: a value of a TIFF type.
type tval struct {
	typ   uint16
	count uint32
	data  []byte // raw value bytes in the blob's byte order
}

var le = binary.LittleEndian

func ascii(s string) tval { return tval{2, uint32(len(s) + 1), append([]byte(s), 0)} }
func short(v uint16) tval { return tval{3, 1, le.AppendUint16(nil, v)} }
func long(v uint32) tval  { return tval{4, 1, le.AppendUint32(nil, v)} }
func byteVal(v byte) tval { return tval{1, 1, []byte{v}} }

// rats builds RATIONAL values from numerator/denominator pairs.
func rats(nd ...uint32) tval {
	var b []byte
	for _, v := range nd {
		b = le.AppendUint32(b, v)
	}
	return tval{5, uint32(len(nd) / 2), b}
}

// tiffBlob builds a little-endian TIFF/EXIF blob with IFD0 and optional Exif
// and GPS IFDs (their pointers are added to IFD0).
func tiffBlob(ifd0, exif, gps map[uint16]tval) []byte {
	type dir struct {
		tags map[uint16]tval
		off  uint32
	}
	b := []byte("II*\x00\x08\x00\x00\x00")
	// layout: IFD0, then Exif, then GPS, each followed by its values
	size := func(tags map[uint16]tval) int {
		n := 2 + 12*len(tags) + 4
		for _, v := range tags {
			if len(v.data) > 4 {
				n += len(v.data) + len(v.data)&1
			}
		}
		return n
	}
	if exif != nil {
		ifd0[tagExifIFD] = long(0) // patched below
	}
	if gps != nil {
		ifd0[tagGPSIFD] = long(0)
	}
	exifOff := uint32(8 + size(ifd0))
	gpsOff := exifOff
	if exif != nil {
		gpsOff += uint32(size(exif))
		ifd0[tagExifIFD] = long(exifOff)
	}
	if gps != nil {
		ifd0[tagGPSIFD] = long(gpsOff)
	}
	for _, d := range []dir{{ifd0, 8}, {exif, exifOff}, {gps, gpsOff}} {
		if d.tags == nil {
			continue
		}
		ids := make([]int, 0, len(d.tags))
		for id := range d.tags {
			ids = append(ids, int(id))
		}
		sort.Ints(ids)
		valOff := d.off + uint32(2+12*len(ids)+4)
		var vals []byte
		b = le.AppendUint16(b, uint16(len(ids)))
		for _, id := range ids {
			v := d.tags[uint16(id)]
			b = le.AppendUint16(b, uint16(id))
			b = le.AppendUint16(b, v.typ)
			b = le.AppendUint32(b, v.count)
			if len(v.data) <= 4 {
				b = append(b, append(v.data, make([]byte, 4-len(v.data))...)...)
			} else {
				b = le.AppendUint32(b, valOff+uint32(len(vals)))
				vals = append(vals, v.data...)
				if len(v.data)&1 == 1 {
					vals = append(vals, 0)
				}
			}
		}
		b = le.AppendUint32(b, 0)
		b = append(b, vals...)
	}
	return b
}

// jpegWith builds a JPEG header: SOI, the given APP segments, a baseline SOF
// declaring w×h, SOS and EOI. It has no image data: Read never needs any.
func jpegWith(w, h int, apps ...[]byte) []byte {
	b := []byte{0xff, 0xd8}
	for _, a := range apps {
		b = append(b, a...)
	}
	sof := []byte{0xff, 0xc0, 0, 17, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}
	b = append(b, sof...)
	b = append(b, 0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0)
	return append(b, 0xff, 0xd9)
}

// segment builds a marker segment.
func segment(marker byte, payload []byte) []byte {
	n := len(payload) + 2
	return append([]byte{0xff, marker, byte(n >> 8), byte(n)}, payload...)
}

func app1Exif(tiff []byte) []byte { return segment(0xe1, append([]byte("Exif\x00\x00"), tiff...)) }

// pngWith encodes a w×h PNG and inserts the given chunks after IHDR.
func pngWith(w, h int, chunks ...[]byte) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	ihdrEnd := 8 + 8 + 13 + 4
	out := append([]byte{}, b[:ihdrEnd]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, b[ihdrEnd:]...)
}

// pngChunk builds a PNG chunk with its CRC.
func pngChunk(typ string, body []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	c = append(c, typ...)
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// pngHeader builds just a PNG signature and IHDR declaring w×h.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0)
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

// webpWith builds an extended WebP (VP8X) declaring w×h with RIFF chunks.
func webpWith(w, h int, chunks ...[]byte) []byte {
	vp8x := []byte{0x08, 0, 0, 0, byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
	body := append([]byte("WEBP"), riffChunk("VP8X", vp8x)...)
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), le.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func riffChunk(typ string, body []byte) []byte {
	c := append([]byte(typ), le.AppendUint32(nil, uint32(len(body)))...)
	c = append(c, body...)
	if len(body)&1 == 1 {
		c = append(c, 0)
	}
	return c
}

// bmffBox builds an ISO-BMFF box.
func bmffBox(typ string, body ...[]byte) []byte {
	var b []byte
	for _, x := range body {
		b = append(b, x...)
	}
	return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(b))), typ...), b...)
}

// heifWith builds a minimal HEIF: ftyp with the given brands, a meta box whose
// primary item 1 has an ispe of w×h, and item 2 of type Exif holding exif.
func heifWith(major string, compat []string, w, h uint32, exif []byte) []byte {
	be := binary.BigEndian
	ftyp := append([]byte(major), 0, 0, 0, 0)
	for _, c := range compat {
		ftyp = append(ftyp, c...)
	}
	full := func(v byte) []byte { return []byte{v, 0, 0, 0} }
	infe := func(id uint16, typ string) []byte {
		b := append(full(2), be.AppendUint16(nil, id)...)
		b = append(b, 0, 0)
		b = append(b, typ...)
		return bmffBox("infe", append(b, 0))
	}
	iinf := bmffBox("iinf", full(0), be.AppendUint16(nil, 2), infe(1, "hvc1"), infe(2, "Exif"))
	pitm := bmffBox("pitm", full(0), be.AppendUint16(nil, 1))
	ispe := bmffBox("ispe", full(0), be.AppendUint32(nil, w), be.AppendUint32(nil, h))
	ipco := bmffBox("ipco", ispe)
	ipma := bmffBox("ipma", full(0), be.AppendUint32(nil, 1), be.AppendUint16(nil, 1), []byte{1, 0x81})
	iprp := bmffBox("iprp", ipco, ipma)
	exifItem := append(be.AppendUint32(nil, 6), "Exif\x00\x00"...)
	exifItem = append(exifItem, exif...)
	// iloc v0: offset size 4, length size 4, base offset size 0
	ilocFor := func(mdatData int) []byte {
		b := append(full(0), 0x44, 0x00)
		b = append(b, be.AppendUint16(nil, 1)...)
		b = append(b, be.AppendUint16(nil, 2)...) // item 2
		b = append(b, 0, 0)                       // data reference index
		b = append(b, be.AppendUint16(nil, 1)...) // one extent
		b = append(b, be.AppendUint32(nil, uint32(mdatData))...)
		b = append(b, be.AppendUint32(nil, uint32(len(exifItem)))...)
		return bmffBox("iloc", b)
	}
	build := func(mdatData int) []byte {
		meta := bmffBox("meta", full(0), bmffBox("hdlr", full(0), []byte("\x00\x00\x00\x00pict"), make([]byte, 13)), pitm, iinf, ilocFor(mdatData), iprp)
		return append(bmffBox("ftyp", ftyp), meta...)
	}
	head := build(0)
	off := len(head) + 8
	return append(build(off), bmffBox("mdat", exifItem)...)
}

// gifOf encodes a w×h GIF.
func gifOf(w, h int) []byte {
	var buf bytes.Buffer
	if err := gif.Encode(&buf, image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White}), nil); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// photoshopResource builds one Photoshop image resource ("8BIM", id, an
// empty Pascal name, size, data padded to even).
func photoshopResource(id uint16, data []byte) []byte {
	b := append([]byte("8BIM"), byte(id>>8), byte(id), 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)&1 == 1 {
		b = append(b, 0)
	}
	return b
}

// iptcRecord builds one IPTC-NAA dataset.
func iptcRecord(record, dataset byte, value string) []byte {
	b := []byte{0x1c, record, dataset}
	b = binary.BigEndian.AppendUint16(b, uint16(len(value)))
	return append(b, value...)
}

// retype changes the type of tag id in IFD0 of a little-endian blob made by
// tiffBlob.
func retype(b []byte, id, typ uint16) {
	n := int(le.Uint16(b[8:]))
	for i := range n {
		p := 10 + 12*i
		if le.Uint16(b[p:]) == id {
			le.PutUint16(b[p+2:], typ)
		}
	}
}
