package manifest

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
)

// A PNG render carries its manifest as three text chunks, inserted just
// before the IEND chunk (each with its CRC):
//
//	iTXt "exhibit:manifest"      manifest.json's exact bytes (UTF-8, uncompressed)
//	tEXt "exhibit:manifest.sig"  the 64-byte signature, base64 (standard, padded)
//	tEXt "exhibit:signer"        signer.pem
//
// Reading them needs no Exhibit: any tool that lists a PNG's text chunks
// (exiftool -b -Exhibitmanifest, see the README) gives the three
// files that openssl checks.

// The keywords of the PNG text chunks.
const (
	PNGManifestKey  = "exhibit:manifest"
	PNGSignatureKey = "exhibit:manifest.sig"
	PNGSignerKey    = "exhibit:signer"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// iend is the whole IEND chunk: it has no data, so its bytes never vary.
var iend = []byte{0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}

// PNGWriter passes a PNG stream through to its writer, holding back the
// last 12 bytes; Close checks that they are the IEND chunk and writes the
// manifest's chunks before it.
type PNGWriter struct {
	w      io.Writer
	s      *Sealed
	hold   []byte
	closed bool
}

// NewPNGWriter returns a writer that adds s's chunks to the PNG written
// through it. Call Close after the PNG encoder is done.
func NewPNGWriter(w io.Writer, s *Sealed) *PNGWriter {
	return &PNGWriter{w: w, s: s, hold: make([]byte, 0, len(iend))}
}

// Write passes p on, but for the last bytes written so far.
func (pw *PNGWriter) Write(p []byte) (int, error) {
	n := len(p)
	keep := len(iend)
	if len(pw.hold)+len(p) <= keep {
		pw.hold = append(pw.hold, p...)
		return n, nil
	}
	if len(p) >= keep {
		if _, err := pw.w.Write(pw.hold); err != nil {
			return 0, err
		}
		if _, err := pw.w.Write(p[:len(p)-keep]); err != nil {
			return 0, err
		}
		pw.hold = append(pw.hold[:0], p[len(p)-keep:]...)
		return n, nil
	}
	out := len(pw.hold) + len(p) - keep
	if _, err := pw.w.Write(pw.hold[:out]); err != nil {
		return 0, err
	}
	rest := make([]byte, 0, keep)
	rest = append(append(rest, pw.hold[out:]...), p...)
	pw.hold = rest
	return n, nil
}

// Close writes the manifest's chunks and the IEND chunk.
func (pw *PNGWriter) Close() error {
	if pw.closed {
		return nil
	}
	pw.closed = true
	if !bytes.Equal(pw.hold, iend) {
		return errors.New("add the manifest to the PNG: the stream does not end with an IEND chunk")
	}
	for _, c := range [][]byte{
		itxtChunk(PNGManifestKey, pw.s.JSON),
		textChunk(PNGSignatureKey, []byte(base64.StdEncoding.EncodeToString(pw.s.Signature))),
		textChunk(PNGSignerKey, pw.s.PublicKeyPEM),
	} {
		if _, err := pw.w.Write(c); err != nil {
			return fmt.Errorf("add the manifest to the PNG: %w", err)
		}
	}
	if _, err := pw.w.Write(iend); err != nil {
		return fmt.Errorf("add the manifest to the PNG: %w", err)
	}
	return nil
}

// chunk returns a whole PNG chunk: length, type, data, CRC of type and
// data.
func chunk(typ string, data []byte) []byte {
	b := make([]byte, 0, 12+len(data))
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

// textChunk is a tEXt chunk: keyword, NUL, text (Latin-1; ours is ASCII).
func textChunk(key string, text []byte) []byte {
	return chunk("tEXt", append(append([]byte(key), 0), text...))
}

// itxtChunk is an uncompressed iTXt chunk without language or translated
// keyword: keyword, NUL, compression flag 0, method 0, "" NUL, "" NUL, UTF-8
// text.
func itxtChunk(key string, text []byte) []byte {
	d := append([]byte(key), 0, 0, 0, 0, 0)
	return chunk("iTXt", append(d, text...))
}

// FromPNG reads the manifest's chunks of a PNG. Chunks with a bad CRC are
// an error; text chunks of other keywords are ignored.
func FromPNG(r io.Reader) (*Carried, error) {
	sig := make([]byte, len(pngSignature))
	if _, err := io.ReadFull(r, sig); err != nil || !bytes.Equal(sig, pngSignature) {
		return nil, errors.New("read PNG: not a PNG file")
	}
	var cr Carried
	var sigText []byte
	for {
		var hdr [8]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return nil, fmt.Errorf("read PNG: no IEND chunk: %w", err)
		}
		n := binary.BigEndian.Uint32(hdr[:4])
		typ := string(hdr[4:8])
		if n > 1<<31 {
			return nil, fmt.Errorf("read PNG: a %s chunk of %d bytes", typ, n)
		}
		if typ == "IDAT" { // large and not needed: checked by CRC all the same
			h := crc32.NewIEEE()
			h.Write(hdr[4:8])
			if _, err := io.CopyN(h, r, int64(n)); err != nil {
				return nil, fmt.Errorf("read PNG: %w", err)
			}
			if err := checkCRC(r, h.Sum32(), typ); err != nil {
				return nil, err
			}
			continue
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(r, data); err != nil {
			return nil, fmt.Errorf("read PNG: %w", err)
		}
		if err := checkCRC(r, crc32.Update(crc32.ChecksumIEEE(hdr[4:8]), crc32.IEEETable, data), typ); err != nil {
			return nil, err
		}
		switch typ {
		case "IEND":
			if sigText != nil {
				s, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(sigText)))
				if err != nil {
					return nil, fmt.Errorf("read PNG: %s: %w", PNGSignatureKey, err)
				}
				cr.Signature = s
			}
			return &cr, nil
		case "tEXt":
			key, text, _ := bytes.Cut(data, []byte{0})
			switch string(key) {
			case PNGSignatureKey:
				sigText = text
			case PNGSignerKey:
				cr.PublicKeyPEM = text
			case PNGManifestKey:
				cr.JSON = text
			}
		case "iTXt":
			key, text, ok := parseITXt(data)
			if !ok {
				continue
			}
			switch key {
			case PNGManifestKey:
				cr.JSON = text
			case PNGSignatureKey:
				sigText = text
			case PNGSignerKey:
				cr.PublicKeyPEM = text
			}
		}
	}
}

// parseITXt reads an uncompressed iTXt chunk's keyword and text.
func parseITXt(d []byte) (string, []byte, bool) {
	key, rest, ok := bytes.Cut(d, []byte{0})
	if !ok || len(rest) < 2 || rest[0] != 0 { // compressed: not ours
		return "", nil, false
	}
	rest = rest[2:]
	_, rest, ok = bytes.Cut(rest, []byte{0}) // language
	if !ok {
		return "", nil, false
	}
	_, rest, ok = bytes.Cut(rest, []byte{0}) // translated keyword
	if !ok {
		return "", nil, false
	}
	return string(key), rest, true
}

func checkCRC(r io.Reader, want uint32, typ string) error {
	var b [4]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return fmt.Errorf("read PNG: %w", err)
	}
	if binary.BigEndian.Uint32(b[:]) != want {
		return fmt.Errorf("read PNG: the %s chunk's CRC does not match its bytes", typ)
	}
	return nil
}
