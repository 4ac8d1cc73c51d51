package meta

import (
	"bytes"
	"encoding/binary"
)

// Sniff recognises an image by its content (never its extension): "jpeg",
// "png", "tiff", "webp", "gif", "heic" (HEIF with brand heic, heix, hevc,
// mif1, msf1 and relatives), "avif", or "" when it is not an image. head is
// the first bytes of the file (at least 64 when the file has them).
func Sniff(head []byte) string {
	switch {
	case len(head) >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff:
		return "jpeg"
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return "gif"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		bytes.HasPrefix(head, []byte("II+\x00")), bytes.HasPrefix(head, []byte("MM\x00+")): // TIFF, BigTIFF
		return "tiff"
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		return sniffBrands(head)
	}
	return ""
}

// heifBrands are the ftyp brands of HEIF images coded with HEVC (or of HEIF
// in general); avifBrands those of AVIF.
var (
	heicBrands = map[string]bool{"heic": true, "heix": true, "heim": true, "heis": true, "hevc": true, "hevx": true, "hevm": true, "hevs": true}
	heifBrands = map[string]bool{"mif1": true, "msf1": true, "mif2": true, "miaf": true}
	avifBrands = map[string]bool{"avif": true, "avis": true}
)

// sniffBrands tells HEIC from AVIF (and from other ISO-BMFF files such as
// MP4 or CR3) by the ftyp box: the major brand first, then the compatible
// brands.
func sniffBrands(head []byte) string {
	size := int(binary.BigEndian.Uint32(head))
	if size < 16 || size > len(head) {
		size = len(head) // ftyp box larger than head: look at what we have
	}
	major := head[8:12]
	switch {
	case avifBrands[string(major)]:
		return "avif"
	case heicBrands[string(major)]:
		return "heic"
	}
	var heic, avif, heif bool
	for p := 16; p+4 <= size; p += 4 {
		b := head[p : p+4]
		heic = heic || heicBrands[string(b)]
		avif = avif || avifBrands[string(b)]
		heif = heif || heifBrands[string(b)]
	}
	switch {
	case heic:
		return "heic"
	case avif:
		return "avif"
	case heif || heifBrands[string(major)]:
		return "heic"
	}
	return ""
}

// BigTIFF tells whether data starts as a BigTIFF file (a TIFF with 64-bit
// offsets, for files over 4 GB).
func BigTIFF(data []byte) bool {
	return bytes.HasPrefix(data, []byte("II+\x00")) || bytes.HasPrefix(data, []byte("MM\x00+"))
}
