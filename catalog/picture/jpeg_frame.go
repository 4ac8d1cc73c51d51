package picture

import (
	"encoding/binary"
	"fmt"
)

// maxCoefBytes bounds the memory a progressive JPEG needs before any pixel
// comes out: libjpeg keeps every DCT coefficient of the image (128 bytes a
// block), whatever the output scale. 320 MB is a 53 MP 4:4:4 or a 107 MP
// 4:2:0 progressive JPEG.
const maxCoefBytes = 320 << 20

// jpegFrame is what a JPEG's SOF marker declares.
type jpegFrame struct {
	width, height int
	progressive   bool // SOF2, SOF6, SOF10, SOF14
	arithmetic    bool // SOF9 and up
	sampling      [][2]int
}

// readJPEGFrame walks the markers of data up to the first SOF marker; ok is
// false when there is none before the scan data or the end.
func readJPEGFrame(data []byte) (f jpegFrame, ok bool) {
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			return f, false
		}
		m := data[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0x01 || (m >= 0xD0 && m <= 0xD8): // markers without length
			i += 2
			continue
		case m == 0xDA || m == 0xD9: // scan or end before any frame
			return f, false
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return f, false
		}
		seg := data[i+4 : i+2+n]
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC {
			if len(seg) < 6 {
				return f, false
			}
			f.height = int(binary.BigEndian.Uint16(seg[1:]))
			f.width = int(binary.BigEndian.Uint16(seg[3:]))
			nc := int(seg[5])
			if len(seg) < 6+3*nc {
				return f, false
			}
			for c := range nc {
				hv := seg[6+3*c+1]
				f.sampling = append(f.sampling, [2]int{int(hv >> 4), int(hv & 15)})
			}
			f.progressive = m&3 == 2
			f.arithmetic = m >= 0xC9
			return f, true
		}
		i += 2 + n
	}
	return f, false
}

// blocks returns the number of 8×8 DCT blocks of all components.
func (f jpegFrame) blocks() int64 {
	hmax, vmax := 1, 1
	for _, s := range f.sampling {
		hmax, vmax = max(hmax, s[0]), max(vmax, s[1])
	}
	var n int64
	for _, s := range f.sampling {
		if s[0] == 0 || s[1] == 0 {
			continue
		}
		cw := (f.width*s[0] + hmax - 1) / hmax
		ch := (f.height*s[1] + vmax - 1) / vmax
		n += int64((cw+7)/8) * int64((ch+7)/8)
	}
	return n
}

// checkJPEG refuses, before decoding, JPEGs that would cost far more
// memory or time than their data can justify: a side over MaxSide; progressive
// with more than maxCoefBytes of coefficients; or Huffman-coded and far too
// small for their declared size. Every block takes at least 2 bits in a
// baseline JPEG (a DC and an end-of-block code) and 1 bit in the first DC
// scan of a progressive one; without this check a few hundred bytes that
// declare 200 MP would cost a gigabyte and seconds to turn into grey.
// Over MaxPixels, the error wraps errShrinkOnly (see Decode).
func checkJPEG(data []byte) error {
	f, ok := readJPEGFrame(data)
	if !ok {
		return nil // the decoder says what is wrong
	}
	if err := checkSide(f.width, f.height); err != nil {
		return err
	}
	b := f.blocks()
	if f.progressive && b*128 > maxCoefBytes {
		return fmt.Errorf("progressive %d×%d needs %d MB to decode, over %d MB: %w",
			f.width, f.height, b*128>>20, maxCoefBytes>>20, ErrTooLarge)
	}
	least := b / 64 // a 16th of the least a complete baseline JPEG takes
	if f.progressive {
		least = b / 16 // half the least of a complete first DC scan
	}
	if !f.arithmetic && int64(len(data)) < least {
		return fmt.Errorf("%d×%d in only %d bytes: truncated or forged: %w", f.width, f.height, len(data), ErrTooLarge)
	}
	return checkSize(f.width, f.height)
}
