package export

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"path/filepath"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/internal/manifest"
)

// Marked is an image written by WritePNG.
type Marked struct {
	// Export is the file as recorded in the audit trail.
	Export *catalog.Export
	// Width and Height are the pixel size written (the original's, upright).
	Width, Height int
	// Marks is how many annotations are drawn on it.
	Marks int
}

// OriginalError is an original that could not be read or decoded for an
// export (missing, changed since it was cataloged, unreadable).
type OriginalError struct {
	ImageID int64
	Err     error
}

// Error says which original could not be read, and why.
func (e *OriginalError) Error() string {
	return fmt.Sprintf("read the original of image %d: %v", e.ImageID, e.Err)
}

// Unwrap returns the reason.
func (e *OriginalError) Unwrap() error { return e.Err }

// WritePNG writes im's original at full resolution, turned upright, with
// its annotations (and those made on it in pair pairID, when not 0) drawn
// on it, as PNG at path. The export is recorded (pending) first, the file
// written through a temporary file (an interrupted export leaves nothing),
// then the export recorded done with the file's SHA-256. The PNG carries
// a signed manifest in text chunks (see internal/manifest).
func WritePNG(ctx context.Context, c *catalog.Case, im *catalog.Image, pairID int64, path string) (*Marked, error) {
	if err := checkOutput(ctx, c, path); err != nil {
		return nil, fmt.Errorf("export image %d: %w", im.ID, err)
	}
	anns, err := c.Annotations(ctx, catalog.AnnotationScope{ImageID: im.ID})
	if err != nil {
		return nil, fmt.Errorf("export image %d: %w", im.ID, err)
	}
	if pairID != 0 {
		p, err := c.Pair(ctx, pairID)
		if err != nil {
			return nil, fmt.Errorf("export image %d: %w", im.ID, err)
		}
		if p.BeforeID != im.ID && p.AfterID != im.ID {
			return nil, fmt.Errorf("export image %d: it is not in pair %d (images %d and %d)", im.ID, pairID, p.BeforeID, p.AfterID)
		}
		more, err := c.Annotations(ctx, catalog.AnnotationScope{PairID: pairID})
		if err != nil {
			return nil, fmt.Errorf("export image %d: %w", im.ID, err)
		}
		for _, a := range more {
			if a.ImageID == im.ID {
				anns = append(anns, a)
			}
		}
	}
	img, err := c.DecodeOriginal(ctx, im, 0)
	if err != nil {
		return nil, &OriginalError{ImageID: im.ID, Err: err}
	}
	plain := make([]catalog.Annotation, len(anns))
	for i, a := range anns {
		plain[i] = *a
	}
	drawn, err := annot.RenderChecked(img, plain)
	if err != nil {
		return nil, fmt.Errorf("export image %d: %w", im.ID, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	run, err := c.BeginExport(ctx, "png", path, map[string]any{"image": im.ID, "sha256": im.SHA256, "pair": pairID, "annotations": len(anns)})
	if err != nil {
		return nil, fmt.Errorf("export image %d: %w", im.ID, err)
	}
	item := manifest.Item{Title: im.Name(), Images: []manifest.Image{manifest.ImageOf("image", im, fileName(im))},
		Excerpts: []manifest.Excerpt{}, Marks: marksOf(anns)}
	if pairID != 0 {
		item.Pair = &pairID
	}
	sealed, err := seal(ctx, c, run, time.Now(), []manifest.Item{item})
	if err != nil {
		return nil, errors.Join(fmt.Errorf("export image %d: %w", im.ID, err), run.Abandon(ctx, err))
	}
	e, err := run.Write(ctx, func(w io.Writer) error {
		pw := manifest.NewPNGWriter(w, sealed)
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(pw, drawn); err != nil {
			return err
		}
		return pw.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("export image %d: %w", im.ID, err)
	}
	b := drawn.Bounds()
	return &Marked{Export: e, Width: b.Dx(), Height: b.Dy(), Marks: len(anns)}, nil
}

// fileName is the name an original is shown under: the base name of its
// first current path, else its catalog name.
func fileName(im *catalog.Image) string {
	if paths := im.Paths(); len(paths) > 0 {
		return filepath.Base(paths[0])
	}
	return im.Name()
}
