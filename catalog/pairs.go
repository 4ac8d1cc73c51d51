package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Pair is a before and an after image of the same place.
type Pair struct {
	ID       int64
	Title    string
	BeforeID int64
	AfterID  int64
	// NotBefore is the latest time known to be before the event, NotAfter
	// the earliest known after it: RFC 3339, or a camera clock without zone
	// ("2017-10-14T09:12:00"); "" when unknown.
	NotBefore, NotAfter string
	Notes               string
	// Alignment maps the after image onto the before image; nil when the
	// pair is not aligned.
	Alignment *Alignment
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Alignment is a transform fitted from corresponding points, mapping
// positions on the after image (fractions of its upright image) to the
// before image. Kind "affine" uses M as
//
//	x' = M[0]*x + M[1]*y + M[2]
//	y' = M[3]*x + M[4]*y + M[5]
//
// Other kinds (a homography, a georeference) may come later; readers must
// check Kind.
type Alignment struct {
	Kind string    `json:"kind"`
	M    []float64 `json:"m"`
	// After and Before are the corresponding points the user placed.
	After  []Point `json:"after"`
	Before []Point `json:"before"`
	// Residuals are, for each point, the distance in pixels of the before
	// image between where the fit puts it and where the user put it.
	Residuals []float64 `json:"residuals_px"`
}

// MarshalJSON writes a point as [x, y].
func (p Point) MarshalJSON() ([]byte, error) { return json.Marshal([2]float64{p.X, p.Y}) }

// UnmarshalJSON reads a point written as [x, y].
// A number too large for a float64 (1e309) is refused as out of range.
func (p *Point) UnmarshalJSON(b []byte) error {
	var v []float64
	if err := json.Unmarshal(b, &v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && strings.HasPrefix(te.Value, "number ") {
			return fmt.Errorf("a point is [x, y] in fractions 0..1: %s is out of range", strings.TrimPrefix(te.Value, "number "))
		}
		return fmt.Errorf("a point is [x, y]: %w", err)
	}
	if len(v) != 2 {
		return fmt.Errorf("a point is [x, y], not %d numbers", len(v))
	}
	p.X, p.Y = v[0], v[1]
	return nil
}

// PairOptions describe a new pair.
type PairOptions struct {
	Title string
	Notes string
	// KeepOrder keeps the images as given; by default the earlier capture
	// is the before image.
	KeepOrder bool
	// NotBefore and NotAfter set the date window (as ParseWindowTime reads
	// it; "" for unknown); nil starts it at the image's capture time.
	NotBefore, NotAfter *string
}

func pairObject(id int64) string { return fmt.Sprintf("pair:%d", id) }

// AddPair makes a pair of two images. The date window is what opt gives,
// or starts as the two capture times; a window that CheckWindow refuses
// is refused, but for two capture times the wrong way round (KeepOrder
// with a before image taken later, a camera clock off): then the window
// starts unset.
func (c *Case) AddPair(ctx context.Context, a, b int64, opt PairOptions) (*Pair, error) {
	if a == b {
		return nil, errors.New("make pair: the before and after images are the same image")
	}
	before, err := c.Image(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("make pair: %w", err)
	}
	after, err := c.Image(ctx, b)
	if err != nil {
		return nil, fmt.Errorf("make pair: %w", err)
	}
	if !opt.KeepOrder && before.TakenAt != nil && after.TakenAt != nil && after.TakenAt.Before(*before.TakenAt) {
		before, after = after, before
	}
	title := strings.TrimSpace(opt.Title)
	if title == "" {
		title = before.Name() + " / " + after.Name()
	}
	nb, na, err := newWindow(before, after, opt)
	if err != nil {
		return nil, fmt.Errorf("make pair: %w", err)
	}
	var id int64
	err = c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		r, err := c.insertRow(ctx, tx, `INSERT INTO pairs(title, before_id, after_id, not_before, not_after, notes, created_at, updated_at)
			VALUES(?,?,?,?,?,?,?,?)`, title, before.ID, after.ID, nullString(nb), nullString(na), opt.Notes, now, now)
		if err != nil {
			return err
		}
		id, _ = r.LastInsertId()
		return c.audit(ctx, tx, "pair.add", pairObject(id), map[string]any{"title": title, "before": before.ID, "after": after.ID})
	})
	if err != nil {
		return nil, fmt.Errorf("make pair: %w", err)
	}
	return c.Pair(ctx, id)
}

// newWindow is the date window of a new pair (see AddPair).
func newWindow(before, after *Image, opt PairOptions) (nb, na string, err error) {
	nb, na = before.TakenString(), after.TakenString()
	if opt.NotBefore != nil {
		nb = *opt.NotBefore
	}
	if opt.NotAfter != nil {
		na = *opt.NotAfter
	}
	nb, na, err = CheckWindow(nb, na)
	if err != nil && opt.NotBefore == nil && opt.NotAfter == nil {
		return "", "", nil // capture times the wrong way round bound nothing
	}
	return nb, na, err
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const pairColumns = `id, title, before_id, after_id, not_before, not_after, notes, alignment, created_at, updated_at`

func scanPair(row interface{ Scan(...any) error }) (*Pair, error) {
	var p Pair
	var nb, na, al sql.NullString
	var created, updated string
	if err := row.Scan(&p.ID, &p.Title, &p.BeforeID, &p.AfterID, &nb, &na, &p.Notes, &al, &created, &updated); err != nil {
		return nil, err
	}
	p.NotBefore, p.NotAfter = nb.String, na.String
	if al.Valid && al.String != "" {
		var a Alignment
		if err := json.Unmarshal([]byte(al.String), &a); err != nil {
			return nil, fmt.Errorf("pair %d: its stored alignment cannot be read: %w", p.ID, err)
		}
		p.Alignment = &a
	}
	p.CreatedAt, p.UpdatedAt = parseTimestamp(created), parseTimestamp(updated)
	return &p, nil
}

// Pair returns one pair (not deleted).
func (c *Case) Pair(ctx context.Context, id int64) (*Pair, error) {
	p, err := scanPair(c.rd.QueryRowContext(ctx, `SELECT `+pairColumns+` FROM pairs WHERE id=? AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("pair %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("pair %d: %w", id, err)
	}
	return p, nil
}

// Pairs returns the case's pairs, oldest first.
func (c *Case) Pairs(ctx context.Context) ([]*Pair, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT `+pairColumns+` FROM pairs WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list pairs: %w", err)
	}
	defer rows.Close()
	var out []*Pair
	for rows.Next() {
		p, err := scanPair(rows)
		if err != nil {
			return nil, fmt.Errorf("list pairs: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PairUpdate changes a pair's fields; nil fields are left as they are.
type PairUpdate struct {
	Title     *string
	Notes     *string
	NotBefore *string
	NotAfter  *string
	// Swap exchanges the before and after images.
	Swap bool
}

// UpdatePair changes a pair. A change of the date window is refused when
// the window it leaves breaks CheckWindow's rule.
func (c *Case) UpdatePair(ctx context.Context, id int64, u PairUpdate) (*Pair, error) {
	old, err := c.Pair(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.NotBefore != nil || u.NotAfter != nil {
		if u.NotBefore, u.NotAfter, err = updatedWindow(old, u); err != nil {
			return nil, fmt.Errorf("update pair %d: %w", id, err)
		}
	}
	var sets []string
	var args []any
	changes := map[string]any{}
	// set changes col from was to *v; a nullable column stores "" as NULL.
	set := func(col string, v *string, was string, nullable bool) {
		if v == nil || *v == was {
			return
		}
		sets = append(sets, col+"=?")
		if nullable {
			args = append(args, nullString(*v))
		} else {
			args = append(args, *v)
		}
		changes[col] = map[string]string{"from": was, "to": *v}
	}
	if u.Title != nil && strings.TrimSpace(*u.Title) == "" {
		return nil, fmt.Errorf("update pair %d: the title is empty", id)
	}
	set("title", u.Title, old.Title, false)
	set("notes", u.Notes, old.Notes, false)
	set("not_before", u.NotBefore, old.NotBefore, true)
	set("not_after", u.NotAfter, old.NotAfter, true)
	if u.Swap {
		sets = append(sets, "before_id=?", "after_id=?", "alignment=NULL")
		args = append(args, old.AfterID, old.BeforeID)
		changes["swap"] = true
	}
	if len(sets) == 0 {
		return old, nil
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		args := append(append(args, timestamp(c.now())), id)
		if _, err := tx.ExecContext(ctx, `UPDATE pairs SET `+strings.Join(sets, ", ")+`, updated_at=? WHERE id=?`, args...); err != nil {
			return err
		}
		return c.audit(ctx, tx, "pair.update", pairObject(id), changes)
	})
	if err != nil {
		return nil, fmt.Errorf("update pair %d: %w", id, err)
	}
	return c.Pair(ctx, id)
}

// updatedWindow checks the window a pair has after u, and returns the
// fields of u that change it, as they are to be stored (nil: unchanged).
func updatedWindow(old *Pair, u PairUpdate) (nbSet, naSet *string, err error) {
	nb, na := old.NotBefore, old.NotAfter
	if u.NotBefore != nil {
		nb = *u.NotBefore
	}
	if u.NotAfter != nil {
		na = *u.NotAfter
	}
	if nb, na, err = CheckWindow(nb, na); err != nil {
		return nil, nil, err
	}
	if u.NotBefore != nil {
		nbSet = &nb
	}
	if u.NotAfter != nil {
		naSet = &na
	}
	return nbSet, naSet, nil
}

// SetAlignment stores (or, with nil, resets) the pair's alignment.
func (c *Case) SetAlignment(ctx context.Context, id int64, a *Alignment) error {
	if a != nil {
		if err := a.Validate(); err != nil {
			return fmt.Errorf("align pair %d: %w", id, err)
		}
	}
	if _, err := c.Pair(ctx, id); err != nil {
		return err
	}
	var v any
	action := "pair.align.reset"
	if a != nil {
		b, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("align pair %d: %w", id, err)
		}
		v, action = string(b), "pair.align"
	}
	err := c.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE pairs SET alignment=?, updated_at=? WHERE id=?`, v, timestamp(c.now()), id); err != nil {
			return err
		}
		return c.audit(ctx, tx, action, pairObject(id), a)
	})
	if err != nil {
		return fmt.Errorf("align pair %d: %w", id, err)
	}
	return nil
}

// DeletePair deletes a pair. Its images are untouched; the pair and its
// own annotations are kept, marked deleted, and recorded in the audit trail.
func (c *Case) DeletePair(ctx context.Context, id int64) error {
	p, err := c.Pair(ctx, id)
	if err != nil {
		return err
	}
	anns, err := c.Annotations(ctx, AnnotationScope{PairID: id})
	if err != nil {
		return err
	}
	err = c.write(ctx, func(tx *sql.Tx) error {
		now := timestamp(c.now())
		if _, err := tx.ExecContext(ctx, `UPDATE pairs SET deleted_at=? WHERE id=?`, now, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annotations SET deleted_at=? WHERE pair_id=? AND deleted_at IS NULL`, now, id); err != nil {
			return err
		}
		return c.audit(ctx, tx, "pair.delete", pairObject(id), map[string]any{"pair": p, "annotations": anns})
	})
	if err != nil {
		return fmt.Errorf("delete pair %d: %w", id, err)
	}
	return nil
}
