package pdfengine

import (
	"errors"
	"fmt"

	pdferrors "github.com/klippa-app/go-pdfium/errors"
)

var (
	// ErrNotPDF is a file that does not start like a PDF.
	ErrNotPDF = errors.New("not a PDF file")
	// ErrEncrypted is a PDF that needs a password to be opened.
	ErrEncrypted = errors.New("the PDF is encrypted with a password")
	// ErrBroken is a PDF that PDFium cannot read.
	ErrBroken = errors.New("the PDF is damaged and cannot be read")
	// ErrTooLarge is a file or an image over the engine's budgets.
	ErrTooLarge = errors.New("too large")
	// ErrClosed is an engine or a document used after Close.
	ErrClosed = errors.New("the PDF engine is closed")
)

// PageRangeError is a page that the document does not have.
type PageRangeError struct {
	Page, Pages int
}

// Error says which pages there are.
func (e *PageRangeError) Error() string {
	if e.Pages == 1 {
		return fmt.Sprintf("there is no page %d: the PDF has 1 page", e.Page)
	}
	return fmt.Sprintf("there is no page %d: the PDF has %d pages (1 to %d)", e.Page, e.Pages, e.Pages)
}

// openError turns PDFium's error on opening a document into one of ours.
func openError(err error) error {
	switch {
	case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
		return ErrEncrypted
	case errors.Is(err, pdferrors.ErrFormat), errors.Is(err, pdferrors.ErrFile), errors.Is(err, pdferrors.ErrUnknown):
		return ErrBroken
	}
	return fmt.Errorf("%w: %v", ErrBroken, err)
}
