// Package pdfengine reads PDF files with PDFium, compiled to WebAssembly
// and run on wazero (github.com/klippa-app/go-pdfium's webassembly build:
// no cgo, no PDFium library to install). It counts pages, reads page
// labels, renders a page to an image at a DPI, and gives the text of a
// page with the box of each character in page coordinates, so that a piece
// of text can be found where it stands on the page (Locate).
//
// One Engine is shared by the process (Shared), started on first use and
// closed on exit (CloseShared). Compiling PDFium's module takes seconds;
// the compiled code is kept in the user's cache folder (CacheDir), so that
// later starts take a fraction of a second.
//
// Pages are numbered from 1 throughout, as Exhibit cites them. Every bad
// input is an error saying what is wrong: ErrNotPDF, ErrEncrypted,
// ErrBroken, a PageRangeError, ErrTooLarge.
package pdfengine
