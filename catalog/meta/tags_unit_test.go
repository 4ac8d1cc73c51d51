package meta

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// tiffWith builds a little-endian TIFF whose IFD0 holds the given entries
// (id, type, count, value or offset) followed by extra data at offset 8+2+12n+4.
func tiffWith(entries [][4]uint32, extra []byte) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = le.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = le.AppendUint16(b, uint16(e[0]))
		b = le.AppendUint16(b, uint16(e[1]))
		b = le.AppendUint32(b, e[2])
		b = le.AppendUint32(b, e[3])
	}
	b = le.AppendUint32(b, 0)
	return append(b, extra...)
}

func TestReadTagsValues(t *testing.T) {
	dataAt := uint32(8 + 2 + 12*4 + 4)
	extra := []byte("Canon\x00\x00\x00")
	extra = binary.LittleEndian.AppendUint32(extra, 28)
	extra = binary.LittleEndian.AppendUint32(extra, 10)
	tiff := tiffWith([][4]uint32{
		{0x010f, 2, 6, dataAt},        // Make "Canon"
		{0x0112, 3, 1, 6},             // Orientation 6
		{0x011a, 5, 1, dataAt + 8},    // XResolution 28/10
		{0x0110, 2, 400, 0x7fff_0000}, // Model, beyond the end
	}, extra)
	tags, err := ReadTags(tiff)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Tag{}
	for _, tg := range tags {
		got[tg.Group+":"+tg.Name] = tg
	}
	for _, c := range []struct{ key, value, note string }{
		{"IFD0:Make", "Canon", ""},
		{"IFD0:Orientation", "6", ""},
		{"IFD0:XResolution", "2.8", ""},
		{"IFD0:Model", "", "lies beyond the end"},
	} {
		tg, ok := got[c.key]
		switch {
		case !ok:
			t.Errorf("%s not listed in %v", c.key, tags)
		case tg.Value != c.value || !strings.Contains(tg.Note, c.note) || (c.note == "") != (tg.Note == ""):
			t.Errorf("%s = %q (note %q), want %q (note with %q)", c.key, tg.Value, tg.Note, c.value, c.note)
		}
	}
}

func TestReadTagsRefusesNonImages(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("hello"), []byte("%PDF-1.4")} {
		if _, err := ReadTags(data); !errors.Is(err, ErrNotImage) {
			t.Errorf("ReadTags(%q) = %v, want ErrNotImage", data, err)
		}
	}
}

func TestXMPFlattening(t *testing.T) {
	packet := `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="T"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:my="http://example.org/my/" exif:FNumber="28/10" my:thing="x">
<dc:subject><rdf:Bag><rdf:li>a</rdf:li><rdf:li>b</rdf:li></rdf:Bag></dc:subject>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Title</rdf:li><rdf:li xml:lang="de">Titel</rdf:li></rdf:Alt></dc:title>
<exif:GPSLatitude>38,24.5S</exif:GPSLatitude>
<xmpMM:History><rdf:Seq><rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action></rdf:li><rdf:li stEvt:action="converted"/></rdf:Seq></xmpMM:History>
</rdf:Description></rdf:RDF></x:xmpmeta>`
	l := &tagList{}
	l.xmpTags([]byte(packet))
	got := map[string]string{}
	for _, tg := range l.tags {
		got[tg.Group+":"+tg.Name] = tg.Value
	}
	for k, want := range map[string]string{
		"XMP-x:XMPToolkit":        "T",
		"XMP-exif:FNumber":        "2.8",
		"XMP-my:Thing":            "x",
		"XMP-dc:Subject":          "a, b",
		"XMP-dc:Title":            "Title",
		"XMP-dc:Title-de":         "Titel",
		"XMP-exif:GPSLatitude":    "-38.40833333333333",
		"XMP-xmpMM:HistoryAction": "saved, converted",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], want, got)
		}
	}
}
