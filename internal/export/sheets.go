package export

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// PairSheet gathers the sheet of a pair: before and after upright (the
// after image warped into the before image's frame when the pair is
// aligned, its annotations moved with it), the pair's annotations and
// those of its images, captions, tags, the date window, notes and the
// excerpts linked to either image. The images are decoded from their
// originals only when the sheet is written (see sheet.Source).
func PairSheet(ctx context.Context, c *catalog.Case, pairID int64) (*sheet.Sheet, error) {
	s, _, err := pairSheet(ctx, c, pairID)
	return s, err
}

// pairSheet gathers the sheet of a pair and what its manifest says of it.
func pairSheet(ctx context.Context, c *catalog.Case, pairID int64) (*sheet.Sheet, *manifest.Item, error) {
	p, err := c.Pair(ctx, pairID)
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
	}
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{PairID: p.ID, WithImages: true})
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
	}
	s := &sheet.Sheet{Title: p.Title, Subtitle: fmt.Sprintf("Pair %d", p.ID), Notes: p.Notes}
	item := &manifest.Item{Title: p.Title, Pair: &p.ID, Images: []manifest.Image{}, Marks: marksOf(anns)}
	s.DateWindow = dateWindow(p)
	var before *catalog.Image
	for i, id := range []int64{p.BeforeID, p.AfterID} {
		im, err := c.Image(ctx, id)
		if err != nil {
			return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
		}
		var mine []catalog.Annotation
		for _, a := range anns {
			if a.ImageID == id {
				mine = append(mine, *a)
			}
		}
		var madeAs map[int64]catalog.AnnotationKind
		panel, err := panelOf(ctx, c, im, mine)
		if err != nil {
			return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
		}
		panel.Label = "Before"
		if i == 1 {
			panel.Label = "After"
			if p.Alignment != nil {
				t, err := annot.TransformOf(p.Alignment)
				if err != nil {
					return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
				}
				bw, bh := before.UprightSize()
				panel.Source = alignedSource(ctx, c, im, t, bw, bh)
				panel.Width, panel.Height, panel.Aligned = bw, bh, true
				aligned := alignAnnotations(mine, t)
				madeAs = kindsChanged(mine, aligned)
				panel.Annotations = aligned
				s.AlignmentNote = alignmentNote(p.Alignment, im)
			}
		} else {
			before = im
		}
		panel.MadeAs = madeAs
		s.Images = append(s.Images, panel)
		item.Images = append(item.Images, manifest.ImageOf(strings.ToLower(panel.Label), im, panel.FileName))
	}
	if p.Alignment != nil {
		item.Alignment = manifest.AlignmentOf(p.ID, p.Alignment)
	}
	if s.Excerpts, item.Excerpts, err = quotes(ctx, c, p.BeforeID, p.AfterID); err != nil {
		return nil, nil, fmt.Errorf("sheet of pair %d: %w", pairID, err)
	}
	return s, item, nil
}

// ImageSheet gathers the sheet of one image: upright, printed from its
// original, with its annotations, caption, tags, notes and linked
// excerpts.
func ImageSheet(ctx context.Context, c *catalog.Case, imageID int64) (*sheet.Sheet, error) {
	s, _, err := imageSheet(ctx, c, imageID)
	return s, err
}

// imageSheet gathers the sheet of an image and what its manifest says of
// it.
func imageSheet(ctx context.Context, c *catalog.Case, imageID int64) (*sheet.Sheet, *manifest.Item, error) {
	im, err := c.Image(ctx, imageID)
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of image %d: %w", imageID, err)
	}
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: imageID})
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of image %d: %w", imageID, err)
	}
	plain := make([]catalog.Annotation, len(anns))
	for i, a := range anns {
		plain[i] = *a
	}
	panel, err := panelOf(ctx, c, im, plain)
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of image %d: %w", imageID, err)
	}
	s := &sheet.Sheet{Title: im.Name(), Subtitle: fmt.Sprintf("Image %d", im.ID), Images: []sheet.Panel{panel}}
	item := &manifest.Item{Title: im.Name(), Images: []manifest.Image{manifest.ImageOf("image", im, panel.FileName)}, Marks: marksOf(anns)}
	notes, err := c.Notes(ctx, imageID)
	if err != nil {
		return nil, nil, fmt.Errorf("sheet of image %d: %w", imageID, err)
	}
	var ns []string
	for _, n := range notes {
		ns = append(ns, n.Text)
	}
	s.Notes = strings.Join(ns, "\n")
	if s.Excerpts, item.Excerpts, err = quotes(ctx, c, imageID); err != nil {
		return nil, nil, fmt.Errorf("sheet of image %d: %w", imageID, err)
	}
	return s, item, nil
}

// panelOf makes the panel of an image: its caption, its tags, and the
// source of its picture, made from the original when the page is written.
func panelOf(ctx context.Context, c *catalog.Case, im *catalog.Image, anns []catalog.Annotation) (sheet.Panel, error) {
	tags, err := c.Tags(ctx, im.ID)
	if err != nil {
		return sheet.Panel{}, err
	}
	name := fileName(im)
	taken := im.TakenString()
	if taken != "" && im.TakenOffset == "" {
		taken += " (camera clock, zone not recorded)"
	}
	camera := im.Camera()
	if im.Lens != "" {
		camera += ", " + im.Lens
	}
	w, h := im.UprightSize()
	return sheet.Panel{Source: originalSource(ctx, c, im), Width: w, Height: h, OriginalWidth: w, OriginalHeight: h,
		Annotations: anns, Tags: tags, TakenAt: taken, Camera: camera,
		Lat: im.Lat, Lon: im.Lon, NoFix: im.NoFix(), Alt: im.Alt, FileName: name, SHA256: im.SHA256, ImageID: im.ID}, nil
}

// dateWindow says between which times the change happened.
func dateWindow(p *catalog.Pair) string {
	nb, na := p.NotBefore, p.NotAfter
	if nb == "" && na == "" {
		return ""
	}
	if nb == "" {
		nb = "unknown"
	}
	if na == "" {
		na = "unknown"
	}
	return "Not before " + nb + " — not after " + na
}

// alignmentNote says how the after image was aligned.
func alignmentNote(a *catalog.Alignment, after *catalog.Image) string {
	rms := annot.RMS(a.Residuals)
	uw, uh := after.UprightSize()
	return fmt.Sprintf("The after image is shown aligned to the before image by an %s fit of %d corresponding points (RMS residual %.1f px); "+
		"it is resampled from its original of %d×%d px, whose SHA-256 is given.", a.Kind, len(a.After), rms, uw, uh)
}

// alignAnnotations moves annotations of the after image into the before
// image's frame. Shapes that an affine transform no longer keeps
// axis-aligned (rectangles, ellipses) become closed polylines.
func alignAnnotations(anns []catalog.Annotation, t annot.Transform) []catalog.Annotation {
	out := make([]catalog.Annotation, 0, len(anns))
	apply := func(p catalog.Point) catalog.Point {
		q := t.Apply(p)
		return catalog.Point{X: clamp01(q.X), Y: clamp01(q.Y)}
	}
	// A transform close to a scale and a shift keeps rectangles and
	// ellipses axis-aligned enough to stay what they are.
	nearAxes := math.Abs(t.M[1]) < 0.02 && math.Abs(t.M[3]) < 0.02
	for _, a := range anns {
		b := a
		switch {
		case (a.Kind == catalog.KindRect || a.Kind == catalog.KindEllipse) && nearAxes:
			p0, p1 := apply(a.Points[0]), apply(a.Points[1])
			b.Points = []catalog.Point{p0, p1}
		case a.Kind == catalog.KindRect:
			p0, p1 := a.Points[0], a.Points[1]
			b.Kind = catalog.KindPolyline
			b.Points = []catalog.Point{apply(p0), apply(catalog.Point{X: p1.X, Y: p0.Y}), apply(p1), apply(catalog.Point{X: p0.X, Y: p1.Y}), apply(p0)}
		case a.Kind == catalog.KindEllipse:
			cx, cy := (a.Points[0].X+a.Points[1].X)/2, (a.Points[0].Y+a.Points[1].Y)/2
			rx, ry := math.Abs(a.Points[1].X-a.Points[0].X)/2, math.Abs(a.Points[1].Y-a.Points[0].Y)/2
			b.Kind = catalog.KindPolyline
			b.Points = nil
			for k := 0; k <= 48; k++ {
				th := 2 * math.Pi * float64(k) / 48
				b.Points = append(b.Points, apply(catalog.Point{X: cx + rx*math.Cos(th), Y: cy + ry*math.Sin(th)}))
			}
		default:
			b.Points = make([]catalog.Point, len(a.Points))
			for i, p := range a.Points {
				b.Points[i] = apply(p)
			}
		}
		out = append(out, b)
	}
	return out
}

// kindsChanged maps the marks that alignAnnotations drew as another kind
// to the kind they were made as (the legend names them so).
func kindsChanged(made, drawn []catalog.Annotation) map[int64]catalog.AnnotationKind {
	var out map[int64]catalog.AnnotationKind
	for i := range min(len(made), len(drawn)) {
		if made[i].Kind != drawn[i].Kind {
			if out == nil {
				out = map[int64]catalog.AnnotationKind{}
			}
			out[made[i].ID] = made[i].Kind
		}
	}
	return out
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// quotes returns the excerpts linked to any of the images, once each, in
// report order, with the links' notes, and what the manifest says of each:
// its report file's SHA-256, its place and the hash of its text as
// printed.
func quotes(ctx context.Context, c *catalog.Case, imageIDs ...int64) ([]sheet.Quote, []manifest.Excerpt, error) {
	seen := map[int64]int{}
	var out []sheet.Quote
	var excerpts []*catalog.Excerpt
	for _, id := range imageIDs {
		ls, err := c.Links(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		for _, l := range ls {
			e := l.Excerpt
			if i, ok := seen[e.ID]; ok {
				if l.Note != "" && !strings.Contains(out[i].Note, l.Note) {
					out[i].Note = strings.TrimPrefix(out[i].Note+"; "+l.Note, "; ")
				}
				continue
			}
			seen[e.ID] = len(out)
			title := e.ReportTitle
			if e.Gone {
				title += " (earlier version)"
			}
			out = append(out, sheet.Quote{Text: e.Text, ReportTitle: title, Page: e.Page, PageEnd: e.PageEnd, PageLabel: e.PageLabel, Paragraph: e.Paragraph, Note: l.Note, ExcerptID: e.ID})
			excerpts = append(excerpts, e)
		}
	}
	described := make([]manifest.Excerpt, len(out))
	for i, e := range excerpts {
		sum, err := c.ExcerptReportSHA256(ctx, e.ID)
		if err != nil {
			return nil, nil, err
		}
		out[i].ReportSHA256 = sum
		described[i] = manifest.ExcerptOf(e, sum, sheet.PrintedText(out[i]))
	}
	return out, described, nil
}

// marksOf describes annotations by their content hashes.
func marksOf(anns []*catalog.Annotation) []manifest.Mark {
	out := make([]manifest.Mark, len(anns))
	for i, a := range anns {
		out[i] = manifest.MarkOf(a)
	}
	return out
}
