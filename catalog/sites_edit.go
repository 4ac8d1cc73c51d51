package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// SiteEdit is a change to a site; nil fields are left as they are.
type SiteEdit struct {
	Name      *string
	Lat, Lon  *float64 // the claimed position, both or neither
	RadiusM   *float64
	Precision *string
	Status    *string
	// Verify, when set, records the verified position, by whom (the
	// user), now, and how (required).
	Verify *struct {
		Lat, Lon float64
		How      string
	}
	Note  string   // a note to add
	Tag   []string // tags to add
	Untag []string // tags to remove (kept, marked)
}

// siteChange is a SiteEdit checked: the columns to set, the note, the
// tags normalized.
type siteChange struct {
	set          map[string]any
	note         string
	tags, untags []string
}

func (ch *siteChange) empty() bool {
	return len(ch.set) == 0 && ch.note == "" && len(ch.tags) == 0 && len(ch.untags) == 0
}

// EditSite changes a site. Verifying a position sets the status to
// verified unless another status is given.
func (c *Case) EditSite(ctx context.Context, id int64, e SiteEdit) error {
	s, err := c.Site(ctx, id)
	if err != nil {
		return fmt.Errorf("edit site: %w", err)
	}
	if s.RemovedAt != nil {
		return fmt.Errorf("edit site %d: it was removed on %s", id, s.RemovedAt.Format(time.DateOnly))
	}
	ch, err := c.checkSiteEdit(s, e)
	if err != nil {
		return fmt.Errorf("edit site %d: %w", id, err)
	}
	if ch.empty() {
		return fmt.Errorf("edit site %d: nothing to change", id)
	}
	if err := c.write(ctx, func(tx *sql.Tx) error { return c.applySiteChange(ctx, tx, id, ch) }); err != nil {
		return fmt.Errorf("edit site %d: %w", id, err)
	}
	return nil
}

// checkSiteEdit checks e against the site s, with the case's rules for
// names, positions, radii, precisions, statuses and tags.
func (c *Case) checkSiteEdit(s *Site, e SiteEdit) (*siteChange, error) {
	ch := &siteChange{set: map[string]any{}, note: strings.TrimSpace(e.Note)}
	if e.Name != nil {
		name, err := siteName(*e.Name)
		if err != nil {
			return nil, err
		}
		ch.set["name"] = name
	}
	if err := ch.position(e); err != nil {
		return nil, err
	}
	if e.Verify != nil {
		if err := ch.verify(e, c.Who(), timestamp(c.now())); err != nil {
			return nil, err
		}
	}
	if e.Status != nil {
		st := strings.ToLower(strings.TrimSpace(*e.Status))
		switch st {
		case SiteUnverified, SiteVerified, SiteUnverifiable:
		default:
			return nil, fmt.Errorf("status %q: want unverified, verified or unverifiable", *e.Status)
		}
		if st == SiteVerified && s.Verified == nil && e.Verify == nil {
			return nil, fmt.Errorf("a site is verified with its verified position (--verified-at LAT,LON --how TEXT)")
		}
		ch.set["status"] = st
	}
	var err error
	if ch.tags, err = normalizeTags(e.Tag); err != nil {
		return nil, err
	}
	if ch.untags, err = normalizeTags(e.Untag); err != nil {
		return nil, err
	}
	return ch, nil
}

// position checks the claimed position, radius and precision of e.
func (ch *siteChange) position(e SiteEdit) error {
	if (e.Lat == nil) != (e.Lon == nil) {
		return fmt.Errorf("give both latitude and longitude")
	}
	if e.Lat != nil {
		if err := validatePosition(*e.Lat, *e.Lon); err != nil {
			return err
		}
		ch.set["lat"], ch.set["lon"] = *e.Lat, *e.Lon
	}
	if e.RadiusM != nil {
		if err := validateRadius(*e.RadiusM); err != nil {
			return err
		}
		ch.set["radius_m"] = *e.RadiusM
	}
	if e.Precision != nil {
		p, m, err := ParsePrecision(*e.Precision)
		if err != nil {
			return err
		}
		ch.set["precision"], ch.set["precision_m"] = p, m
	}
	return nil
}

// verify checks the verified position of e, recorded as verified by who
// at now; the status becomes verified unless e gives another.
func (ch *siteChange) verify(e SiteEdit, who, now string) error {
	v := e.Verify
	if err := validatePosition(v.Lat, v.Lon); err != nil {
		return fmt.Errorf("verified position: %w", err)
	}
	how := strings.TrimSpace(v.How)
	if how == "" {
		return fmt.Errorf("say how the position was verified (--how)")
	}
	ch.set["verified_lat"], ch.set["verified_lon"], ch.set["verified_by"] = v.Lat, v.Lon, who
	ch.set["verified_at"], ch.set["verified_how"] = now, how
	if e.Status == nil {
		ch.set["status"] = SiteVerified
	}
	return nil
}

// normalizeTags normalizes each tag of ts.
func normalizeTags(ts []string) ([]string, error) {
	var out []string
	for _, t := range ts {
		n, err := normalizeTag(t)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// applySiteChange writes ch to site id, each part audited: the columns
// (one site.edit), the note, each tag added and each removed.
func (c *Case) applySiteChange(ctx context.Context, tx *sql.Tx, id int64, ch *siteChange) error {
	now := timestamp(c.now())
	if name, ok := ch.set["name"].(string); ok {
		if other, err := siteByName(ctx, tx, name); err == nil && other != id {
			return fmt.Errorf("site %d is already named %q", other, name)
		}
	}
	if len(ch.set) > 0 {
		cols := make([]string, 0, len(ch.set))
		for k := range ch.set {
			cols = append(cols, k)
		}
		sort.Strings(cols)
		var parts []string
		var args []any
		for _, k := range cols {
			parts = append(parts, k+" = ?")
			args = append(args, ch.set[k])
		}
		args = append(args, now, id)
		if _, err := tx.ExecContext(ctx, `UPDATE sites SET `+strings.Join(parts, ", ")+`, updated_at = ? WHERE id = ?`, args...); err != nil {
			return err
		}
		if err := c.audit(ctx, tx, "site.edit", siteObject(id), ch.set); err != nil {
			return err
		}
	}
	if ch.note != "" {
		if _, err := c.insertRow(ctx, tx, `INSERT INTO site_notes(site_id, text, author, created_at) VALUES(?,?,?,?)`, id, ch.note, c.Who(), now); err != nil {
			return err
		}
		if err := c.audit(ctx, tx, "site.note", siteObject(id), map[string]any{"text": ch.note}); err != nil {
			return err
		}
	}
	return c.applySiteTags(ctx, tx, id, ch, now)
}

// applySiteTags adds and removes the tags of ch (a tag already there is
// not added again; removing a tag the site does not have fails).
func (c *Case) applySiteTags(ctx context.Context, tx *sql.Tx, id int64, ch *siteChange, now string) error {
	for _, t := range ch.tags {
		r, err := c.insertRow(ctx, tx, `INSERT INTO site_tags(site_id, tag, created_at) SELECT ?,?,?
			WHERE NOT EXISTS (SELECT 1 FROM site_tags WHERE site_id = ? AND tag = ? AND removed_at IS NULL)`, id, t, now, id, t)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			if err := c.audit(ctx, tx, "site.tag", siteObject(id), map[string]any{"tag": t}); err != nil {
				return err
			}
		}
	}
	for _, t := range ch.untags {
		r, err := tx.ExecContext(ctx, `UPDATE site_tags SET removed_at = ? WHERE site_id = ? AND tag = ? AND removed_at IS NULL`, now, id, t)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("the site has no tag %q: %w", t, ErrNotFound)
		}
		if err := c.audit(ctx, tx, "site.untag", siteObject(id), map[string]any{"tag": t}); err != nil {
			return err
		}
	}
	return nil
}
