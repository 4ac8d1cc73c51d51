package pdfengine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// Doc is an open PDF. Its methods are safe for concurrent use (they run
// one at a time). Close it when done: it holds one of the engine's
// instances.
type Doc struct {
	e     *Engine
	mu    sync.Mutex
	inst  pdfium.Pdfium
	doc   references.FPDF_DOCUMENT
	data  []byte
	pages int
	ctx   context.Context
	stop  func()
	// cancel ends ctx (killing the instance); kept is set for a document
	// OpenKept keeps, whose calls are each bounded (expired: one was),
	// uses counts them.
	cancel  func()
	kept    bool
	expired atomic.Bool
	uses    atomic.Int64
	closed  atomic.Bool
}

// headerWindow is how far into a file PDFium looks for "%PDF-".
const headerWindow = 1024

// Open opens a PDF from its bytes (which must not change while it is
// open). The document lives at most the engine's Timeout, or until ctx
// is done: then its instance is killed and its methods fail.
func (e *Engine) Open(ctx context.Context, data []byte) (*Doc, error) {
	return e.openBytes(ctx, data, e.opt.Timeout)
}

// openBytes opens data; life, when not 0, bounds the document's life.
func (e *Engine) openBytes(ctx context.Context, data []byte, life time.Duration) (*Doc, error) {
	if int64(len(data)) > e.opt.MaxFileSize {
		return nil, fmt.Errorf("open PDF: %w: %d bytes, over %d", ErrTooLarge, len(data), e.opt.MaxFileSize)
	}
	if !bytes.Contains(data[:min(len(data), headerWindow)], []byte("%PDF-")) {
		return nil, fmt.Errorf("open PDF: %w", ErrNotPDF)
	}
	d := &Doc{data: data}
	return e.open(ctx, d, &requests.OpenDocument{File: &d.data}, life)
}

// OpenReader opens a PDF of size bytes read from r as PDFium needs them
// (the file is not held in memory; r must not change while it is open).
// The document lives as Open's does.
func (e *Engine) OpenReader(ctx context.Context, r io.ReaderAt, size int64) (*Doc, error) {
	if size > e.opt.MaxFileSize {
		return nil, fmt.Errorf("open PDF: %w: %d bytes, over %d", ErrTooLarge, size, e.opt.MaxFileSize)
	}
	head := make([]byte, min(size, headerWindow))
	if n, _ := r.ReadAt(head, 0); !bytes.Contains(head[:n], []byte("%PDF-")) {
		return nil, fmt.Errorf("open PDF: %w", ErrNotPDF)
	}
	return e.open(ctx, &Doc{}, &requests.OpenDocument{FileReader: io.NewSectionReader(r, 0, size), FileReaderSize: size}, e.opt.Timeout)
}

// open opens the document req names into d, on an instance of its own;
// life, when not 0, bounds the document's life.
func (e *Engine) open(ctx context.Context, d *Doc, req *requests.OpenDocument, life time.Duration) (*Doc, error) {
	dctx, cancel := context.WithCancel(ctx)
	if life > 0 {
		dctx, cancel = context.WithTimeout(ctx, life)
	}
	inst, err := e.instance(dctx)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("open PDF: %w", err)
	}
	// A document that overstays (or whose ctx ends) loses its instance:
	// killing it stops PDFium wherever it is.
	killer := context.AfterFunc(dctx, func() { inst.Kill() })
	d.e, d.inst, d.ctx, d.stop, d.cancel = e, inst, dctx, func() { killer(); cancel() }, cancel
	empty := ""
	req.Password = &empty
	err = guard(func() error {
		r, err := inst.OpenDocument(req)
		if err != nil {
			return openError(err)
		}
		d.doc = r.Document
		return nil
	})
	if err != nil {
		err = d.why(err)
		d.release()
		return nil, fmt.Errorf("open PDF: %w", err)
	}
	err = guard(func() error {
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
		if err != nil {
			return err
		}
		d.pages = n.PageCount
		return nil
	})
	if err != nil {
		err = d.why(err)
		d.Close()
		return nil, fmt.Errorf("open PDF: count pages: %w", err)
	}
	e.mu.Lock()
	e.opened++
	e.mu.Unlock()
	return d, nil
}

// Pages is the number of pages.
func (d *Doc) Pages() int { return d.pages }

// PageLabel is page's label (its printed number: "iv", "A-3"), "" when
// the PDF gives none.
func (d *Doc) PageLabel(page int) (string, error) {
	var label string
	err := d.do(page, func() error {
		r, err := d.inst.FPDF_GetPageLabel(&requests.FPDF_GetPageLabel{Document: d.doc, Page: page - 1})
		if err != nil {
			// PDFium says "no label" with an error.
			return nil
		}
		label = r.Label
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("label of page %d: %w", page, err)
	}
	return label, nil
}

// PageSize is the page's size in points (1/72 inch), as shown: its
// rotation applied.
func (d *Doc) PageSize(page int) (width, height float64, err error) {
	err = d.do(page, func() error {
		r, err := d.inst.FPDF_GetPageSizeByIndexF(&requests.FPDF_GetPageSizeByIndexF{Document: d.doc, Index: page - 1})
		if err != nil {
			return err
		}
		width, height = float64(r.Size.Width), float64(r.Size.Height)
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("size of page %d: %w", page, err)
	}
	return width, height, nil
}

// Close closes the document and gives its instance back.
func (d *Doc) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.inst == nil {
		return nil
	}
	var err error
	if d.doc != "" && d.ctx.Err() == nil {
		err = guard(func() error {
			_, err := d.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.doc})
			return err
		})
	}
	d.release()
	if err != nil {
		return fmt.Errorf("close PDF: %w", err)
	}
	return nil
}

// release gives the instance back (or lets go of a killed one).
func (d *Doc) release() {
	killed := d.ctx.Err() != nil
	d.stop()
	if !killed {
		d.inst.Close()
	}
	d.inst = nil
	d.e.inUse.Add(-1)
	d.closed.Store(true)
}

// dead says whether the document can no longer be used: closed, or its
// instance killed.
func (d *Doc) dead() bool { return d.closed.Load() || d.ctx.Err() != nil }

// do runs f on page (from 1) of the open document, one call at a time.
func (d *Doc) do(page int, f func() error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.inst == nil {
		return ErrClosed
	}
	if page < 1 || page > d.pages {
		return &PageRangeError{Page: page, Pages: d.pages}
	}
	if err := d.ctx.Err(); err != nil {
		return d.why(err)
	}
	d.uses.Add(1)
	stop := d.callTimer()
	defer stop()
	return d.why(guard(f))
}

// why names the document's timeout or cancellation as the reason of err
// when that is what stopped PDFium.
func (d *Doc) why(err error) error {
	if err == nil {
		return nil
	}
	switch cerr := d.ctx.Err(); {
	case errors.Is(cerr, context.DeadlineExceeded), cerr != nil && d.expired.Load():
		return fmt.Errorf("PDFium took over %v on this PDF: stopped", d.e.opt.Timeout)
	case cerr != nil:
		return cerr
	}
	return err
}

// guard runs f, turning a panic (from go-pdfium or wazero) into an error.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PDFium failed: %v", r)
		}
	}()
	return f()
}
