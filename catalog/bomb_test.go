package catalog

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// pngHeader returns the start of a PNG declaring w×h pixels, with a valid
// IHDR and a few bytes of (useless) data: a decompression bomb's header.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestImportRefusesBombs: a file declaring a huge size is refused before
// decoding, with a clear reason, in little memory, and the import goes on.
func TestImportRefusesBombs(t *testing.T) {
	corpus := corpusDir(t)
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "bomb.png"), pngHeader(100000, 100000), 0o644)
	copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps/DSCN0010.jpg"), filepath.Join(src, "good.jpg"))
	c := openTestCase(t)
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := c.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if res.Added != 1 || len(res.Failed) != 1 {
		t.Fatalf("added %d, failed %+v; want the good file in and the bomb out", res.Added, res.Failed)
	}
	if msg := res.Failed[0].Error; !strings.Contains(msg, "100000") || !strings.Contains(msg, "refused") && !strings.Contains(msg, "limit") {
		t.Errorf("bomb reason %q does not say what was refused", msg)
	}
	// A decode of 10^10 pixels would need 30 GB at least.
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 200<<20 {
		t.Errorf("the import allocated %d MB: the bomb was decoded?", grown>>20)
	}
}
