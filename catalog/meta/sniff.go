package meta

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Sniff recognises an image by its content (never its extension): "jpeg",
// "png", "tiff", "webp", "gif", "heic" (HEIF with brand heic, heix, hevc,
// mif1, msf1 and relatives), "avif", "psd", "jp2" (JPEG 2000), "bmp",
// "ico", "pcx", "pnm" (Netpbm), or "" when it is not an image. head is
// the first bytes of the file (at least 128 when the file has them).
func Sniff(head []byte) string {
	switch {
	case len(head) >= 3 && head[0] == 0xff && head[1] == 0xd8:
		return "jpeg" // (the next marker may follow stray bytes, which libjpeg skips)
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
	case bytes.HasPrefix(head, []byte("8BPS")) && len(head) >= 26 && head[4] == 0 && (head[5] == 1 || head[5] == 2):
		return "psd" // Photoshop (PSD, or PSB when 2)
	case bytes.HasPrefix(head, []byte("\x00\x00\x00\x0cjP  \r\n\x87\n")), bytes.HasPrefix(head, []byte{0xff, 0x4f, 0xff, 0x51}):
		return "jp2" // JPEG 2000: a JP2 file, or a bare codestream
	case sniffBMP(head):
		return "bmp"
	case sniffICO(head):
		return "ico"
	case sniffPCX(head):
		return "pcx"
	case sniffPNM(head):
		return "pnm"
	}
	return ""
}

// VipsOnly tells whether the pixels of format come from libvips alone
// (its own loaders, or ImageMagick's through it), and its size too:
// Exhibit reads no size or metadata from these files' headers but a
// Photoshop file's.
func VipsOnly(format string) bool {
	switch format {
	case "bmp", "ico", "pcx", "pnm", "jp2", "psd":
		return true
	}
	return false
}

// sniffBMP recognises a Windows or OS/2 bitmap: "BM" (or OS/2's icons and
// pointers, "CI", "CP", "IC", "PT"), then a DIB header of one of the sizes
// its versions have; or an OS/2 bitmap array ("BA") of them.
func sniffBMP(h []byte) bool {
	if len(h) < 18 {
		return false
	}
	switch string(h[:2]) {
	case "BA":
		return len(h) >= 32 && sniffBMP(h[14:])
	case "BM", "CI", "CP", "IC", "PT":
	default:
		return false
	}
	switch binary.LittleEndian.Uint32(h[14:]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// sniffICO recognises a Windows icon: reserved 0, type 1, a count of
// images, and a first directory entry with its reserved byte 0 and its
// image after the directory.
func sniffICO(h []byte) bool {
	if len(h) < 22 || h[0] != 0 || h[1] != 0 || h[2] != 1 || h[3] != 0 {
		return false
	}
	n := binary.LittleEndian.Uint16(h[4:])
	planes := binary.LittleEndian.Uint16(h[10:])
	return n > 0 && h[9] == 0 && planes <= 1 && binary.LittleEndian.Uint32(h[18:]) >= 6+16*uint32(n)
}

// sniffPCX recognises a ZSoft PCX image by its 128-byte header: manufacturer
// 10, a known version, run-length encoding, 1 to 8 bits a pixel, and its
// reserved byte 0.
func sniffPCX(h []byte) bool {
	if len(h) < 128 || h[0] != 0x0a || h[2] != 1 || h[64] != 0 {
		return false
	}
	switch h[1] {
	case 0, 2, 3, 4, 5:
	default:
		return false
	}
	switch h[3] {
	case 1, 2, 4, 8:
		return true
	}
	return false
}

// sniffPNM recognises a Netpbm image (PBM, PGM, PPM, PFM): "P", a digit
// 1 to 6 (or F, f), white space, then its width and height, numbers (with
// comments between), so that a note beginning "P1 " is not taken for one.
// (PAM, P7, names its fields: "WIDTH 640".)
func sniffPNM(h []byte) bool {
	if len(h) < 3 || h[0] != 'P' || !strings.ContainsRune("1234567Ff", rune(h[1])) || !isSpace(h[2]) {
		return false
	}
	if h[1] == '7' {
		return bytes.Contains(h, []byte("WIDTH ")) && bytes.Contains(h, []byte("HEIGHT "))
	}
	numbers := 0
	for i := 2; i < len(h) && numbers < 2; {
		switch c := h[i]; {
		case isSpace(c):
			i++
		case c == '#': // a comment, to the end of its line
			for i < len(h) && h[i] != '\n' && h[i] != '\r' {
				i++
			}
		case c >= '0' && c <= '9':
			for i < len(h) && h[i] >= '0' && h[i] <= '9' {
				i++
			}
			if i < len(h) && !isSpace(h[i]) && h[i] != '#' {
				return false
			}
			numbers++
		default:
			return false
		}
	}
	return numbers == 2
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

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
