package sheet

import (
	"image"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// Options applies to a whole document.
type Options struct {
	// Paper is "A4" (the default when empty) or "Letter".
	Paper string
	// Landscape turns the pages a quarter turn.
	Landscape bool
	// Created is the export time printed in the footer and stored as the
	// PDF's creation date. A fixed value makes the output byte for byte
	// reproducible; the zero value means now.
	Created time.Time
	// Version is Exhibit's version, printed in the footer.
	Version string
	// CaseName is printed in the header of every sheet.
	CaseName string
	// Attachments are embedded in the PDF as files (PDF attachments): a
	// signed manifest, its signature and the signer's key.
	Attachments []Attachment
	// Seal, when set, is printed in every page's footer, under the export
	// time: the SHA-256 of the signed manifest the PDF carries and the
	// fingerprint of the key that signed it, in full.
	Seal *Seal
	// Progress, when set, is told after each sheet is laid out how many
	// are of how many; the document is written out after the last.
	Progress func(done, total int)
	// QuoteImages prints under each excerpt quoted from a PDF report its
	// place on its page: the page rendered with the excerpt highlighted,
	// cropped around it (see Quote.Region; the exporter makes them).
	QuoteImages bool
}

// Attachment is a file embedded in the PDF.
type Attachment struct {
	Name    string
	Content []byte
}

// Seal identifies the signed manifest a PDF carries.
type Seal struct {
	ManifestSHA256 string // 64 hex digits
	KeyFingerprint string // 64 hex digits
}

// Sheet is one comparison sheet. Each sheet starts on a new page.
type Sheet struct {
	Title    string
	Subtitle string // e.g. "Pair 3"
	// Images holds one panel (a single image sheet) or two (before, after).
	Images []Panel
	// DateWindow says between which times the change happened, e.g.
	// "not before 2017-10-12T14:03:00+03:00 — not after 2017-10-19T09:12:00+03:00";
	// empty for a single image.
	DateWindow string
	Notes      string
	Excerpts   []Quote
	// AlignmentNote says how the after image was aligned to the before
	// image, if it was.
	AlignmentNote string
	// Kicker, when set, replaces the line above the title ("Exhibit
	// comparison sheet"): a site sheet says "Exhibit site sheet".
	Kicker string
	// Figures are pictures other than the images compared (a site's
	// timeline strip, a map), each across the page or a part of it.
	Figures []Figure
	// WindowHeading, when set, heads the date window ("Date window").
	WindowHeading string
}

// Figure is a picture of a sheet that is not one of its images: drawn
// whole, reduced for print, with a heading and a caption.
type Figure struct {
	Heading string
	Image   image.Image
	Caption string
	// WidthMM is its printed width (0: the page's content width); it is
	// never printed taller than MaxHeightMM (0: 90 mm).
	WidthMM, MaxHeightMM float64
	// Top puts it between the title and the images; otherwise it follows
	// the date window.
	Top bool
}

// Panel is one image of a sheet with what identifies it.
type Panel struct {
	Label string // "Before", "After", or "" for a single image
	// Image is upright (and, for an aligned after image, already warped
	// into the before image's frame). It is reduced for print, never
	// enlarged. Leave it nil and set Source to have the picture made only
	// when its page is written.
	Image image.Image
	// Source, used when Image is nil, makes the picture when its page is
	// written, and it is let go once printed: a document of many sheets
	// never holds more than a few pictures at once. Width and Height then
	// give its shape. A Source that fails (other than by its context's
	// cancellation) gets a placeholder saying why, in the image's place.
	Source Source
	// Width and Height are the pixel size of what Source gives, or of its
	// shape (the original's upright size, the before image's for an
	// aligned after image): the image is laid out by them before it is
	// made. 0 when unknown (a placeholder is then 4:3).
	Width, Height int
	// OriginalWidth and OriginalHeight are the original's upright pixel
	// size, as the catalog has it: the caption says what was printed of
	// it. 0 when the panel's image is all there is.
	OriginalWidth, OriginalHeight int
	// Aligned says the image is the original resampled into the before
	// image's frame.
	Aligned bool
	// Annotations are in fractions of Image (0..1).
	Annotations []catalog.Annotation
	// MadeAs gives, by mark ID, the kind a mark was made as when it is
	// drawn as another (a rectangle on an aligned after image is drawn as
	// the polyline the alignment makes of it): the legend names it, and
	// draws its symbol, by the kind it was made as.
	MadeAs map[int64]catalog.AnnotationKind
	// NoFix is set when the file's position is 0°, 0° exactly (a camera
	// without a fix, catalog.Image.NoFix): printed as no fix, never as a
	// place.
	NoFix bool
	// Tags are the image's tags, printed in its caption.
	Tags []string

	TakenAt       string // capture time with its offset, as it should be printed
	Camera        string
	Lat, Lon, Alt *float64 // decimal degrees, metres
	FileName      string
	SHA256        string // of the original file, 64 hex digits
	ImageID       int64  // the catalog id; 0 when none
}

// Quote is a report excerpt linked to the sheet's images.
type Quote struct {
	Text        string
	ReportTitle string
	// Page and PageEnd locate the excerpt in a PDF report (PageEnd is 0 or
	// equal to Page for a single page); 0 when the report is not a PDF.
	Page, PageEnd int
	// PageLabel is the page's printed label ("71", "vii") when the
	// document gives one; cited beside the page's number when they differ.
	PageLabel string
	// Paragraph is the paragraph number in the report, from 1; 0 when
	// unknown.
	Paragraph int
	Note      string
	// ReportSHA256 is the SHA-256 of the report file the excerpt was read
	// from: the citation prints its first 12 digits (the sheet's signed
	// manifest holds it whole); "" when unknown.
	ReportSHA256 string
	// ExcerptID is the excerpt's id in the case (0: none).
	ExcerptID int64
	// Region, when set, makes the excerpt's place on its page (the page
	// rendered, the excerpt highlighted, cropped around it), printed
	// under the quote; it is called as the sheet is written, and what it
	// makes let go once printed. One that fails is replaced by a line
	// saying why.
	Region func() (image.Image, error)
}

// Source makes a panel's picture, upright, with a long side of at least
// minLong pixels when the original has that many (more is reduced for
// print).
type Source func(minLong int) (Picture, error)

// Picture is what a Source makes.
type Picture struct {
	Image image.Image
	// Damaged, when not empty, says that the original is damaged and only
	// partly decoded (what could not be is grey); the caption prints it.
	Damaged string
}

// Report says what a document holds in place of images it could not
// print.
type Report struct {
	Unprinted []Unprinted
}

// Unprinted is an image printed as a placeholder.
type Unprinted struct {
	Sheet    int    // 1-based, in the document
	Label    string // the panel's label ("Before", "After", "")
	ImageID  int64
	SHA256   string
	FileName string
	Reason   string
}
