package meta

import (
	"strings"
	"testing"
)

// TestPreflight checks the structures that must never reach goexif: it
// would loop forever on an IFD cycle and allocate without bound for a huge
// value count, and neither can be recovered from.
func TestPreflight(t *testing.T) {
	ok := tiffBlob(map[uint16]tval{tagMake: ascii("Canon")}, map[uint16]tval{tagDateTimeOrig: ascii("2001:02:03 04:05:06")}, nil)
	loop := tiffBlob(map[uint16]tval{tagMake: ascii("Canon")}, nil, nil)
	// IFD0 at 8 has one entry: its next-IFD offset sits at 8+2+12; point it at IFD0.
	le.PutUint32(loop[8+2+12:], 8)
	twoCycle := tiffBlob(map[uint16]tval{tagMake: ascii("Canon")}, nil, nil)
	// a second IFD after the first, each pointing at the other
	second := len(twoCycle)
	twoCycle = append(twoCycle, 1, 0)
	twoCycle = append(twoCycle, loop[10:22]...)
	twoCycle = le.AppendUint32(twoCycle, 8)
	le.PutUint32(twoCycle[8+2+12:], uint32(second))
	overflow := tiffBlob(map[uint16]tval{tagMake: ascii("Canon"), 0x8827: {5, 0x20000001, make([]byte, 8)}}, nil, nil)
	var amplify []byte
	{
		// 2000 entries, each a BYTE array over the same 60 000 bytes
		n := 2000
		b := []byte("II*\x00\x08\x00\x00\x00")
		b = le.AppendUint16(b, uint16(n))
		valOff := uint32(8 + 2 + 12*n + 4)
		for i := range n {
			b = le.AppendUint16(b, uint16(0xc000+i))
			b = le.AppendUint16(b, 1)
			b = le.AppendUint32(b, 60000)
			b = le.AppendUint32(b, valOff)
		}
		b = le.AppendUint32(b, 0)
		amplify = append(b, make([]byte, 60000)...)
	}
	tests := []struct {
		name string
		blob []byte
		err  string
	}{
		{"ordinary", ok, ""},
		{"IFD pointing at itself", loop, "loops back"},
		{"two IFDs pointing at each other", twoCycle, "loops back"},
		{"count overflowing 32 bits", overflow, "overflows"},
		{"values decoding to gigabytes", amplify, "would take over"},
		{"not TIFF", []byte("XX*\x00\x08\x00\x00\x00"), "byte order"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := preflight(tc.blob)
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("preflight = %v, want %q", err, tc.err)
			}
			if tc.err == "" {
				return
			}
			// Read still reads what it can with the second reader.
			m, err := Read(tc.blob)
			if tc.name == "not TIFF" {
				if err == nil {
					t.Fatal("Read of a non-TIFF succeeded")
				}
				return
			}
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !strings.Contains(m.Note, "not handed to goexif") {
				t.Errorf("Note = %q, want it to say goexif was not used", m.Note)
			}
		})
	}
}

func TestLenientKeepsFirstDuplicate(t *testing.T) {
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = le.AppendUint16(b, 2)
	for _, v := range []string{"AB", "CD"} {
		b = le.AppendUint16(b, tagMake)
		b = le.AppendUint16(b, 2)
		b = le.AppendUint32(b, 3)
		b = append(b, v[0], v[1], 0, 0)
	}
	b = le.AppendUint32(b, 0)
	set, problems, err := lenientTags(b)
	if err != nil || len(problems) != 0 {
		t.Fatalf("lenientTags: %v %v", err, problems)
	}
	if s, _ := strVal(set.ifd0[tagMake]); s != "AB" {
		t.Errorf("Make = %q, want the first, AB", s)
	}
}

func TestILOCExtentCap(t *testing.T) {
	// version 0, all field sizes 0, one item with 65535 extents of no bytes
	body := []byte{0, 0, 0, 0, 0x00, 0x00, 0, 1, 0, 2, 0, 0, 0xff, 0xff}
	err := parseILOC(body, func(uint64) *item { return &item{} })
	if err == nil || !strings.Contains(err.Error(), "65535 extents") {
		t.Fatalf("parseILOC = %v, want the extent count refused", err)
	}
}
