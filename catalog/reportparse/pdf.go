package reportparse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/exhibit-app/exhibit/catalog/pdfengine"
)

// pdfEngine is the PDFium engine reports are read with: one of this
// package's own, whose documents live at most pdfTimeout (a variable for
// the tests), so that a page PDFium cannot finish (forms drawing forms)
// costs a warning in bounded time.
var pdfEngine = sync.OnceValue(func() *pdfengine.Engine {
	return pdfengine.New(pdfengine.Options{Timeout: pdfTimeout})
})

// pdfTimeout bounds one opening of a document; pdfSession is how long it
// is used before the document is opened again, where it was left.
// PDFium keeps what it parsed of a document while it is open, so it is
// also opened again every pdfSessionPages pages: the memory held does not
// grow with the document.
var (
	pdfTimeout      = 30 * time.Second
	pdfSession      = 20 * time.Second
	pdfSessionPages = 50
)

// maxDocChars bounds the characters read from one document (a variable
// for the tests): past it, pages are counted but not read.
var maxDocChars = 50_000_000

// maxPageWarnings bounds the warnings about single damaged pages.
const maxPageWarnings = 20

// parsePDF reads a PDF page by page with PDFium (catalog/pdfengine): its
// structure, repaired when damaged, decryption of files that open without
// a password, each character in Unicode with its box, font size and
// weight. pdflayout.go groups the characters into lines, columns and
// table rows, and pdfpara.go the lines into headings and paragraphs. Only
// a window of three pages of lines is held at a time, and the file is read
// as PDFium needs it, not held whole.
func parsePDF(path string, f io.ReaderAt, size int64, info *Info, b *builder) (err error) {
	r := &pdfReader{path: path, f: f, size: size}
	if err := r.open(); err != nil {
		return err
	}
	defer func() {
		if r.doc != nil {
			r.doc.Close()
		}
	}()
	n := r.doc.Pages()
	info.Pages = n
	if n == 0 {
		return &Error{Path: path, Kind: ErrMalformed, Detail: "it has no pages"}
	}
	title, err := r.doc.Title()
	if err != nil {
		return fmt.Errorf("read PDF %s: %w", path, err)
	}
	info.Title = collapse(title)
	b.setTitle(info.Title)

	asm := newAssembler(b)
	var prev, cur *pdfPage
	var noText []int
	chars, damaged, firstUnread := 0, 0, 0
	for num := 1; num <= n; num++ {
		if chars > maxDocChars {
			firstUnread = num
			break
		}
		p, perr := r.page(num)
		if perr != nil {
			if damaged++; damaged <= maxPageWarnings {
				info.Warnings = append(info.Warnings, fmt.Sprintf("page %d: %s; its text may be incomplete", num, oneLine(perr.Error())))
			}
			p = &pdfPage{num: num}
		}
		chars += p.chars
		if p.chars == 0 && p.images {
			noText = append(noText, num)
		}
		if cur != nil {
			if err := asm.page(cur, prev, p); err != nil {
				return err
			}
			cur.rows = nil // only its margins are still needed
		}
		prev, cur = cur, p
	}
	if cur != nil {
		if err := asm.page(cur, prev, nil); err != nil {
			return err
		}
	}
	if err := asm.finish(); err != nil {
		return err
	}
	if (chars == 0 || asm.b.n == 0) && damaged > 0 {
		return &Error{Path: path, Kind: ErrMalformed, Detail: info.Warnings[0]}
	}
	if chars == 0 || asm.b.n == 0 {
		return &Error{Path: path, Kind: ErrNoTextLayer}
	}
	if damaged > maxPageWarnings {
		info.Warnings = append(info.Warnings, fmt.Sprintf("%d more pages could not be read completely", damaged-maxPageWarnings))
	}
	if firstUnread > 0 {
		pages := fmt.Sprintf("page %d has", n)
		if firstUnread < n {
			pages = fmt.Sprintf("pages %d–%d have", firstUnread, n)
		}
		info.Warnings = append(info.Warnings, fmt.Sprintf("%s not been read: the document's text exceeds %d characters", pages, maxDocChars))
	}
	if len(noText) > 0 {
		info.Warnings = append(info.Warnings, fmt.Sprintf("%s no text layer (scanned?); run OCR to read them", PageList(noText)))
	}
	return nil
}

// pdfReader is a PDF open on PDFium, opened again when a session ends or
// PDFium fails on a page.
type pdfReader struct {
	path   string
	f      io.ReaderAt
	size   int64
	doc    *pdfengine.Doc
	opened time.Time
	read   int // pages read since opened
}

// open opens the document, turning PDFium's refusals into *Error.
func (r *pdfReader) open() error {
	doc, err := pdfEngine().OpenReader(context.Background(), r.f, r.size)
	switch {
	case errors.Is(err, pdfengine.ErrEncrypted):
		return &Error{Path: r.path, Kind: ErrEncrypted, Detail: "a password is needed to open it; save a copy without a password first"}
	case errors.Is(err, pdfengine.ErrTooLarge):
		return &Error{Path: r.path, Kind: ErrTooLarge, Detail: fmt.Sprintf("%d MiB", r.size>>20)}
	case errors.Is(err, pdfengine.ErrBroken), errors.Is(err, pdfengine.ErrNotPDF):
		detail := "PDFium cannot read its structure, even repaired"
		if !hasEOF(r.f, r.size) {
			detail = "it is truncated or damaged (no end-of-file marker or cross-reference table)"
		}
		return &Error{Path: r.path, Kind: ErrMalformed, Detail: detail}
	case err != nil:
		return fmt.Errorf("read PDF %s: %w", r.path, err)
	}
	r.doc, r.opened, r.read = doc, time.Now(), 0
	return nil
}

// page reads page num, opening the document again first when its session
// is over, and after a failure (which may have cost PDFium its instance).
// A page that fails late in a session is tried once more on a fresh one:
// it may only have run out of the session's time.
func (r *pdfReader) page(num int) (*pdfPage, error) {
	r.read++
	if time.Since(r.opened) > pdfSession || r.read > pdfSessionPages {
		if err := r.reopen(); err != nil {
			return nil, err
		}
	}
	for try := 0; ; try++ {
		late := time.Since(r.opened) > pdfSession/4
		p, err := readPage(r.doc, num)
		if err == nil {
			return p, nil
		}
		if rerr := r.reopen(); rerr != nil {
			return nil, errors.Join(err, rerr)
		}
		if try > 0 || !late {
			return nil, err
		}
	}
}

func (r *pdfReader) reopen() error {
	if r.doc != nil {
		r.doc.Close()
	}
	if err := r.open(); err != nil {
		r.doc = nil
		return fmt.Errorf("open the PDF again: %w", err)
	}
	return nil
}

// hasEOF reports whether the end of the file has a %%EOF marker.
func hasEOF(f io.ReaderAt, size int64) bool {
	tail := min(size, 2048)
	buf := make([]byte, tail)
	n, _ := f.ReadAt(buf, size-tail)
	return bytes.Contains(buf[:n], []byte("%%EOF"))
}

// readPage reads one page's text and lays it out.
func readPage(doc *pdfengine.Doc, num int) (*pdfPage, error) {
	if doc == nil {
		return nil, errors.New("the PDF could not be opened again")
	}
	t, err := doc.TextQuick(num)
	if err != nil {
		return nil, err
	}
	p := layoutPage(t)
	if p.chars == 0 {
		p.images, _ = doc.HasImages(num)
	}
	if label, err := doc.PageLabel(num); err == nil {
		p.label = label
	}
	return p, nil
}

// PageList names pages for a sentence: "page 3 has", "pages 2–4, 7
// have".
func PageList(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d has", pages[0])
	}
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", pages[i], pages[j]))
		} else {
			parts = append(parts, fmt.Sprint(pages[i]))
		}
		i = j + 1
	}
	return "pages " + strings.Join(parts, ", ") + " have"
}
