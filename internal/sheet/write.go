package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/exhibit-app/exhibit/assets"
)

// Write writes sheets as one PDF document to w, each sheet starting on a
// new page (see WriteReport).
func Write(w io.Writer, sheets []Sheet, opt Options) error {
	_, err := WriteReport(w, sheets, opt)
	return err
}

// WriteReport writes sheets as one PDF document to w, each sheet starting
// on a new page, and reports the images it printed as placeholders. The
// images are made (from their sources), reduced for print and encoded on
// all cores a few sheets ahead of the page being laid out, and let go
// once embedded. The output depends only on its input, so a fixed
// opt.Created gives the same bytes every time.
func WriteReport(w io.Writer, sheets []Sheet, opt Options) (rep *Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			rep, err = nil, fmt.Errorf("write comparison sheets: panic: %v", r)
		}
	}()
	if len(sheets) == 0 {
		return nil, errors.New("write comparison sheets: no sheet")
	}
	pg, err := newPage(opt)
	if err != nil {
		return nil, fmt.Errorf("write comparison sheets: %w", err)
	}
	for i := range sheets {
		if err := validate(&sheets[i]); err != nil {
			return nil, fmt.Errorf("write comparison sheets: sheet %d (%s): %w", i+1, sheetName(&sheets[i]), err)
		}
	}
	opt.Version = strings.ToValidUTF8(opt.Version, "\uFFFD")
	opt.CaseName = strings.ToValidUTF8(opt.CaseName, "\uFFFD")
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}
	wr, err := newWriter(pg, opt)
	if err != nil {
		return nil, fmt.Errorf("write comparison sheets: %w", err)
	}

	// Lay out every image first (that needs only its shape), then make
	// the prints in the background while the pages are written.
	slots := make([][]slot, len(sheets))
	var jobs []job
	for i := range sheets {
		wr.sheetNo = i + 1
		slots[i] = wr.layoutSlots(&sheets[i], len(sheets))
		for j, pn := range sheets[i].Images {
			jobs = append(jobs, job{img: pn.Image, source: pn.Source, printW: slots[i][j].w, printH: slots[i][j].h})
		}
	}
	pr := startPrinter(jobs)
	defer pr.close()

	f := wr.pdf
	f.SetCreationDate(opt.Created)
	f.SetModificationDate(opt.Created)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(pg.left, pg.top, pg.left)
	f.SetCreator(exhibitName(opt.Version), true)
	f.SetProducer(exhibitName(opt.Version), true)
	f.SetTitle(documentTitle(sheets, opt), true)

	rep = &Report{}
	k := 0
	for i := range sheets {
		s := &sheets[i]
		names := make([]string, len(s.Images))
		prints := make([]printImage, len(s.Images))
		for j := range s.Images {
			pi, err := pr.take()
			if err != nil {
				return nil, fmt.Errorf("write comparison sheets: sheet %d (%s), %s: %w", i+1, sheetName(s), panelName(s, j), err)
			}
			names[j] = fmt.Sprintf("sheet%d-image%d", i+1, j+1)
			if pi.unprinted != "" {
				pn := &s.Images[j]
				rep.Unprinted = append(rep.Unprinted, Unprinted{Sheet: i + 1, Label: pn.Label, ImageID: pn.ImageID,
					SHA256: pn.SHA256, FileName: pn.FileName, Reason: pi.unprinted})
			} else {
				info := f.RegisterImageOptionsReader(names[j], fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(pi.jpeg))
				if info != nil {
					if err := orderImage(info, k); err != nil {
						return nil, fmt.Errorf("write comparison sheets: %w", err)
					}
				}
				pi.jpeg = nil // let it go once embedded
			}
			prints[j] = pi
			k++
		}
		// Figures (a site's timeline strip, a map inset) are small and
		// made by the caller already: prepared here, as their page is
		// written.
		wr.figures = wr.figures[:0]
		for j := range s.Figures {
			fw, fh := pg.figureSize(&s.Figures[j])
			pi, err := prepare(s.Figures[j].Image, fw, fh)
			if err != nil {
				return nil, fmt.Errorf("write comparison sheets: sheet %d (%s), figure %d: %w", i+1, sheetName(s), j+1, err)
			}
			name := fmt.Sprintf("sheet%d-figure%d", i+1, j+1)
			f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(pi.jpeg))
			pi.jpeg = nil
			wr.figures = append(wr.figures, placedFigure{name: name, print: pi})
		}
		wr.prepareRegions(i, s)
		wr.sheetNo = i + 1
		wr.writeSheet(s, len(sheets), names, prints, slots[i])
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("write comparison sheets: sheet %d (%s): %w", i+1, sheetName(s), err)
		}
		if opt.Progress != nil {
			opt.Progress(i+1, len(sheets))
		}
	}
	wr.footers(len(sheets))
	if len(opt.Attachments) > 0 {
		as := make([]fpdf.Attachment, len(opt.Attachments))
		for i, a := range opt.Attachments {
			as[i] = fpdf.Attachment{Content: a.Content, Filename: a.Name}
		}
		f.SetAttachments(as)
	}
	if err := f.Output(w); err != nil {
		return nil, fmt.Errorf("write comparison sheets: %w", err)
	}
	return rep, nil
}

// newWriter returns a writer on a new document with the fonts loaded.
func newWriter(pg page, opt Options) (*writer, error) {
	wr := &writer{pg: pg, opt: opt}
	wr.pdf = fpdf.NewCustom(&fpdf.InitType{OrientationStr: pg.orient, UnitStr: "mm", SizeStr: pg.name})
	wr.meter = fpdf.NewCustom(&fpdf.InitType{OrientationStr: pg.orient, UnitStr: "mm", SizeStr: pg.name})
	for _, d := range []*fpdf.Fpdf{wr.pdf, wr.meter} {
		d.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
		d.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
		if err := d.Error(); err != nil {
			return nil, fmt.Errorf("load fonts: %w", err)
		}
	}
	return wr, nil
}

// validate checks what a sheet needs to be drawn at all.
func validate(s *Sheet) error {
	if n := len(s.Images); n < 1 || n > 2 {
		return fmt.Errorf("a sheet has 1 or 2 images, this one has %d", n)
	}
	for j, fg := range s.Figures {
		if fg.Image == nil || fg.Image.Bounds().Empty() {
			return fmt.Errorf("figure %d: no image", j+1)
		}
	}
	for j, pn := range s.Images {
		if pn.Image == nil && pn.Source == nil {
			return fmt.Errorf("%s: no image", panelName(s, j))
		}
		if pn.Image == nil {
			if pn.Width < 0 || pn.Height < 0 {
				return fmt.Errorf("%s: bad size (%d×%d)", panelName(s, j), pn.Width, pn.Height)
			}
			continue
		}
		if b := pn.Image.Bounds(); b.Dx() <= 0 || b.Dy() <= 0 {
			return fmt.Errorf("%s: empty image (%d×%d)", panelName(s, j), b.Dx(), b.Dy())
		}
	}
	return nil
}

// sheetName names a sheet in messages.
func sheetName(s *Sheet) string {
	switch {
	case s.Title != "" && s.Subtitle != "":
		return s.Title + " — " + s.Subtitle
	case s.Title != "":
		return s.Title
	case s.Subtitle != "":
		return s.Subtitle
	}
	return "untitled"
}

// panelName names an image of a sheet in messages.
func panelName(s *Sheet, j int) string {
	if l := s.Images[j].Label; l != "" {
		return l + " image"
	}
	return fmt.Sprintf("image %d", j+1)
}

// exhibitName is "Exhibit" and its version.
func exhibitName(version string) string {
	if version == "" {
		return "Exhibit"
	}
	return "Exhibit " + version
}

// documentTitle is the PDF's title: the case and, for a single sheet, its
// title.
func documentTitle(sheets []Sheet, opt Options) string {
	t := "Comparison sheets"
	if len(sheets) == 1 {
		t = sheetName(&sheets[0])
	}
	if opt.CaseName != "" {
		t = opt.CaseName + ": " + t
	}
	return t
}
