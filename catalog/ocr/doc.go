// Package ocr reads the text of scans and photographed documents with
// Tesseract, run as its command (`tesseract stdin stdout -l LANGS tsv`):
// words with their boxes in pixels and confidences, grouped into lines and
// paragraphs by Tesseract's own block, paragraph and line numbers.
//
// Image reads one image; PDF reads the pages of a PDF that have no text
// layer (rendered with catalog/pdfengine at 300 DPI), giving paragraphs
// whose word boxes are in PDF points, so that a scanned page can be
// highlighted; Picture reads a photographed document (JPEG, PNG, TIFF,
// HEIC… decoded by catalog/picture, turned upright), its boxes in pixels.
//
// Tesseract is not part of Exhibit: when its command is missing every
// function returns an error wrapping ErrNotInstalled that says how to
// install it, and a language whose data is missing is a *LangError. Each
// page is run with a context (cancel kills Tesseract) and a timeout, and
// reported to a progress callback. Nothing here touches a case.
package ocr
