package reportparse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// Block is one citable excerpt of a report: normally a paragraph.
type Block struct {
	// Paragraph is 1-based, counted over the whole report in reading order.
	Paragraph int
	// Page and PageEnd are, for a PDF, the 1-based physical page numbers
	// (counted over the file's pages) of the first and the last page the
	// paragraph is on; 0 for other formats.
	Page, PageEnd int
	// PageLabel is, for a PDF, the printed label of Page: from the
	// document's /PageLabels when it has them, else the bare page number
	// printed in the page's running header or footer, else "".
	PageLabel string
	// Heading is the path of headings the paragraph falls under, outermost
	// first, joined by " › " ("Chapter 2 › Strikes on 17 October"). A
	// heading equal to the report's title is left out of the path. "" when
	// the paragraph is under no heading.
	Heading string
	// Text is the paragraph's text with whitespace collapsed to single
	// spaces. In a PDF a word hyphenated at a line end ("investi-" then
	// "gation") is joined when the line ends with a letter and "-" and the
	// next line starts with a lowercase letter.
	Text string
	// Boxes are, for a PDF read from its text layer, the boxes of the
	// paragraph's words where they stand on its pages, in reading order
	// (see Box); none for other formats.
	Boxes []Box
}

// Box is a word's box on a PDF page: Page from 1, X0, Y0 (left, bottom)
// and X1, Y1 (right, top) in PDF points, y up, as PDFium gives the page's
// characters (the page's rotation not applied).
type Box struct {
	Page           int
	X0, Y0, X1, Y1 float64
}

// Info describes a parsed report.
type Info struct {
	// Format is "text", "markdown", "html" or "pdf".
	Format string
	// Title comes from <title> (else the first h1), the first level-1
	// Markdown heading (or front matter "title:"), the PDF's /Title, or for
	// plain text a heading that opens the file; "" when there is none.
	Title string
	// Pages is the number of pages of a PDF; 0 for other formats.
	Pages int
	// Encoding is the character encoding the text was decoded from:
	// "utf-8", "utf-16le", "utf-16be", "windows-1256" or "windows-1252";
	// "" for a PDF.
	Encoding string
	// Warnings says what could not be read in a report that was otherwise
	// read: a PDF page whose content is damaged, pages that are scans
	// without a text layer.
	Warnings []string
}

// Kinds of failure, for errors.Is. The error Parse returns reads as one
// line: "<path> is encrypted: ...".
var (
	ErrEmpty       = errors.New("is empty")
	ErrBinary      = errors.New("is not a text report")
	ErrEncoding    = errors.New("has an unreadable character encoding")
	ErrTooLarge    = errors.New("is too large")
	ErrMalformed   = errors.New("is a damaged or malformed PDF")
	ErrEncrypted   = errors.New("is encrypted")
	ErrNoTextLayer = errors.New("has no text layer; run OCR first")
	ErrInternal    = errors.New("could not be parsed (internal error)")
)

// Error is the error Parse returns for a report it cannot read.
type Error struct {
	Path   string
	Kind   error  // one of the Err* values
	Detail string // optional, what exactly
}

func (e *Error) Error() string {
	s := e.Path + " " + e.Kind.Error()
	if e.Detail != "" {
		s += ": " + oneLine(e.Detail)
	}
	return s
}

// Unwrap returns the kind of failure.
func (e *Error) Unwrap() error { return e.Kind }

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// maxTextSize bounds the text formats, which are read whole.
const maxTextSize = 64 << 20

// Parse reads the report at path and calls emit for each block in order.
//
// The format is detected from the content (the PDF signature, HTML
// markers), then from the extension (.md/.markdown: Markdown, .htm/.html:
// HTML, anything else: plain text). Blocks are emitted as they are found; a
// PDF is read page by page. If emit returns an error Parse stops and
// returns it. Parse never panics.
func Parse(path string, emit func(Block) error) (info Info, err error) {
	return parse(path, emit, nil)
}

// parse is Parse, also calling onHeading (when not nil) for each heading
// in order, for the tests.
func parse(path string, emit func(Block) error, onHeading func(string)) (info Info, err error) {
	defer func() {
		if r := recover(); r != nil {
			switch ep, isEmit := r.(emitPanic); {
			case isEmit:
				err = &Error{Path: path, Kind: ErrInternal, Detail: fmt.Sprintf("storing block: %v", ep.v)}
			case info.Format == "pdf":
				// The PDF library reports damaged structures by panicking.
				err = &Error{Path: path, Kind: ErrMalformed, Detail: fmt.Sprint(r)}
			default:
				err = &Error{Path: path, Kind: ErrInternal, Detail: fmt.Sprintf("%v [%s]", r, firstFrame(debug.Stack()))}
			}
		}
	}()
	userEmit := emit
	emit = func(b Block) error {
		defer func() {
			if r := recover(); r != nil {
				panic(emitPanic{r})
			}
		}()
		return userEmit(b)
	}
	f, st, err := regular.Open(path)
	if nr := (*regular.NotRegularError)(nil); errors.As(err, &nr) {
		return info, &Error{Path: path, Kind: ErrBinary, Detail: "it is a " + nr.Kind}
	}
	if err != nil {
		return info, fmt.Errorf("open report: %w", err)
	}
	defer f.Close()
	if st.Size() == 0 {
		return info, &Error{Path: path, Kind: ErrEmpty, Detail: "0 bytes"}
	}
	head := make([]byte, 1024)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return info, fmt.Errorf("read report %s: %w", path, err)
	}
	head = head[:n]
	if bytes.Contains(head, []byte("%PDF-")) {
		info.Format = "pdf"
		return info, parsePDF(path, f, st.Size(), &info, newBuilder(emit, onHeading))
	}
	if st.Size() > maxTextSize {
		return info, &Error{Path: path, Kind: ErrTooLarge, Detail: fmt.Sprintf("%d MiB; text reports are limited to %d MiB", st.Size()>>20, maxTextSize>>20)}
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return info, fmt.Errorf("read report %s: %w", path, err)
	}
	if kind := binaryKind(data); kind != "" {
		return info, &Error{Path: path, Kind: ErrBinary, Detail: kind}
	}
	isHTML := looksLikeHTML(data)
	text, enc, derr := decodeText(data, isHTML)
	if derr != nil {
		return info, &Error{Path: path, Kind: ErrEncoding, Detail: derr.Error()}
	}
	info.Encoding = enc
	if strings.TrimSpace(text) == "" {
		return info, &Error{Path: path, Kind: ErrEmpty, Detail: "only blank space"}
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case isHTML || ext == ".html" || ext == ".htm" || ext == ".xhtml":
		info.Format = "html"
		err = parseHTML(text, &info, newBuilder(emit, onHeading))
	case ext == ".md" || ext == ".markdown":
		info.Format = "markdown"
		err = parseMarkdown(text, &info, newBuilder(emit, onHeading))
	default:
		info.Format = "text"
		err = parseText(text, &info, newBuilder(emit, onHeading))
	}
	if e, ok := err.(*Error); ok && e.Path == "" {
		e.Path = path // the format's parser does not know it
	}
	return info, err
}

// emitPanic carries a panic of the caller's emit function through the
// parsers' recovery, so that it is not taken for a damaged file.
type emitPanic struct{ v any }

// firstFrame returns the function that panicked, for the error message.
func firstFrame(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+2 < len(lines) {
			return strings.TrimSpace(lines[i+2])
		}
	}
	return ""
}
