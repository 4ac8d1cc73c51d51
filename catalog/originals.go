package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"os"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// ErrChanged is returned when the file at an image's path no longer holds
// the bytes that were cataloged.
var ErrChanged = errors.New("the file no longer matches its SHA-256")

// ReadOriginal reads an image's original from the first of its current
// paths whose bytes still match the cataloged SHA-256. The file is opened
// read-only. It fails with ErrChanged when every path holds other bytes,
// and with fs.ErrNotExist when none is there.
func (c *Case) ReadOriginal(ctx context.Context, im *Image) (data []byte, path string, err error) {
	b, p, errs := readMatching(ctx, im.Paths(), im.SHA256)
	// A team case also keeps originals fetched from its hub's store, by
	// hash: tried when no path of the image holds it, fetched when needed.
	if b == nil && ctx.Err() == nil && c.member.Load() > 0 {
		if err := c.fetchOriginal(ctx, im.SHA256); err != nil {
			errs = append(errs, err)
		} else {
			var more []error
			b, p, more = readMatching(ctx, []string{c.fetchedPath(im.SHA256)}, im.SHA256)
			errs = append(errs, more...)
		}
	}
	switch {
	case b != nil:
		return b, p, nil
	case ctx.Err() != nil:
		return nil, "", ctx.Err()
	case len(errs) == 0:
		return nil, "", fmt.Errorf("read original of image %d: no current path", im.ID)
	}
	return nil, "", fmt.Errorf("read original of image %d: %w", im.ID, errors.Join(errs...))
}

// readMatching reads the first of paths whose bytes have the SHA-256 sha,
// and says what was wrong with the others.
func readMatching(ctx context.Context, paths []string, sha string) ([]byte, string, []error) {
	var errs []error
	for _, p := range paths {
		if ctx.Err() != nil {
			return nil, "", errs
		}
		b, err := regular.ReadFile(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != sha {
			errs = append(errs, fmt.Errorf("%s: %w", p, ErrChanged))
			continue
		}
		return b, p, nil
	}
	return nil, "", errs
}

// DecodeOriginal decodes an image's original, upright, at the smallest scale
// whose long side is at least minLong pixels (0: full resolution).
func (c *Case) DecodeOriginal(ctx context.Context, im *Image, minLong int) (image.Image, error) {
	data, _, err := c.ReadOriginal(ctx, im)
	if err != nil {
		return nil, err
	}
	img, err := picture.Decode(data, im.Format, minLong)
	if err != nil {
		return nil, fmt.Errorf("decode image %d: %w", im.ID, err)
	}
	return picture.Upright(img, im.Orientation), nil
}

// Preview returns the path of the image's preview (long side PreviewSize
// pixels, upright), making it from the original the first time and keeping
// it in the cache.
func (c *Case) Preview(ctx context.Context, im *Image) (string, error) {
	p := c.PreviewPath(im.SHA256)
	if fi, err := os.Stat(p); err == nil && fi.Size() > 0 {
		return p, nil
	}
	if err := c.cacheFromOriginal(ctx, im, p, PreviewSize, previewQuality, "preview"); err != nil {
		return "", err
	}
	return p, nil
}

// Thumb returns the path of the image's thumbnail, remaking it from the
// original when the cache lost it.
func (c *Case) Thumb(ctx context.Context, im *Image) (string, error) {
	p := c.ThumbPath(im.SHA256)
	if c.hasThumb(im.SHA256) {
		return p, nil
	}
	if !im.Decoded {
		return "", fmt.Errorf("image %d has no thumbnail: %s", im.ID, im.MetaNote)
	}
	if err := c.cacheFromOriginal(ctx, im, p, ThumbSize, thumbQuality, "thumbnail"); err != nil {
		return "", err
	}
	return p, nil
}

// cacheFromOriginal writes at path a JPEG of the image's original, upright,
// with a long side of long pixels. what names it in errors.
func (c *Case) cacheFromOriginal(ctx context.Context, im *Image, path string, long, quality int, what string) error {
	data, _, err := c.ReadOriginal(ctx, im)
	if err != nil {
		return err // names the image already
	}
	th, err := picture.Thumbnail(data, im.Format, im.Orientation, long)
	if th != nil && picture.Damaged(err) {
		// A damaged original (cataloged with a warning): what can be
		// decoded is shown, as at import, whether part of it is missing
		// (ErrPartial) or the decoder went past the damage (ErrRecovered:
		// stray bytes between JPEG segments, a bad PNG checksum); the
		// note says it is damaged.
		err = nil
	}
	if err == nil {
		err = writeJPEG(path, th, quality)
	}
	if err != nil {
		return fmt.Errorf("%s of image %d: %w", what, im.ID, err)
	}
	return nil
}

func hashFile(path string) (string, error) {
	f, _, err := regular.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return hashReader(f)
}

// hashReader returns the SHA-256, in hex, of what r holds.
func hashReader(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
