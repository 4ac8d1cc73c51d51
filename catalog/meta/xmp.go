package meta

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// XMP namespaces read here.
const (
	nsEXIF   = "http://ns.adobe.com/exif/1.0/"
	nsEXIFEX = "http://cipa.jp/exif/1.0/"
	nsAUX    = "http://ns.adobe.com/exif/1.0/aux/"
	nsTIFF   = "http://ns.adobe.com/tiff/1.0/"
	nsXMP    = "http://ns.adobe.com/xap/1.0/"
	nsPS     = "http://ns.adobe.com/photoshop/1.0/"
)

// maxXMP bounds the packet size parsed (XMP in a JPEG is under 64 KB).
const maxXMP = 4 << 20

// parseXMP reads the properties this package reports from an XMP packet.
// Properties may be attributes of rdf:Description or elements; namespaces
// are matched by URI, not by prefix. What was read before a syntax error is
// kept.
func parseXMP(p []byte) (fields, error) {
	var f fields
	if len(p) > maxXMP {
		return f, fmt.Errorf("packet of %d bytes not read (over %d MB)", len(p), maxXMP>>20)
	}
	// Packets are often padded or terminated with NULs.
	p = bytes.TrimRight(p, "\x00 \t\r\n")
	props := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(p))
	dec.Strict = false
	var stack []xml.Name
	var text strings.Builder
	var err error
	for {
		tok, terr := dec.Token()
		if terr != nil {
			if !errors.Is(terr, io.EOF) {
				err = terr
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			for _, a := range t.Attr {
				set(props, a.Name, a.Value)
			}
			stack = append(stack, t.Name)
			text.Reset()
			if len(stack) > 64 {
				return xmpFields(props), errors.New("nesting too deep")
			}
		case xml.CharData:
			if text.Len() < 4096 {
				text.Write(t)
			}
		case xml.EndElement:
			if len(stack) > 0 {
				set(props, stack[len(stack)-1], text.String())
				stack = stack[:len(stack)-1]
			}
			text.Reset()
		}
	}
	f = xmpFields(props)
	if err != nil {
		err = fmt.Errorf("packet unreadable after %d bytes: %v", dec.InputOffset(), err)
	}
	return f, err
}

// set keeps the first non-empty value of a property.
func set(props map[string]string, n xml.Name, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	k := n.Space + n.Local
	if _, ok := props[k]; !ok {
		props[k] = v
	}
}

func xmpFields(p map[string]string) fields {
	var f fields
	if v, ok := p[nsTIFF+"Orientation"]; ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 8 {
			f.orientation = n
		}
	}
	if v, ok := p[nsTIFF+"Make"]; ok {
		f.make, f.hasMake = cleanText(v), true
	}
	if v, ok := p[nsTIFF+"Model"]; ok {
		f.model, f.hasModel = cleanText(v), true
	}
	for _, k := range []string{nsEXIFEX + "LensModel", nsAUX + "Lens"} {
		if v, ok := p[k]; ok && f.lens == "" {
			f.lens = cleanText(v)
		}
	}
	date := func(keys ...string) *stamp {
		for _, k := range keys {
			if v, ok := p[k]; ok {
				if c, off, err := parseExifDate(v); err == nil {
					return &stamp{clock: c, offset: off, source: SourceXMP}
				}
			}
		}
		return nil
	}
	// photoshop:DateCreated often holds a date alone: not a time, not used.
	f.original = date(nsEXIF+"DateTimeOriginal", nsPS+"DateCreated")
	f.created = date(nsXMP+"CreateDate", nsEXIF+"DateTimeDigitized")
	f.modified = date(nsTIFF+"DateTime", nsXMP+"ModifyDate")
	lat, ok1 := xmpCoordinate(p[nsEXIF+"GPSLatitude"], 'N', 'S', 90)
	lon, ok2 := xmpCoordinate(p[nsEXIF+"GPSLongitude"], 'E', 'W', 180)
	if ok1 && ok2 {
		f.lat, f.lon = &lat, &lon
	}
	return f
}

// xmpCoordinate reads an XMP GPS coordinate: "DDD,MM,SSk" or "DDD,MM.mmk"
// where k is the hemisphere letter.
func xmpCoordinate(s string, pos, neg byte, limit float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, false
	}
	k := s[len(s)-1]
	if k != pos && k != neg {
		return 0, false
	}
	parts := strings.Split(s[:len(s)-1], ",")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var v float64
	for i, part := range parts {
		n, err := strconv.ParseFloat(part, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		v += n / [3]float64{1, 60, 3600}[i]
	}
	if v > limit {
		return 0, false
	}
	if k == neg {
		v = -v
	}
	return v, true
}

// xmpMayHelp reports whether packet p mentions a property that f lacks.
func xmpMayHelp(f *fields, p []byte) bool {
	has := func(names ...string) bool {
		for _, n := range names {
			if bytes.Contains(p, []byte(n)) {
				return true
			}
		}
		return false
	}
	return f.original == nil && has("DateTimeOriginal", "DateCreated", "CreateDate", "DateTimeDigitized", "ModifyDate", "DateTime") ||
		f.orientation == 0 && has("Orientation") ||
		(!f.hasMake || !f.hasModel) && has("Make", "Model") ||
		f.lens == "" && has("Lens") ||
		f.lat == nil && has("GPSLatitude")
}
