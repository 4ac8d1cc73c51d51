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
// new page. Images are reduced for print and encoded concurrently before
// the layout; the output depends only on its input, so a fixed
// opt.Created gives the same bytes every time.
func Write(w io.Writer, sheets []Sheet, opt Options) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("write comparison sheets: panic: %v", r)
		}
	}()
	if len(sheets) == 0 {
		return errors.New("write comparison sheets: no sheet")
	}
	pg, err := newPage(opt)
	if err != nil {
		return fmt.Errorf("write comparison sheets: %w", err)
	}
	for i := range sheets {
		if err := validate(&sheets[i]); err != nil {
			return fmt.Errorf("write comparison sheets: sheet %d (%s): %w", i+1, sheetName(&sheets[i]), err)
		}
	}
	opt.Version = strings.ToValidUTF8(opt.Version, "\uFFFD")
	opt.CaseName = strings.ToValidUTF8(opt.CaseName, "\uFFFD")
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}

	// Reduce and encode every image first, on all cores.
	var jobs []job
	for i := range sheets {
		slots, _ := pg.imageSlots(&sheets[i])
		for j, pn := range sheets[i].Images {
			jobs = append(jobs, job{img: pn.Image, printW: slots[j].w, printH: slots[j].h})
		}
		for j := range sheets[i].Figures {
			w, h := pg.figureSize(&sheets[i].Figures[j])
			jobs = append(jobs, job{img: sheets[i].Figures[j].Image, printW: w, printH: h})
		}
	}
	images, errs := prepareAll(jobs)
	k := 0
	for i := range sheets {
		for j := range sheets[i].Images {
			if errs[k] != nil {
				return fmt.Errorf("write comparison sheets: sheet %d (%s), %s: %w",
					i+1, sheetName(&sheets[i]), panelName(&sheets[i], j), errs[k])
			}
			k++
		}
		for j := range sheets[i].Figures {
			if errs[k] != nil {
				return fmt.Errorf("write comparison sheets: sheet %d (%s), figure %d: %w",
					i+1, sheetName(&sheets[i]), j+1, errs[k])
			}
			k++
		}
	}

	wr, err := newWriter(pg, opt)
	if err != nil {
		return fmt.Errorf("write comparison sheets: %w", err)
	}
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

	k = 0
	for i := range sheets {
		names := make([]string, len(sheets[i].Images))
		prints := make([]printImage, len(sheets[i].Images))
		for j := range sheets[i].Images {
			names[j] = fmt.Sprintf("sheet%d-image%d", i+1, j+1)
			prints[j] = images[k]
			info := f.RegisterImageOptionsReader(names[j], fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(images[k].jpeg))
			if info != nil {
				if err := orderImage(info, k); err != nil {
					return fmt.Errorf("write comparison sheets: %w", err)
				}
			}
			images[k].jpeg = nil // let it go once embedded
			k++
		}
		wr.figures = wr.figures[:0]
		for j := range sheets[i].Figures {
			name := fmt.Sprintf("sheet%d-figure%d", i+1, j+1)
			f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(images[k].jpeg))
			wr.figures = append(wr.figures, placedFigure{name: name, print: images[k]})
			images[k].jpeg = nil
			k++
		}
		wr.sheetNo = i + 1
		wr.writeSheet(&sheets[i], len(sheets), names, prints)
		if err := f.Error(); err != nil {
			return fmt.Errorf("write comparison sheets: sheet %d (%s): %w", i+1, sheetName(&sheets[i]), err)
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
		return fmt.Errorf("write comparison sheets: %w", err)
	}
	return nil
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
		if pn.Image == nil {
			return fmt.Errorf("%s: no image", panelName(s, j))
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
