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

// TestDamagedImagePreview: a truncated photo is cataloged with a warning,
// and its preview shows what can be decoded instead of failing.
func TestDamagedImagePreview(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	b, err := os.ReadFile(filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "cut.jpg"), b[:len(b)*2/3], 0o644)
	c := openTestCase(t)
	res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil || res.Added != 1 || len(res.Warnings) != 1 {
		t.Fatalf("import of a truncated photo: %+v, %v", res, err)
	}
	im, err := c.FindImage(context.Background(), filepath.Join(src, "cut.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(im.MetaNote, "damaged") {
		t.Errorf("note %q does not say the file is damaged", im.MetaNote)
	}
	p, err := c.Preview(context.Background(), im)
	if err != nil {
		t.Fatalf("preview of a damaged photo: %v", err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
		t.Errorf("no preview file: %v", err)
	}
}
