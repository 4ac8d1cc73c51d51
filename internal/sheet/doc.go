// Package sheet writes comparison sheets: the PDF pages that leave Exhibit
// for a report annex, a journalist or a court.
//
// A sheet shows one image, or a before and an after image side by side, with
// their annotations drawn as vector shapes, a caption saying exactly what
// each image is (capture time, camera, position, file name, the full SHA-256
// of the original file, the print resolution), a legend of the marks, the
// date window of a pair, notes, and the report excerpts that speak of the
// images, each with its citation. Long content flows onto further pages;
// nothing is cut off.
//
// Page numbers ("Page x of y") count the whole document; the footer also
// says which sheet of the document a page belongs to ("Sheet k of n").
//
// Text is set in DejaVu Sans (package assets), embedded as a subset. Arabic
// is shaped to its presentation forms (contextual forms and lam-alef
// ligatures) and right-to-left runs are reordered for display by the
// Unicode bidirectional algorithm (package glyphs: the levels resolved by
// golang.org/x/text/unicode/bidi, each line reordered).
//
// The package imports no Fyne: it runs without a display.
package sheet
