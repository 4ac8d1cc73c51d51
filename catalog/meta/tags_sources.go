package meta

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
)

// sources are the metadata blocks of a file.
type sources struct {
	exif []byte   // TIFF-structured (the whole file for a TIFF)
	xmp  [][]byte // packets
	iptc []byte   // IPTC-NAA records
	icc  []byte   // ICC profile
}

// tagSources finds the metadata blocks of data with the container readers
// Read uses, and the ICC profile, which Read does not need.
func tagSources(data []byte, format string) (sources, error) {
	r := &reader{data: data, m: Meta{Format: format}, allTags: true}
	if err := r.readContainer(); err != nil {
		return sources{}, err
	}
	s := sources{exif: r.exif, xmp: r.xmp, iptc: r.iptc}
	switch format {
	case "jpeg":
		s.icc = jpegICC(data)
	case "png":
		s.icc = pngICC(data)
	case "heic", "avif":
		s.icc = heifICC(data)
	}
	return s, nil
}

var iccPrefix = []byte("ICC_PROFILE\x00")

// jpegICC joins the ICC profile chunks of a JPEG's APP2 segments
// ("ICC_PROFILE\0", chunk number, chunk count, data) in chunk order.
func jpegICC(d []byte) []byte {
	type chunk struct {
		n    int
		data []byte
	}
	var chunks []chunk
	for pos := 2; pos+4 <= len(d); {
		if d[pos] != 0xff {
			pos++
			continue
		}
		marker := d[pos+1]
		if marker == 0xff || marker == 0x00 || marker == 0x01 || marker >= 0xd0 && marker <= 0xd8 {
			pos += 2
			continue
		}
		if marker == 0xd9 || marker == 0xda {
			break
		}
		n := int(binary.BigEndian.Uint16(d[pos+2:]))
		end := pos + 2 + n
		if n < 2 || end > len(d) {
			break
		}
		seg := d[pos+4 : end]
		if marker == 0xe2 && bytes.HasPrefix(seg, iccPrefix) && len(seg) >= len(iccPrefix)+2 {
			chunks = append(chunks, chunk{int(seg[len(iccPrefix)]), seg[len(iccPrefix)+2:]})
		}
		pos = end
	}
	if len(chunks) == 0 {
		return nil
	}
	sort.SliceStable(chunks, func(i, j int) bool { return chunks[i].n < chunks[j].n })
	var out []byte
	for _, c := range chunks {
		out = append(out, c.data...)
	}
	return out
}

// pngICC inflates a PNG's iCCP chunk (name, NUL, method, zlib data).
func pngICC(d []byte) []byte {
	for pos := 8; pos+8 <= len(d); {
		n := int(binary.BigEndian.Uint32(d[pos:]))
		typ := string(d[pos+4 : pos+8])
		start, end := pos+8, pos+8+n
		if n < 0 || end > len(d) || end < start {
			return nil
		}
		if typ == "iCCP" {
			body := d[start:end]
			i := bytes.IndexByte(body, 0)
			if i < 0 || i+2 > len(body) {
				return nil
			}
			zr, err := zlib.NewReader(bytes.NewReader(body[i+2:]))
			if err != nil {
				return nil
			}
			out, _ := io.ReadAll(io.LimitReader(zr, 16<<20))
			return out
		}
		if typ == "IDAT" || typ == "IEND" {
			return nil
		}
		pos = end + 4
	}
	return nil
}

// heifICC returns the ICC profile of a HEIF's first colr property of type
// prof (or rICC).
func heifICC(d []byte) []byte {
	top, _ := boxes(d, 0)
	m, ok := findBox(top, "meta")
	if !ok || len(m.body) < 4 {
		return nil
	}
	children, _ := boxes(m.body[4:], m.at+4)
	iprp, ok := findBox(children, "iprp")
	if !ok {
		return nil
	}
	ip, _ := boxes(iprp.body, iprp.at)
	co, ok := findBox(ip, "ipco")
	if !ok {
		return nil
	}
	props, _ := boxes(co.body, co.at)
	for _, p := range props {
		if p.typ == "colr" && len(p.body) > 4 {
			if t := string(p.body[:4]); t == "prof" || t == "rICC" {
				return p.body[4:]
			}
		}
	}
	return nil
}

// sizeNote describes a block by its size.
func binaryValue(n int) string { return fmt.Sprintf("(binary, %d bytes)", n) }
