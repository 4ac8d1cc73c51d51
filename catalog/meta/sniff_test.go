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
		{"bmp too short for its header", []byte("BM\x36\x00\x00\x00\x00\x00"), ""},
		{"bmp", []byte("BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), "bmp"},
		{"BM text", []byte("BMW and Mercedes drivers, a list"), ""},
		{"os/2 bitmap array", []byte("BA\x5c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00BM\x4e\x00\x00\x00\x1d\x00\x27\x00\x9c\x00\x00\x00\x40\x00\x00\x00"), "bmp"},
		{"os/2 colour icon", []byte("CI\x1a\x00\x00\x00\x10\x00\x10\x00\x3a\x03\x00\x00\x0c\x00\x00\x00\x20\x00"), "bmp"},
		{"BA text", []byte("BAnana bread, a recipe for four people"), ""},
		{"psd", append([]byte("8BPS\x00\x01"), make([]byte, 24)...), "psd"},
		{"psb", append([]byte("8BPS\x00\x02"), make([]byte, 24)...), "psd"},
		{"jp2", []byte("\x00\x00\x00\x0cjP  \r\n\x87\n\x00\x00"), "jp2"},
		{"j2k codestream", []byte{0xff, 0x4f, 0xff, 0x51, 0, 0x2f}, "jp2"},
		{"ico", []byte("\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00\x68\x04\x00\x00\x16\x00\x00\x00"), "ico"},
		{"ico whose image is inside its directory", []byte("\x00\x00\x01\x00\x01\x00\x10\x10\x00\x00\x01\x00\x20\x00\x68\x04\x00\x00\x08\x00\x00\x00"), ""},
		{"pcx", append([]byte{0x0a, 5, 1, 8}, make([]byte, 124)...), "pcx"},
		{"pcx of 3 bits a pixel", append([]byte{0x0a, 5, 1, 3}, make([]byte, 124)...), ""},
		{"ppm", []byte("P6\n640 480\n255\n"), "pnm"},
		{"pbm", []byte("P1 2 2\n0 1 1 0"), "pnm"},
		{"P9 is no netpbm", []byte("P9\n1 1\n"), ""},
		{"ppm with a comment", []byte("P3\n# made by hand\n4 4\n15\n"), "pnm"},
		{"pam", []byte("P7\nWIDTH 4\nHEIGHT 4\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n"), "pnm"},
		{"a note beginning P1", []byte("P1 fix the import, then P2\n"), ""},
		{"a note beginning P1 and a number", []byte("P1 2 things to do\n"), ""},
		{"Python source", []byte("Print('hello')"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff(tc.head); got != tc.want {
				t.Errorf("Sniff = %q, want %q", got, tc.want)
			}
		})
	}
}
