package meta

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"strings"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// decodeConfig runs an image package's DecodeConfig behind recover.
func decodeConfig(data []byte, fn func(r *bytes.Reader) (image.Config, error)) (cfg image.Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("decoder panicked: %v", p)
		}
	}()
	return fn(bytes.NewReader(data))
}

func (r *reader) setConfig(cfg image.Config) {
	r.m.Width, r.m.Height = cfg.Width, cfg.Height
}

// readPNG takes the size from IHDR and walks the chunks for eXIf and XMP
// (an iTXt chunk with keyword XML:com.adobe.xmp).
func (r *reader) readPNG() error {
	cfg, err := decodeConfig(r.data, func(b *bytes.Reader) (image.Config, error) { return png.DecodeConfig(b) })
	switch {
	case err == nil:
		r.setConfig(cfg)
	case strings.Contains(err.Error(), "checksum") && len(r.data) >= 33 && string(r.data[12:16]) == "IHDR":
		// Damaged, but its header is there: its size and chunks are
		// read as they stand (the pixels may still come, see picture).
		r.note("PNG: %v (the header is read as it stands)", err)
		w, h := binary.BigEndian.Uint32(r.data[16:]), binary.BigEndian.Uint32(r.data[20:])
		if w > 0 && h > 0 && w <= 1<<31-1 && h <= 1<<31-1 {
			r.m.Width, r.m.Height = int(w), int(h)
		}
	default:
		return fmt.Errorf("header: %w", err)
	}
	d := r.data
	for pos := 8; pos+8 <= len(d); {
		n := int(binary.BigEndian.Uint32(d[pos:]))
		typ := string(d[pos+4 : pos+8])
		start, end := pos+8, pos+8+n
		if n < 0 || end > len(d)-4 || end < start {
			if typ != "IEND" {
				r.note("PNG: chunk %q runs past the end of the data (file truncated?)", typ)
			}
			break
		}
		body := d[start:end]
		switch typ {
		case "eXIf":
			if r.exif == nil {
				r.exif = trimExifPrefix(body)
			}
		case "iTXt":
			if p, ok := pngXMP(body); ok {
				r.xmp = append(r.xmp, p)
			}
		case "IEND":
			return nil
		}
		pos = end + 4 // CRC
	}
	return nil
}

// pngXMP returns the text of an uncompressed iTXt chunk holding XMP.
func pngXMP(body []byte) ([]byte, bool) {
	const key = "XML:com.adobe.xmp\x00"
	if !bytes.HasPrefix(body, []byte(key)) || len(body) < len(key)+2 {
		return nil, false
	}
	rest := body[len(key):]
	if rest[0] != 0 { // compressed: not read
		return nil, false
	}
	rest = rest[2:]
	// language tag and translated keyword, each NUL-terminated
	for range 2 {
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return nil, false
		}
		rest = rest[i+1:]
	}
	return rest, true
}

// trimExifPrefix drops an "Exif\0\0" prefix some writers put before the TIFF
// header in PNG, WebP and HEIF.
func trimExifPrefix(b []byte) []byte {
	if bytes.HasPrefix(b, exifPrefix) && len(b) >= 6 {
		return b[6:]
	}
	return b
}

// readGIF takes the logical screen size. GIF has no EXIF.
func (r *reader) readGIF() error {
	cfg, err := decodeConfig(r.data, func(b *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(b) })
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	r.setConfig(cfg)
	return nil
}

// readWebP takes the size from the VP8, VP8L or VP8X header and walks the RIFF
// chunks for EXIF and XMP.
func (r *reader) readWebP() error {
	cfg, err := decodeConfig(r.data, func(b *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(b) })
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	r.setConfig(cfg)
	d := r.data
	end := len(d)
	if n := int(binary.LittleEndian.Uint32(d[4:])); n >= 4 && 8+n < end {
		end = 8 + n
	}
	for pos := 12; pos+8 <= end; {
		typ := string(d[pos : pos+4])
		n := int(binary.LittleEndian.Uint32(d[pos+4:]))
		start, stop := pos+8, pos+8+n
		if n < 0 || stop > end || stop < start {
			r.note("WebP: chunk %q runs past the end of the data (file truncated?)", typ)
			break
		}
		switch typ {
		case "EXIF":
			if r.exif == nil {
				r.exif = trimExifPrefix(d[start:stop])
			}
		case "XMP ":
			r.xmp = append(r.xmp, d[start:stop])
		}
		pos = stop + n&1 // chunks are padded to an even size
	}
	return nil
}

// readTIFF takes the size from the first IFD; the file itself is the EXIF
// blob. When the TIFF decoder refuses the file (an unsupported compression or
// colour model, say) the size comes from the ImageWidth and ImageLength tags.
func (r *reader) readTIFF() error {
	if BigTIFF(r.data) {
		// Its 64-bit directories are rewritten as classic ones (see
		// bigtiff.go); the size comes from IFD0's ImageWidth and
		// ImageLength (or, failing them, from libvips: see
		// picture.Dimensions).
		blob, problems, err := classicFromBig(r.data, r.allTags)
		if err != nil {
			return err
		}
		for _, p := range problems {
			r.note("BigTIFF %s", p)
		}
		r.exif = blob
		return nil
	}
	if _, _, err := tiffHeader(r.data); err != nil {
		return err
	}
	cfg, err := decodeConfig(r.data, func(b *bytes.Reader) (image.Config, error) { return tiff.DecodeConfig(b) })
	if err == nil {
		r.setConfig(cfg)
	} else {
		var unsupported tiff.UnsupportedError
		if !errors.As(err, &unsupported) {
			r.note("TIFF: %v; size taken from the tags", err)
		}
	}
	r.exif = r.data
	return nil
}
