package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The states an image of a site is coded with.
const (
	StateIntact    = "intact"
	StateDamaged   = "damaged"
	StateDestroyed = "destroyed"
	StateUnclear   = "unclear"
)

// ParseState reads a state: intact, damaged, destroyed or unclear.
func ParseState(s string) (string, error) {
	st := strings.ToLower(strings.TrimSpace(s))
	switch st {
	case StateIntact, StateDamaged, StateDestroyed, StateUnclear:
		return st, nil
	}
	return "", fmt.Errorf("state %q: want intact, damaged, destroyed or unclear", s)
}

// liveSite returns an error unless the site exists and is not removed.
func liveSite(ctx context.Context, tx *sql.Tx, siteID int64) error {
	var removed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT removed_at FROM sites WHERE id = ?`, siteID).Scan(&removed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("no site %d: %w", siteID, ErrNotFound)
	case err != nil:
		return err
	case removed.Valid:
		return fmt.Errorf("site %d was removed", siteID)
	}
	return nil
}

// decision returns the latest decision on an image of a site ("" for none).
func decision(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, siteID, imageID int64) (string, error) {
	var d string
	err := q.QueryRowContext(ctx, `SELECT decision FROM site_images WHERE site_id = ? AND image_id = ? ORDER BY id DESC LIMIT 1`, siteID, imageID).Scan(&d)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return d, err
}

// decide records a decision on an image of a site inside tx, unless it is
// the latest already. It reports whether it wrote one.
func (c *Case) decide(ctx context.Context, tx *sql.Tx, siteID, imageID int64, d, how string) (bool, error) {
	if err := liveSite(ctx, tx, siteID); err != nil {
		return false, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM images WHERE id = ?`, imageID).Scan(&n); err != nil {
		return false, err
	}
	if n == 0 {
		return false, fmt.Errorf("no image %d: %w", imageID, ErrNotFound)
	}
	have, err := decision(ctx, tx, siteID, imageID)
	if err != nil || have == d {
		return false, err
	}
	if _, err := c.insertRow(ctx, tx, `INSERT INTO site_images(site_id, image_id, decision, how, actor, at) VALUES(?,?,?,?,?,?)`,
		siteID, imageID, d, how, c.Who(), timestamp(c.now())); err != nil {
		return false, err
	}
	action := "site.attach"
	if d == "rejected" {
		action = "site.reject"
	}
	return true, c.audit(ctx, tx, action, siteObject(siteID), map[string]any{"image": imageID, "how": how})
}

// AttachImage says that an image shows the site (how: "by hand", or the
// suggestion accepted). Attaching an attached image does nothing.
func (c *Case) AttachImage(ctx context.Context, siteID, imageID int64, how string) error {
	if how = strings.TrimSpace(how); how == "" {
		how = "by hand"
	}
	err := c.write(ctx, func(tx *sql.Tx) error {
		_, err := c.decide(ctx, tx, siteID, imageID, "attached", how)
		return err
	})
	if err != nil {
		return fmt.Errorf("attach image %d to site %d: %w", imageID, siteID, err)
	}
	return nil
}

// RejectImage says that an image does not show the site: it is detached
// and no longer suggested. Its codes are kept, and no longer count.
func (c *Case) RejectImage(ctx context.Context, siteID, imageID int64, why string) error {
	err := c.write(ctx, func(tx *sql.Tx) error {
		_, err := c.decide(ctx, tx, siteID, imageID, "rejected", strings.TrimSpace(why))
		return err
	})
	if err != nil {
		return fmt.Errorf("reject image %d for site %d: %w", imageID, siteID, err)
	}
	return nil
}

// SiteCode is what one coder saw in one image of a site.
type SiteCode struct {
	ID      int64
	SiteID  int64
	ImageID int64
	State   string
	Note    string
	Coder   string
	Blind   bool
	At      time.Time
}

// CodeImage records what coder saw in an image of a site (coder "": the
// user, user@computer); the image is attached first when it is not. Codes
// are never changed: a new code of the same coder replaces the earlier
// one in what counts, and both stay in the record.
func (c *Case) CodeImage(ctx context.Context, siteID, imageID int64, state, note, coder string, blind bool) (*SiteCode, error) {
	st, err := ParseState(state)
	if err != nil {
		return nil, fmt.Errorf("code image %d of site %d: %w", imageID, siteID, err)
	}
	if coder = strings.TrimSpace(coder); coder == "" {
		coder = c.Who()
	}
	note = strings.TrimSpace(note)
	code := &SiteCode{SiteID: siteID, ImageID: imageID, State: st, Note: note, Coder: coder, Blind: blind, At: c.now().UTC()}
	err = c.write(ctx, func(tx *sql.Tx) error {
		if _, err := c.decide(ctx, tx, siteID, imageID, "attached", "coded"); err != nil {
			return err
		}
		r, err := c.insertRow(ctx, tx, `INSERT INTO site_codes(site_id, image_id, state, note, coder, blind, at) VALUES(?,?,?,?,?,?,?)`,
			siteID, imageID, st, note, coder, blind, timestamp(code.At))
		if err != nil {
			return err
		}
		code.ID, _ = r.LastInsertId()
		return c.audit(ctx, tx, "site.code", siteObject(siteID), map[string]any{"image": imageID, "state": st, "note": note, "coder": coder, "blind": blind})
	})
	if err != nil {
		return nil, fmt.Errorf("code image %d of site %d: %w", imageID, siteID, err)
	}
	return code, nil
}

// siteImageIDs returns the images attached to a site (latest decision),
// by id.
func (c *Case) siteImageIDs(ctx context.Context, siteID int64) ([]int64, error) {
	ids, err := queryIDs(ctx, c.rd, `SELECT d.image_id FROM site_images d WHERE d.site_id = ? AND d.decision = 'attached'
		AND d.id = (SELECT max(id) FROM site_images e WHERE e.site_id = d.site_id AND e.image_id = d.image_id) ORDER BY d.image_id`, siteID)
	if err != nil {
		return nil, fmt.Errorf("images of site %d: %w", siteID, err)
	}
	return ids, nil
}

// latestCodes returns the codes that count: the latest per site, image
// and coder, of images attached now (siteID 0: of every site), by site,
// image and coder.
func (c *Case) latestCodes(ctx context.Context, siteID int64) ([]SiteCode, error) {
	q := `SELECT k.id, k.site_id, k.image_id, k.state, k.note, k.coder, k.blind, k.at FROM site_codes k
		JOIN sites s ON s.id = k.site_id AND s.removed_at IS NULL
		WHERE k.id = (SELECT max(id) FROM site_codes m WHERE m.site_id = k.site_id AND m.image_id = k.image_id AND m.coder = k.coder)
		AND (SELECT decision FROM site_images d WHERE d.site_id = k.site_id AND d.image_id = k.image_id ORDER BY d.id DESC LIMIT 1) = 'attached'`
	var args []any
	if siteID != 0 {
		q += ` AND k.site_id = ?`
		args = append(args, siteID)
	}
	rows, err := c.rd.QueryContext(ctx, q+` ORDER BY k.site_id, k.image_id, k.coder`, args...)
	if err != nil {
		return nil, fmt.Errorf("read codes: %w", err)
	}
	defer rows.Close()
	var out []SiteCode
	for rows.Next() {
		var k SiteCode
		var at string
		if err := rows.Scan(&k.ID, &k.SiteID, &k.ImageID, &k.State, &k.Note, &k.Coder, &k.Blind, &at); err != nil {
			return nil, fmt.Errorf("read codes: %w", err)
		}
		k.At = parseTimestamp(at)
		out = append(out, k)
	}
	return out, rows.Err()
}
