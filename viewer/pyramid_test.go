package viewer

import "testing"

func TestLerp32(t *testing.T) {
	tests := []struct {
		a, b, w, want uint32
	}{
		{0x00000000, 0xffffffff, 0, 0x00000000},
		{0x00000000, 0xffffffff, 256, 0xffffffff},
		{0x00000000, 0xffffffff, 128, 0x80808080},
		{0x10203040, 0x50607080, 64, 0x20304050},
		{0xff00ff00, 0x00ff00ff, 192, 0x40bf40bf},
	}
	for _, tt := range tests {
		if got := lerp32(tt.a, tt.b, tt.w); got != tt.want {
			t.Errorf("lerp32(%08x, %08x, %d) = %08x, want %08x", tt.a, tt.b, tt.w, got, tt.want)
		}
	}
}
