package catalog

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotImageHead checks that a file is left out from its head only when
// the head decides it as the whole file would.
func TestNotImageHead(t *testing.T) {
	// An ISO-BMFF file type box longer than the head, whose "heic" brand
	// lies past the head.
	longFtyp := make([]byte, headSize+64)
	binary.BigEndian.PutUint32(longFtyp, uint32(len(longFtyp)))
	copy(longFtyp[4:], "ftypxxxx\x00\x00\x00\x00")
	for p := 16; p+4 <= len(longFtyp); p += 4 {
		copy(longFtyp[p:], "zzzz")
	}
	copy(longFtyp[len(longFtyp)-4:], "heic")
	mp4 := append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{0x5a}, 3*headSize)...)
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"video", mp4, true},
		{"long text", bytes.Repeat([]byte("a line of a log\n"), headSize), true},
		{"short text", []byte("hello"), true},
		{"jpeg", append([]byte{0xff, 0xd8, 0xff, 0xe0}, make([]byte, 2*headSize)...), false},
		{"image brand past the head", longFtyp, false},
		{"empty", nil, false},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name)
			if err := os.WriteFile(p, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			head, got := notImageHead(f, int64(len(tt.data)))
			if got != tt.want {
				t.Fatalf("notImageHead = %v, want %v", got, tt.want)
			}
			if got && !bytes.Equal(head, tt.data[:min(len(tt.data), headSize)]) {
				t.Errorf("head is not the file's first %d bytes", headSize)
			}
		})
	}
}

// TestDamagedImagePreview: a damaged photo is cataloged with a warning,
// and its preview shows what can be decoded instead of failing: a
// truncated file (part of the picture missing), and stray bytes between
// two segments, before a table or before the scan, which the decoder goes
// past. (Those stray bytes were once not counted as damage, the thumbnail
// made by libvips without a word; counted, the preview failed: the review
// showed only the thumbnail.)
func TestDamagedImagePreview(t *testing.T) {
	corpus := corpusDir(t)
	b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	// junkBefore inserts two stray bytes before the first segment with
	// marker m, walking the segments (not the EXIF thumbnail inside one).
	junkBefore := func(m byte) []byte {
		for i := 2; i+4 <= len(b) && b[i] == 0xFF; i += 2 + int(binary.BigEndian.Uint16(b[i+2:])) {
			if b[i+1] == m {
				return append(append(bytes.Clone(b[:i]), 0x12, 0x34), b[i:]...)
			}
		}
		t.Fatalf("no segment with marker %#x", m)
		return nil
	}
	for _, tc := range []struct {
		name string
		data []byte
		says string
	}{
		{"truncated", b[:len(b)*2/3], "only partly decoded"},
		{"junk before a table", junkBefore(0xC4), "extraneous bytes before marker 0xc4"},
		{"junk before the scan", junkBefore(0xDA), "extraneous bytes before marker 0xda"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			os.WriteFile(filepath.Join(src, "bad.jpg"), tc.data, 0o644)
			c := openTestCase(t)
			res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
			if err != nil || res.Added != 1 || len(res.Warnings) != 1 {
				t.Fatalf("import of a damaged photo: %+v, %v", res, err)
			}
			im, err := c.FindImage(context.Background(), filepath.Join(src, "bad.jpg"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(im.MetaNote, "damaged") || !strings.Contains(im.MetaNote, tc.says) {
				t.Errorf("note %q does not say the file is damaged, and how (%q)", im.MetaNote, tc.says)
			}
			p, err := c.Preview(context.Background(), im)
			if err != nil {
				t.Fatalf("preview of a damaged photo: %v", err)
			}
			if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
				t.Errorf("no preview file: %v", err)
			}
		})
	}
}
