package picture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// TestDecodeRecoverableDamage: damage that leaves the picture whole is
// decoded, with an error wrapping ErrRecovered that names it, and the
// pixels of the undamaged file.
func TestDecodeRecoverableDamage(t *testing.T) {
	src := pattern(160, 96)
	var pb bytes.Buffer
	if err := png.Encode(&pb, src); err != nil {
		t.Fatal(err)
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, src, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format string
		clean        []byte
		damage       func([]byte) []byte
		says         string
	}{
		{"png with a bad IDAT CRC", "png", pb.Bytes(), func(b []byte) []byte {
			i := bytes.Index(b, []byte("IDAT"))
			n := int(binary.BigEndian.Uint32(b[i-4:]))
			b[i+4+n] ^= 0x40 // first byte of its CRC
			return b
		}, `bad CRC in "IDAT" chunk at byte`},
		{"jpeg with extraneous bytes before a marker", "jpeg", jb.Bytes(), func(b []byte) []byte {
			return append(b[:len(b)-2:len(b)-2], 0x12, 0x34, 0x56, 0xFF, 0xD9) // before EOI
		}, "extraneous bytes before marker 0xd9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want, err := Decode(tc.clean, tc.format, 0)
			if err != nil {
				t.Fatal(err)
			}
			img, err := Decode(tc.damage(bytes.Clone(tc.clean)), "", 0)
			if img == nil || !errors.Is(err, ErrRecovered) || !Damaged(err) || errors.Is(err, ErrPartial) {
				t.Fatalf("Decode = %T, %v; want an image and ErrRecovered", img, err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
			if d := meanDiff(img, want); d != 0 {
				t.Errorf("mean difference from the undamaged file %.2f, want 0", d)
			}
		})
	}
}

// TestDecodeJPEGJunkBeforeScan: two stray bytes between the last table
// and the start of the scan (libjpeg: "2 extraneous bytes before marker
// 0xda") are met while the header is read. The picture is whole: decoded
// by TurboJPEG at any scale, thumbnails included, with an error wrapping
// ErrRecovered that names the damage, and the pixels of the undamaged
// file at that scale. (The header's warning once sent the file to
// libvips, whose shrink on load said nothing of the damage: the import
// counted the photo as undamaged.)
func TestDecodeJPEGJunkBeforeScan(t *testing.T) {
	if !hasDCTScaling {
		t.Skip("image/jpeg (no cgo) stops at the junk")
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, pattern(640, 384), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	clean := jb.Bytes()
	sos := bytes.Index(clean, []byte{0xFF, 0xDA})
	damaged := append(append(bytes.Clone(clean[:sos]), 0x12, 0x34), clean[sos:]...)
	for _, minLong := range []int{0, 96, ThumbLong * 3 / 2} {
		want, err := Decode(clean, "jpeg", minLong)
		if err != nil {
			t.Fatal(err)
		}
		img, err := Decode(damaged, "", minLong)
		if img == nil || !errors.Is(err, ErrRecovered) || errors.Is(err, ErrPartial) {
			t.Fatalf("minLong %d: Decode = %T, %v; want an image and ErrRecovered", minLong, img, err)
		}
		if !strings.Contains(err.Error(), "extraneous bytes before marker 0xda") || strings.Contains(err.Error(), "Vips") {
			t.Errorf("minLong %d: error %q does not name the damage, or not from TurboJPEG", minLong, err)
		}
		if img.Bounds() != want.Bounds() {
			t.Errorf("minLong %d: size %v, want %v", minLong, img.Bounds(), want.Bounds())
		} else if d := meanDiff(img, want); d != 0 {
			t.Errorf("minLong %d: mean difference from the undamaged file %.2f, want 0", minLong, d)
		}
	}
	th, err := Thumbnail(damaged, "jpeg", 1, ThumbLong)
	if th == nil || !Damaged(err) {
		t.Errorf("Thumbnail = %T, %v; want a thumbnail and the damage", th, err)
	}
}

// TestDecodePNGBadCRCElsewhere: a bad CRC that is not the only damage
// (the data itself is broken) is still an error, naming both.
func TestDecodePNGBadCRCElsewhere(t *testing.T) {
	var pb bytes.Buffer
	if err := png.Encode(&pb, pattern(64, 64)); err != nil {
		t.Fatal(err)
	}
	b := pb.Bytes()
	i := bytes.Index(b, []byte("IDAT"))
	b[i+10] ^= 0xFF // compressed data: the CRC no longer matches either
	img, err := Decode(b, "png", 0)
	if err == nil || img != nil && !Damaged(err) {
		t.Fatalf("Decode = %T, %v; want an error", img, err)
	}
}
