package picture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"strings"
)

// decodePNG decodes a PNG with image/png. image/png refuses a file with
// one bad chunk checksum (CRC), which leaves the picture itself whole
// more often than not (a flipped bit in the CRC, or a copy that damaged a
// byte of one chunk): such a file is decoded again from a copy whose
// checksums are corrected, and the image comes with an error wrapping
// ErrRecovered that names the chunks.
func decodePNG(data []byte) (image.Image, error) {
	img, err := decodeGuarded(data, png.DecodeConfig, png.Decode)
	if err == nil || !strings.Contains(err.Error(), "checksum") {
		return img, err
	}
	fixed, bad := fixPNGChecksums(data)
	if len(bad) == 0 {
		return nil, err
	}
	img, err2 := decodeGuarded(fixed, png.DecodeConfig, png.Decode)
	if err2 != nil {
		return nil, fmt.Errorf("%w (and with the bad checksums of %s ignored: %v)", err, strings.Join(bad, ", "), err2)
	}
	return img, fmt.Errorf("bad CRC in %s, ignored: %w", strings.Join(bad, ", "), ErrRecovered)
}

// fixPNGChecksums returns a copy of data in which the CRC of every chunk
// is correct, and the chunks whose CRC was not (as "IDAT chunk at byte
// N"). It stops at a chunk that runs past the end of data.
func fixPNGChecksums(data []byte) ([]byte, []string) {
	const sig = 8
	if len(data) < sig || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, nil
	}
	var out []byte
	var bad []string
	for at := sig; at+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[at:]))
		end := at + 8 + n + 4
		if n < 0 || n > len(data) || end > len(data) {
			break
		}
		body := data[at+4 : at+8+n] // type and data
		want := crc32.ChecksumIEEE(body)
		if binary.BigEndian.Uint32(data[end-4:]) != want {
			if out == nil {
				out = bytes.Clone(data)
			}
			binary.BigEndian.PutUint32(out[end-4:], want)
			bad = append(bad, fmt.Sprintf("%q chunk at byte %d", body[:4], at))
		}
		if string(body[:4]) == "IEND" {
			break
		}
		at = end
	}
	if out == nil {
		return nil, nil
	}
	return out, bad
}
