package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
	"github.com/exhibit-app/exhibit/catalog/meta"
	"github.com/exhibit-app/exhibit/catalog/picture"
)

// ThumbSize is the long side, in pixels, of the thumbnails made at import.
const ThumbSize = picture.ThumbLong

// PreviewSize is the long side, in pixels, of previews.
const PreviewSize = picture.PreviewLong

// JPEG qualities of the cached thumbnails and previews.
const (
	thumbQuality   = 85
	previewQuality = 88
)

// maxInMemory is the largest file read whole into memory; larger files are
// hashed as a stream and cataloged without decoding.
const maxInMemory = 512 << 20

// largeThumbs lets the thumbnail of one file over maxInMemory be made at
// a time: libvips needs some 200 MB to shrink a tiled TIFF 40,000 pixels
// across, and an import's memory stays under 500 MB however many such
// files a folder holds.
var largeThumbs = make(chan struct{}, 1)

// maxKeptBuffer is the largest read buffer a worker keeps for the next
// file: enough for any camera photo, not a 500 MB scan.
const maxKeptBuffer = 64 << 20

// errSkip marks a file that is not an image: left out, not failed.
var errSkip = errors.New("not an image")

// processed is what a worker found out about one file.
type processed struct {
	cand   candidate
	sha256 string
	meta   meta.Meta
	// decoded is false when the pixels could not be decoded but the
	// metadata could: the file is cataloged as "no picture", note says why.
	decoded bool
	note    string
	// warning is set for a file cataloged although damaged.
	warning string
	err     error // failed (or errSkip)
	// skip is why a file the walk found is left out unopened (a named
	// pipe, a socket, a device): it has no hash.
	skip string
	// foot is the image's footprint when it is georeferenced.
	foot *Footprint
	// deferred is set for a JPEG whose thumbnail the first pass left to
	// the second (see firstlook.go): it is cataloged as decoded, and
	// corrected by the second pass if its pixels cannot be decoded.
	deferred bool
	// provisional is set when the first pass wrote its provisional
	// thumbnail (from the camera's embedded one).
	provisional bool
}

// skipped returns why p was left out on purpose, if it was.
func (p *processed) skipped() (string, bool) {
	switch {
	case p.skip != "":
		return p.skip, true
	case p.err != nil && errors.Is(p.err, errSkip):
		return p.err.Error(), true
	}
	return "", false
}

// process reads one original once: hashes it, reads its metadata and makes
// its thumbnail. It never panics.
//
// buf is a buffer the caller keeps between calls, to read files into
// without allocating (and zeroing) one for each; nothing of it is kept.
//
// With firstLook, a JPEG's thumbnail is left to the second pass
// (finishThumb); its embedded preview, if any, is written as its
// provisional thumbnail.
func (c *Case) process(ctx context.Context, f candidate, buf *[]byte, firstLook bool) (p processed) {
	p.cand = f
	defer func() {
		if r := recover(); r != nil {
			p.err = fmt.Errorf("internal error while reading the file: %v", r)
		}
	}()
	if err := ctx.Err(); err != nil {
		p.err = err
		return p
	}
	file, fi, err := regular.Open(f.path) // read-only
	if err != nil {
		p.err = fmt.Errorf("cannot open: %w", unwrapPathError(err))
		return p
	}
	defer file.Close()
	// The walk's size and time may be stale; catalog what is read now.
	p.cand.size, p.cand.mtime = fi.Size(), fi.ModTime().UnixNano()

	if head, ok := notImageHead(file, fi.Size()); ok {
		// A video or a document: left out without decoding it, but hashed,
		// as a stream, so that the record holds every file offered.
		p.err = notImage(f.path, head)
		if f.skipSHA != "" && fi.Size() == f.size && fi.ModTime().UnixNano() == f.mtime {
			p.sha256 = f.skipSHA // hashed by an earlier import, and unchanged since
			return p
		}
		sum, err := hashReader(file)
		if err != nil {
			p.err = fmt.Errorf("cannot read: %w", unwrapPathError(err))
			return p
		}
		p.sha256 = sum
		return p
	}
	if fi.Size() > maxInMemory {
		return c.processLarge(file, p)
	}
	// One read into a buffer of the file's size (io.ReadAll would grow and
	// copy it several times).
	var data []byte
	switch {
	case int64(cap(*buf)) >= fi.Size():
		data = (*buf)[:fi.Size()]
	case fi.Size() <= maxKeptBuffer:
		*buf = make([]byte, fi.Size())
		data = *buf
	default:
		data = make([]byte, fi.Size()) // not kept: freed after this file
	}
	if _, err := io.ReadFull(file, data); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("the file got shorter while it was read")
		}
		p.err = fmt.Errorf("cannot read: %w", unwrapPathError(err))
		return p
	}
	// Hashed first: a file that fails or is skipped below is recorded
	// with its SHA-256 too.
	sum := sha256.Sum256(data)
	p.sha256 = hex.EncodeToString(sum[:])
	if len(data) == 0 {
		p.err = errors.New("empty file (0 bytes)")
		return p
	}

	m, err := meta.Read(data)
	if err != nil {
		if errors.Is(err, meta.ErrNotImage) {
			p.err = notImage(f.path, data)
		} else {
			p.err = err
		}
		return p
	}
	m = withDeclaredSize(m, data, func() (int, int, error) { return picture.Dimensions(data) })
	p.meta = m
	if m.Width == 0 || m.Height == 0 {
		// Metadata but no picture (an EXIF block cut from its image, say):
		// cataloged without pixels, not failed.
		p.note = fmt.Sprintf("no picture: the %s file holds metadata but no image data", strings.ToUpper(m.Format))
		return p
	}
	if err := meta.CheckSize(m.Width, m.Height, fi.Size()); err != nil {
		p.err = err // a decompression bomb
		return p
	}
	p.foot, p.note = readFootprint(f.path, data, m.Format, m.Width, m.Height)
	if c.hasThumb(p.sha256) {
		p.decoded = true // made by an earlier import of the same bytes
		return p
	}
	if err := ctx.Err(); err != nil {
		p.err = err
		return p
	}
	if firstLook && m.Format == "jpeg" {
		p.deferred, p.decoded = true, true
		p.provisional = c.writeProvisional(p.sha256, data, m.Orientation)
		return p
	}
	var th image.Image
	decode := func() { th, err = picture.Thumbnail(data, m.Format, m.Orientation, ThumbSize) }
	if !guardedFormat(m.Format) {
		decode()
	} else if why := c.guardDecode(p.sha256, f.path, decode); why != "" {
		p.note = joinNotes(p.note, why)
		return p
	}
	return c.keepThumb(p, th, err)
}

// keepThumb writes the thumbnail th made for p, noting the damage err
// names; without a thumbnail p is cataloged as "no picture", with why.
func (c *Case) keepThumb(p processed, th image.Image, err error) processed {
	switch {
	case th != nil && picture.Damaged(err):
		// A damaged file (truncated, say): cataloged, with what could be
		// decoded and a warning, rather than left out.
		p.warning = "damaged: " + err.Error()
	case err != nil || th == nil:
		// Its metadata could be read: cataloged with its hash and
		// metadata, without pixels.
		if err == nil {
			err = errors.New("no image")
		}
		p.note = joinNotes(p.note, "no picture: "+err.Error())
		return p
	}
	if err := writeJPEG(c.ThumbPath(p.sha256), th, thumbQuality); err != nil {
		p.err = fmt.Errorf("write thumbnail: %w", err)
		return p
	}
	p.decoded = true
	return p
}

// processLarge hashes a file too large to hold in memory, reads its
// metadata from its head and makes its thumbnail from the file.
func (c *Case) processLarge(file *os.File, p processed) processed {
	sum, err := hashReader(file)
	if err != nil {
		p.err = fmt.Errorf("cannot read: %w", unwrapPathError(err))
		return p
	}
	p.sha256 = sum
	// Its metadata is read from the whole file mapped in memory (a large
	// TIFF's directories often follow its pixels), only what is read
	// loaded.
	view, release, err := fileView(file, p.cand.size, 16<<20)
	if err != nil {
		p.err = fmt.Errorf("cannot read: %w", unwrapPathError(err))
		return p
	}
	defer release()
	var m meta.Meta
	if ferr := readFaulting(func() {
		m, err = meta.Read(view)
		if err == nil {
			m = withDeclaredSize(m, view, func() (int, int, error) { return picture.FileDimensions(file) })
			p.foot, p.note = readFootprint(p.cand.path, view, m.Format, m.Width, m.Height)
		} else if errors.Is(err, meta.ErrNotImage) {
			err = notImage(p.cand.path, view[:min(len(view), headSize)])
		}
	}); ferr != nil {
		p.err = ferr
		return p
	}
	if err != nil {
		p.err = err
		return p
	}
	p.meta = m
	if m.Width == 0 || m.Height == 0 {
		p.note = joinNotes(p.note, fmt.Sprintf("no picture: the %s file holds metadata but no image data", strings.ToUpper(m.Format)))
		return p
	}
	if err := meta.CheckSize(m.Width, m.Height, p.cand.size); err != nil {
		p.err = err
		return p
	}
	if c.hasThumb(p.sha256) {
		p.decoded = true
		return p
	}
	if m.Format == "heic" || m.Format == "avif" {
		p.note = joinNotes(p.note, fmt.Sprintf("no picture: HEIF over %d MB is not decoded", maxInMemory>>20))
		return p
	}
	// Shrunk on load by libvips, streaming from the file, one such file
	// at a time.
	largeThumbs <- struct{}{}
	th, err := picture.ThumbnailFile(file, m.Orientation, ThumbSize)
	<-largeThumbs
	return c.keepThumb(p, th, err)
}

// headSize is how much of a file notImageHead reads.
const headSize = 4 << 10

// notImageHead reads the start of file and reports whether its content is
// no image: then the rest of it need not be read. It says so only when the
// head decides it as the whole file would (see meta.Sniff).
func notImageHead(file *os.File, size int64) (head []byte, ok bool) {
	head = make([]byte, min(size, headSize))
	if n, err := file.ReadAt(head, 0); n < len(head) || err != nil && !errors.Is(err, io.EOF) || len(head) == 0 {
		return nil, false // the full read says what is wrong
	}
	if meta.Sniff(head) != "" {
		return nil, false
	}
	// An ISO-BMFF file type box longer than the head may list an image
	// brand past it.
	if int64(len(head)) < size && len(head) >= 8 && string(head[4:8]) == "ftyp" &&
		int(binary.BigEndian.Uint32(head)) > len(head) {
		return nil, false
	}
	return head, true
}

// ThumbPath returns where the thumbnail of the image with this SHA-256 is
// cached.
func (c *Case) ThumbPath(sha string) string {
	return filepath.Join(c.CacheDir(), "thumbs", sha[:2], sha+".jpg")
}

// PreviewPath returns where the preview of the image with this SHA-256 is
// cached (it may not exist yet: see Preview).
func (c *Case) PreviewPath(sha string) string {
	return filepath.Join(c.CacheDir(), "previews", sha[:2], sha+".jpg")
}

// writeJPEG writes img as a JPEG file, atomically, creating its folder.
func writeJPEG(path string, img image.Image, quality int) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return picture.WriteFileAtomic(path, func(w io.Writer) error { return picture.EncodeJPEG(w, img, quality) })
}

func (c *Case) hasThumb(sha string) bool {
	fi, err := os.Stat(c.ThumbPath(sha))
	return err == nil && fi.Size() > 0
}

// notImage is the error for a file whose content is no image: a skip, or a
// failure when its name says it is an image.
func notImage(path string, data []byte) error {
	what := describeContent(data)
	if strings.HasPrefix(what, rawPhoto) {
		return errors.New(what + "; catalog the camera's JPEG, or a converted copy, beside it")
	}
	if ext := strings.ToLower(filepath.Ext(path)); IsImageExtension(ext) {
		return fmt.Errorf("named %s but its content is %s, not an image", ext, what)
	}
	return fmt.Errorf("%w (%s)", errSkip, what)
}

func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			return false
		}
	}
	return true
}

// withDeclaredSize gives a BigTIFF whose IFD0 gave no size (data starts
// its file; a size past 32 bits, or a damaged directory), or a file of a
// format only libvips reads (meta.VipsOnly: BMP, JPEG 2000...), the size
// its header declares to libvips (dims), so that its pixels are decoded.
// Not a damaged classic TIFF, whose tags did not give a size: libvips
// maps the whole file to look, which it is not worth.
func withDeclaredSize(m meta.Meta, data []byte, dims func() (int, int, error)) meta.Meta {
	if !meta.BigTIFF(data) && !meta.VipsOnly(m.Format) || m.Width > 0 && m.Height > 0 {
		return m
	}
	if w, h, err := dims(); err == nil && w > 0 && h > 0 {
		m.Width, m.Height = w, h
	}
	return m
}
