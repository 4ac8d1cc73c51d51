package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
)

// FilesDir is the folder, inside the sample case, that holds its pictures
// and report.
const FilesDir = "sample-files"

// Step reports the progress of BuildCase: what it is doing.
type Step func(what string)

// BuildCase makes the sample case in dir: it generates the pictures and the
// report into dir/sample-files, imports them, and makes the links, the
// before/after pair with its alignment, annotations, tags and a note, all
// through the catalog (and so all in the audit trail). dir must not hold a
// case with images already. Cancelling ctx stops it soon (the pictures
// being drawn are finished first), with ctx's error.
func BuildCase(ctx context.Context, dir string, step Step) (*catalog.Case, error) {
	if step == nil {
		step = func(string) {}
	}
	if catalog.IsCase(dir) {
		c, err := catalog.Open(ctx, dir)
		if err != nil {
			return nil, err
		}
		n, err := c.CountImages(ctx)
		if err != nil || n > 0 {
			c.Close()
			return nil, fmt.Errorf("make the sample case: %s already holds a case with %d images; choose another folder", dir, n)
		}
		c.Close()
	}
	// The case first: Open refuses a folder that holds other files. (A
	// folder holding nothing but the pictures of an interrupted sample is
	// cleared: they are drawn again.)
	if !catalog.IsCase(dir) {
		if entries, _ := os.ReadDir(dir); len(entries) == 1 && entries[0].Name() == FilesDir {
			os.RemoveAll(filepath.Join(dir, FilesDir))
		}
	}
	c, err := catalog.Open(ctx, dir)
	if err != nil {
		return nil, fmt.Errorf("make the sample case: %w", err)
	}
	step("Drawing the sample pictures")
	images, reports, err := generate(ctx, filepath.Join(dir, FilesDir))
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("make the sample case: %w", err)
	}
	if err := writeWorldFiles(filepath.Join(dir, FilesDir)); err != nil {
		c.Close()
		return nil, fmt.Errorf("make the sample case: %w", err)
	}
	step("Drawing the map of the town")
	if err := WriteBasemap(ctx, filepath.Join(dir, BasemapName)); err != nil {
		c.Close()
		return nil, fmt.Errorf("make the sample case: %w", err)
	}
	if err := build(ctx, c, images, reports, step); err != nil {
		c.Close()
		return nil, fmt.Errorf("make the sample case: %w", err)
	}
	return c, nil
}

func build(ctx context.Context, c *catalog.Case, images []File, reports []string, step Step) error {
	step("Importing the pictures")
	// One worker: the images get their ids in the order of their names
	// (01-street-before.jpg is image 1), the same in every sample case.
	res, err := c.Import(ctx, []string{filepath.Dir(images[0].Path)}, catalog.ImportOptions{Workers: 1})
	if err != nil {
		return err
	}
	if len(res.Failed) > 0 {
		return fmt.Errorf("%s: %s", res.Failed[0].Path, res.Failed[0].Error)
	}
	byRole := map[string]*catalog.Image{}
	for _, f := range images {
		im, err := c.FindImage(ctx, f.Path)
		if err != nil {
			return err
		}
		byRole[f.Role] = im
	}

	step("Importing the report")
	var md string
	for _, r := range reports {
		if strings.HasSuffix(r, ".md") {
			md = r
		}
	}
	if md == "" {
		return errors.New("the sample report was not written")
	}
	rep, err := c.AddReport(ctx, md, catalog.ReportOptions{Date: "2017-10-30", Source: "Fictional sample data made by Exhibit"})
	if err != nil {
		return err
	}
	excerpts, err := c.Excerpts(ctx, rep.Report.ID, false)
	if err != nil {
		return err
	}

	step("Linking pictures and excerpts")
	for _, l := range Links() {
		im := byRole[l.ImageRole]
		var ex *catalog.Excerpt
		for _, e := range excerpts {
			if strings.Contains(e.Text, l.ParagraphContains) {
				ex = e
				break
			}
		}
		if im == nil || ex == nil {
			return fmt.Errorf("link %s to %q: not found", l.ImageRole, l.ParagraphContains)
		}
		var reg *catalog.Region
		if l.Region != nil {
			reg = &catalog.Region{X: l.Region[0], Y: l.Region[1], W: l.Region[2], H: l.Region[3]}
		}
		if _, err := c.AddLink(ctx, im.ID, ex.ID, l.Note, reg); err != nil {
			return err
		}
	}

	step("Making the before/after pair")
	beforeRole, afterRole, title := Pair()
	before, after := byRole[beforeRole], byRole[afterRole]
	pair, err := c.AddPair(ctx, before.ID, after.ID, catalog.PairOptions{Title: title,
		Notes: "The street photograph of 11 October was taken by a resident; the after picture by the field team on 16 October. The after camera stood about half a metre to the side, so the alignment leaves small residuals."})
	if err != nil {
		return err
	}
	af, bf := AlignmentPoints()
	bw, bh := before.UprightSize()
	al, err := annot.FitAlignment(points(af), points(bf), bw, bh)
	if err != nil {
		return err
	}
	if err := c.SetAlignment(ctx, pair.ID, al); err != nil {
		return err
	}
	// A second pair, from the air.
	if _, err := c.AddPair(ctx, byRole["satellite-before"].ID, byRole["satellite-after"].ID,
		catalog.PairOptions{Title: "Satellite view of the block, 9 and 17 October 2017"}); err != nil {
		return err
	}

	step("Coding the images of a site")
	if err := buildSite(ctx, c, byRole); err != nil {
		return fmt.Errorf("site: %w", err)
	}

	step("Annotating")
	for role, list := range Annotations() {
		im := byRole[role]
		var anns []catalog.Annotation
		for _, a := range list {
			ca := catalog.Annotation{ImageID: im.ID, Kind: catalog.AnnotationKind(a.Kind), Points: points(a.Points),
				Color: a.Color, Width: a.Width, Label: a.Label, Note: a.Note, Number: a.Number}
			if role == afterRole {
				ca.PairID = pair.ID
			}
			anns = append(anns, ca)
		}
		if _, err := c.AddAnnotations(ctx, anns); err != nil {
			return fmt.Errorf("annotate %s: %w", role, err)
		}
	}
	for role, im := range byRole {
		kind, _, _ := strings.Cut(role, "-")
		if err := c.AddTag(ctx, im.ID, kind); err != nil {
			return err
		}
		if strings.HasSuffix(role, "-after") || strings.HasPrefix(role, "witness") && role != "witness-market-before" {
			if err := c.AddTag(ctx, im.ID, "damage"); err != nil {
				return err
			}
		}
	}
	_, err = c.AddNote(ctx, byRole["witness-facade"].ID, "Taken in portrait; the camera stored it on its side (EXIF orientation 6).")
	return err
}

func points(ps [][2]float64) []catalog.Point {
	out := make([]catalog.Point, len(ps))
	for i, p := range ps {
		out[i] = catalog.Point{X: p[0], Y: p[1]}
	}
	return out
}
