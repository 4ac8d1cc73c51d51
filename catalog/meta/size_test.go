package meta

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
)

func TestCheckSize(t *testing.T) {
	tests := []struct {
		w, h int
		size int64
		err  string
	}{
		{4000, 3000, 5 << 20, ""},
		{14204, 10652, 80 << 20, ""}, // 151 MP medium format
		{60000, 4166, 1000, ""},      // just under MaxPixels
		{25000, 10000, 1, ""},        // exactly 250 MP: decoded at full size, the decoder guards
		{40000, 40000, 10 << 20, ""}, // a black 1.6 GP JPEG is 10 MB
		{40000, 40000, 512 << 10, "in only 524288 bytes"},
		{60000, 60000, 2 << 20, ""},
		{60001, 100, 1 << 30, "a side over the 60000-pixel limit"},
		{50000, 50000, 1000, "declares 50000×50000 pixels (2500 MP) in only 1000 bytes"},
		{math.MaxInt32, math.MaxInt32, 1 << 40, "a side over"},
		{0, 100, 1, "not a valid size"},
		{100, -1, 1, "not a valid size"},
	}
	for _, tc := range tests {
		err := CheckSize(tc.w, tc.h, tc.size)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("CheckSize(%d, %d) = %v, want nil", tc.w, tc.h, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("CheckSize(%d, %d) = %v, want an error saying %q", tc.w, tc.h, err, tc.err)
		}
	}
}

// TestDecompressionBomb reads headers that declare gigapixel images: Read
// must report the size without allocating for it, and CheckSize must refuse.
func TestDecompressionBomb(t *testing.T) {
	bombs := map[string]struct {
		data    []byte
		refused bool // the header decoder itself refuses the size
	}{
		"png 50000×50000":   {append(pngHeader(50000, 50000), pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...), false},
		"png 2^31-1 square": {pngHeader(math.MaxInt32, math.MaxInt32), true},
		"jpeg 65535×65535":  {jpegWith(65535, 65535), false},
		"webp 30000×30000":  {webpWith(30000, 30000, riffChunk("VP8L", []byte{0x2f, 0x2f, 0xf5, 0x4b, 0x1d, 0})), false},
		"webp 16M×16M":      {webpWith(1<<24, 1<<24), true},
	}
	for name, bomb := range bombs {
		t.Run(name, func(t *testing.T) {
			data := bomb.data
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m, err := Read(data)
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
				t.Errorf("Read allocated %d bytes for a %d-byte header", alloc, len(data))
			}
			if bomb.refused {
				if err == nil || errors.Is(err, ErrNotImage) {
					t.Fatalf("Read = %v, want the header refused", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
				t.Errorf("Read allocated %d bytes for a %d-byte header", alloc, len(data))
			}
			if int64(m.Width)*int64(m.Height) <= MaxPixels {
				t.Errorf("size = %d×%d, want the declared size", m.Width, m.Height)
			}
			if err := CheckSize(m.Width, m.Height, int64(len(data))); err == nil || !strings.Contains(err.Error(), "refused before decoding") {
				t.Errorf("CheckSize(%d, %d) = %v, want a refusal", m.Width, m.Height, err)
			}
		})
	}
}
