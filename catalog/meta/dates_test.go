package meta

import (
	"testing"
	"time"
)

func TestParseExifDate(t *testing.T) {
	tests := []struct {
		in, clock, offset string
		bad               bool
	}{
		{"2008:10:22 16:28:39", "2008-10-22 16:28:39.000", "", false},
		{"2008-10-22T16:28:39", "2008-10-22 16:28:39.000", "", false},
		{"2013:07:05 03:18:27Z", "2013-07-05 03:18:27.000", "+00:00", false},
		{"2008-05-25T19:31:26.0+1:00", "2008-05-25 19:31:26.000", "+01:00", false},
		{"2014-09-21T16:00:56.000000+02:00", "2014-09-21 16:00:56.000", "+02:00", false},
		{"2005-09-07T15:07:40-07:00", "2005-09-07 15:07:40.000", "-07:00", false},
		{"2010-04-13T09:37", "2010-04-13 09:37:00.000", "", false},
		{"2008:10:22 16:28:39.25", "2008-10-22 16:28:39.250", "", false},
		{"2008:10:22", "", "", true},
		{"2008:13:22 16:28:39", "", "", true},
		{"2021:02:29 10:00:00", "", "", true},
		{"2008:10:22 24:00:00", "", "", true},
		{"2008:10:22 16:28:39+25:00", "", "", true},
		{"garbage that is long enough", "", "", true},
	}
	for _, tc := range tests {
		clock, off, err := parseExifDate(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseExifDate(%q) = %v %q, want an error", tc.in, clock, off)
			}
			continue
		}
		if err != nil || clock.Format("2006-01-02 15:04:05.000") != tc.clock || off != tc.offset || clock.Location() != time.UTC {
			t.Errorf("parseExifDate(%q) = %v %q %v, want %s %q", tc.in, clock, off, err, tc.clock, tc.offset)
		}
	}
}

func TestNormOffset(t *testing.T) {
	for in, want := range map[string]string{"+03:00": "+03:00", "-05:00": "-05:00", "+1:00": "+01:00", "+0530": "+05:30", "-3": "-03:00", "Z": "+00:00",
		"   :  ": "", "03:00": "", "+15:00": "", "+03:60": "", "": "", "+": ""} {
		got, ok := normOffset(in)
		if got != want || ok != (want != "") {
			t.Errorf("normOffset(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestFraction(t *testing.T) {
	for in, want := range map[string]time.Duration{"054": 54 * time.Millisecond, "5": 500 * time.Millisecond, "  72 ": 720 * time.Millisecond,
		"123456789": 123456789, "1234567891": 123456789, "": 0, "5x": 0} {
		if got := fraction(in); got != want {
			t.Errorf("fraction(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestDegreesFromString(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"52,00000,50,00000,34,01180", 52 + 50.0/60 + 34.0118/3600, true},
		{"52.0,50.0,34.01180", 52 + 50.0/60 + 34.0118/3600, true},
		{"52,50,34.0118", 52 + 50.0/60 + 34.0118/3600, true},
		{"12.5", 12.5, true},
		{"1,2", 0, false},
		{"a,b,c", 0, false},
		{"-1,0,0", 0, false},
	}
	for _, tc := range tests {
		got, ok := degreesFromString(tc.in)
		if ok != tc.ok || ok && (got-tc.want > 1e-12 || tc.want-got > 1e-12) {
			t.Errorf("degreesFromString(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestXMPCoordinate(t *testing.T) {
	tests := []struct {
		in   string
		pos  byte
		neg  byte
		want float64
		ok   bool
	}{
		{"26,35.2N", 'N', 'S', 26 + 35.2/60, true},
		{"38,24.311687S", 'N', 'S', -(38 + 24.311687/60), true},
		{"80,3,13W", 'E', 'W', -(80 + 3.0/60 + 13.0/3600), true},
		{"80,3,13", 'E', 'W', 0, false},
		{"95,0N", 'N', 'S', 0, false},
		{"N", 'N', 'S', 0, false},
	}
	for _, tc := range tests {
		got, ok := xmpCoordinate(tc.in, tc.pos, tc.neg, map[byte]float64{'N': 90, 'E': 180}[tc.pos])
		if ok != tc.ok || ok && (got-tc.want > 1e-12 || tc.want-got > 1e-12) {
			t.Errorf("xmpCoordinate(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestReconyxLayouts checks the two Reconyx maker-note layouts the corpus
// has no sample of (the HyperFire one is checked against ExifTool).
func TestReconyxLayouts(t *testing.T) {
	uf := append([]byte("RECONYXUF\x00"), make([]byte, 0x3b-10)...)
	uf = append(uf, 5, 4, 3, 16, 3, 0xe4, 0x07) // s m h day month year(lo, hi)
	h2 := append([]byte("RECONYXH2\x00"), make([]byte, 0x3e-10)...)
	for _, v := range []uint16{5, 4, 3, 16, 3, 2020} {
		h2 = le.AppendUint16(h2, v)
	}
	for name, mn := range map[string][]byte{"UltraFire": uf, "HyperFire 2": h2} {
		t.Run(name, func(t *testing.T) {
			blob := tiffBlob(map[uint16]tval{tagMake: ascii("RECONYX")}, map[uint16]tval{tagMakerNote: {7, uint32(len(mn)), mn}}, nil)
			m, err := Read(jpegWith(8, 8, app1Exif(blob)))
			if err != nil {
				t.Fatal(err)
			}
			check(t, m, want{format: "jpeg", taken: "2020-03-16 03:04:05.000", utc: true, make: "RECONYX"})
		})
	}
}
