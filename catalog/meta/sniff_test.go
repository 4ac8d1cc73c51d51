package meta

import "testing"

func TestSniff(t *testing.T) {
	ftyp := func(major string, compat ...string) []byte {
		b := []byte{0, 0, 0, byte(16 + 4*len(compat))}
		b = append(b, "ftyp"...)
		b = append(b, major...)
		b = append(b, 0, 0, 0, 0)
		for _, c := range compat {
			b = append(b, c...)
		}
		return append(b, make([]byte, 32)...)
	}
	tests := []struct {
		name string
		head []byte
		want string
	}{
		{"jpeg", []byte{0xff, 0xd8, 0xff, 0xe1, 0, 0}, "jpeg"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), "png"},
		{"gif87", []byte("GIF87a..."), "gif"},
		{"gif89", []byte("GIF89a..."), "gif"},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), "webp"},
		{"riff wave is not an image", []byte("RIFF\x10\x00\x00\x00WAVEfmt "), ""},
		{"tiff little-endian", []byte("II*\x00\x08\x00\x00\x00"), "tiff"},
		{"tiff big-endian", []byte("MM\x00*\x00\x00\x00\x08"), "tiff"},
		{"heic", ftyp("heic", "mif1", "heic"), "heic"},
		{"heix", ftyp("heix", "mif1"), "heic"},
		{"mif1 with heic", ftyp("mif1", "mif1", "heic"), "heic"},
		{"mif1 alone", ftyp("mif1", "mif1"), "heic"},
		{"msf1 with hevc", ftyp("msf1", "msf1", "hevc"), "heic"},
		{"avif", ftyp("avif", "avif", "mif1", "miaf"), "avif"},
		{"mif1 with avif", ftyp("mif1", "mif1", "miaf", "avif"), "avif"},
		{"mp4", ftyp("isom", "isom", "iso2", "mp41"), ""},
		{"canon cr3", ftyp("crx ", "crx ", "isom"), ""},
		{"ftyp box larger than head", append([]byte{0, 0, 1, 0}, "ftypmif1\x00\x00\x00\x00mif1heic"...), "heic"},
		{"jpeg by extension only", []byte("not really a jpeg"), ""},
		{"short jpeg", []byte{0xff, 0xd8}, ""},
		{"empty", nil, ""},
		{"bmp is not supported", []byte("BM\x36\x00\x00\x00\x00\x00"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff(tc.head); got != tc.want {
				t.Errorf("Sniff = %q, want %q", got, tc.want)
			}
		})
	}
}
