package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// AnnotationScope selects annotations: those of one image (made on the
// image itself), or those of a pair (made in the pair, on either side),
// optionally with the ones made on the pair's images themselves.
type AnnotationScope struct {
	ImageID int64
	PairID  int64
	// WithImages adds, to a pair's annotations, those made on its images.
	WithImages bool
}

const annotationColumns = `id, image_id, pair_id, kind, points, color, width, label, note, number`

func scanAnnotation(row interface{ Scan(...any) error }) (*Annotation, error) {
	var a Annotation
	var pair sql.NullInt64
	var points string
	if err := row.Scan(&a.ID, &a.ImageID, &pair, &a.Kind, &points, &a.Color, &a.Width, &a.Label, &a.Note, &a.Number); err != nil {
		return nil, err
	}
	a.PairID = pair.Int64
	if err := json.Unmarshal([]byte(points), &a.Points); err != nil {
		return nil, fmt.Errorf("annotation %d: points: %w", a.ID, err)
	}
	return &a, nil
}

// Annotations returns the annotations in scope, in the order they were
// made.
func (c *Case) Annotations(ctx context.Context, s AnnotationScope) ([]*Annotation, error) {
	var q string
	var args []any
	switch {
	case s.PairID != 0 && s.WithImages:
		p, err := c.Pair(ctx, s.PairID)
		if err != nil {
			return nil, err
		}
		q = `(pair_id = ? OR pair_id IS NULL AND image_id IN (?, ?))`
		args = []any{s.PairID, p.BeforeID, p.AfterID}
	case s.PairID != 0:
		q, args = `pair_id = ?`, []any{s.PairID}
	default:
		q, args = `pair_id IS NULL AND image_id = ?`, []any{s.ImageID}
	}
	rows, err := c.rd.QueryContext(ctx, `SELECT `+annotationColumns+` FROM annotations WHERE deleted_at IS NULL AND `+q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list annotations: %w", err)
	}
	defer rows.Close()
	var out []*Annotation
	for rows.Next() {
		a, err := scanAnnotation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	refs := make([]string, len(out))
	for i, a := range out {
		refs[i] = rowRef("annotations", a.ID)
	}
	who, err := c.Authors(ctx, refs)
	if err != nil {
		return nil, err
	}
	for i, a := range out {
		a.Author = who[refs[i]]
	}
	return out, nil
}

// Annotation returns one annotation (even a deleted one, for undo).
func (c *Case) Annotation(ctx context.Context, id int64) (*Annotation, error) {
	a, err := scanAnnotation(c.rd.QueryRowContext(ctx, `SELECT `+annotationColumns+` FROM annotations WHERE id=?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("annotation %d: %w", id, ErrNotFound)
	}
	return a, err
}

// annotationAudit is how an annotation is recorded in the audit trail.
func annotationAudit(a *Annotation) map[string]any {
	return map[string]any{"id": a.ID, "image": a.ImageID, "pair": a.PairID, "kind": a.Kind, "points": a.Points,
		"color": a.Color, "width": a.Width, "label": a.Label, "note": a.Note, "number": a.Number}
}

// checkScope verifies that a's image exists and, when a belongs to a pair,
// that it is one of the pair's two images.
func (c *Case) checkScope(ctx context.Context, a *Annotation) error {
	if _, err := c.Image(ctx, a.ImageID); err != nil {
		return err
	}
	if a.PairID != 0 {
		p, err := c.Pair(ctx, a.PairID)
		if err != nil {
			return err
		}
		if a.ImageID != p.BeforeID && a.ImageID != p.AfterID {
			return fmt.Errorf("image %d is not in pair %d", a.ImageID, a.PairID)
		}
	}
	return nil
}

// AddAnnotations stores annotations (saved at once: a crash loses
// nothing). Empty colours and widths get the defaults; a callout without
// a number gets the next one in its scope (the pair, or the image). It
// returns them with their ids.
func (c *Case) AddAnnotations(ctx context.Context, anns []Annotation) ([]*Annotation, error) {
	var out []*Annotation
	err := c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		for i := range anns {
			a := anns[i]
			if a.Color == "" {
				a.Color = DefaultColor
			}
			if a.Width == 0 {
				a.Width = DefaultWidth
			}
			if a.Kind == KindCallout && a.Number == 0 {
				n, err := nextCalloutNumber(ctx, tx, &a)
				if err != nil {
					return err
				}
				a.Number = n
			}
			if err := a.Validate(); err != nil {
				return fmt.Errorf("annotation %d: %w", i+1, err)
			}
			if err := c.checkScope(ctx, &a); err != nil {
				return fmt.Errorf("annotation %d: %w", i+1, err)
			}
			pts, _ := json.Marshal(a.Points)
			r, err := c.insertRow(ctx, tx, `INSERT INTO annotations(image_id, pair_id, kind, points, color, width, label, note, number, created_at, updated_at)
				VALUES(?,?,?,?,?,?,?,?,?,?,?)`, a.ImageID, nullID(a.PairID), a.Kind, string(pts), strings.ToUpper(a.Color), a.Width, a.Label, a.Note, a.Number, now, now)
			if err != nil {
				return err
			}
			a.ID, _ = r.LastInsertId()
			a.Color = strings.ToUpper(a.Color)
			if err := c.audit(ctx, tx, "annotation.add", annotationObject(&a), annotationAudit(&a)); err != nil {
				return err
			}
			out = append(out, &a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add annotations: %w", err)
	}
	return out, nil
}

// annotationObject names what an annotation is on, for the audit trail.
func annotationObject(a *Annotation) string {
	if a.PairID != 0 {
		return pairObject(a.PairID)
	}
	return imageObject(a.ImageID)
}

// nextCalloutNumber is one more than the highest callout number that
// can appear on the same sheet as a, deleted callouts included (a number
// once used is never reused): for a mark in a pair, the pair's callouts
// and those made on its two images; for a mark on an image, the image's
// own callouts and those made on it in any pair.
func nextCalloutNumber(ctx context.Context, tx *sql.Tx, a *Annotation) (int, error) {
	var n sql.NullInt64
	var err error
	if a.PairID != 0 {
		err = tx.QueryRowContext(ctx, `SELECT max(number) FROM annotations WHERE kind='callout' AND (pair_id = ?1
			OR pair_id IS NULL AND image_id IN (SELECT before_id FROM pairs WHERE id = ?1 UNION SELECT after_id FROM pairs WHERE id = ?1))`,
			a.PairID).Scan(&n)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT max(number) FROM annotations WHERE kind='callout' AND (image_id = ?1 AND pair_id IS NULL
			OR pair_id IN (SELECT id FROM pairs WHERE before_id = ?1 OR after_id = ?1))`, a.ImageID).Scan(&n)
	}
	return int(n.Int64) + 1, err
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// UpdateAnnotation changes an annotation's geometry, colour, width, label,
// note or number (its image and pair stay). The audit trail records the
// annotation before and after.
func (c *Case) UpdateAnnotation(ctx context.Context, a Annotation) (*Annotation, error) {
	old, err := c.Annotation(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	a.ImageID, a.PairID = old.ImageID, old.PairID
	switch {
	case a.Kind != KindCallout:
		a.Number = 0
	case a.Number == 0:
		a.Number = old.Number
	}
	if a.Kind != old.Kind {
		return nil, fmt.Errorf("update annotation %d: its kind cannot change (%s to %s)", a.ID, old.Kind, a.Kind)
	}
	if err := a.Validate(); err != nil {
		return nil, fmt.Errorf("update annotation %d: %w", a.ID, err)
	}
	a.Color = strings.ToUpper(a.Color)
	pts, _ := json.Marshal(a.Points)
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE annotations SET points=?, color=?, width=?, label=?, note=?, number=?, updated_at=?
			WHERE id=? AND deleted_at IS NULL`, string(pts), a.Color, a.Width, a.Label, a.Note, a.Number, timestamp(c.now()), a.ID)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("annotation %d is deleted", a.ID)
		}
		return c.audit(ctx, tx, "annotation.update", annotationObject(&a), map[string]any{"before": annotationAudit(old), "after": annotationAudit(&a)})
	})
	if err != nil {
		return nil, fmt.Errorf("update annotation %d: %w", a.ID, err)
	}
	return &a, nil
}

// DeleteAnnotation deletes an annotation: it is kept, marked deleted, so
// that undo can restore it and the record keeps it.
func (c *Case) DeleteAnnotation(ctx context.Context, id int64) error {
	return c.setAnnotationDeleted(ctx, id, true)
}

// RestoreAnnotation brings back a deleted annotation (undo of a delete).
func (c *Case) RestoreAnnotation(ctx context.Context, id int64) error {
	return c.setAnnotationDeleted(ctx, id, false)
}

func (c *Case) setAnnotationDeleted(ctx context.Context, id int64, deleted bool) error {
	a, err := c.Annotation(ctx, id)
	if err != nil {
		return err
	}
	q, action := `UPDATE annotations SET deleted_at=? WHERE id=? AND deleted_at IS NULL`, "annotation.delete"
	if !deleted {
		q, action = `UPDATE annotations SET deleted_at=NULL, updated_at=? WHERE id=? AND deleted_at IS NOT NULL`, "annotation.restore"
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, q, timestamp(c.now()), id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("annotation %d is already %s", id, map[bool]string{true: "deleted", false: "present"}[deleted])
		}
		return c.audit(ctx, tx, action, annotationObject(a), annotationAudit(a))
	})
	if err != nil {
		return fmt.Errorf("%s annotation %d: %w", strings.TrimPrefix(action, "annotation."), id, err)
	}
	return nil
}
