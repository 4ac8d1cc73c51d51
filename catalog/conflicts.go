package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// ConflictVersion is one side of a conflict: the entry that left a row
// so, who wrote it and when, and the row's content hash ("" removed).
type ConflictVersion struct {
	Entry string `json:"entry"`
	Actor string `json:"actor"`
	At    string `json:"at"`
	Hash  string `json:"hash"`
}

// Conflict is a row two people changed while apart. Both versions are in
// the record; the case holds one of them (the version of the laptop that
// found the conflict) until someone chooses.
type Conflict struct {
	// Ref names the row ("notes/12"); What says what it is ("note 12").
	Ref, What string
	Versions  []ConflictVersion
	FoundAt   string
	// Chosen is the entry whose version was chosen ("" while open, "by
	// hand" when the investigator settled the row themselves).
	Chosen string
}

// Open reports whether nobody has chosen yet.
func (c Conflict) Open() bool { return c.Chosen == "" }

// noteConflicts lists the conflicts a pulled sync.merge entry found, and
// closes those a pulled conflict.resolve entry settles.
func noteConflicts(ctx context.Context, tx *sql.Tx, e *WireEntry, found []conflictSpec) error {
	for _, cf := range found {
		if err := saveConflict(ctx, tx, cf, e.At); err != nil {
			return err
		}
	}
	if e.Action != "conflict.resolve" {
		return nil
	}
	var d struct {
		Ref    string `json:"ref"`
		Chosen string `json:"chosen"`
	}
	if err := json.Unmarshal([]byte(e.Details), &d); err != nil {
		return fmt.Errorf("pull: entry %s (conflict.resolve): its details do not read: %w", short(e.Hash), err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE conflicts SET resolved_by = ? WHERE ref = ?`, coalesce(d.Chosen, "by hand"), d.Ref); err != nil {
		return fmt.Errorf("pull: close the conflict on %s: %w", d.Ref, err)
	}
	return nil
}

// saveConflict lists a conflict (again open when the row had one before).
func saveConflict(ctx context.Context, tx *sql.Tx, cf conflictSpec, at string) error {
	v, _ := json.Marshal(cf.Versions)
	_, err := tx.ExecContext(ctx, `INSERT INTO conflicts(ref, versions, found_at, resolved_by) VALUES(?,?,?,NULL)
		ON CONFLICT(ref) DO UPDATE SET versions = excluded.versions, found_at = excluded.found_at, resolved_by = NULL`, cf.Ref, string(v), at)
	if err != nil {
		return fmt.Errorf("list the conflict on %s: %w", cf.Ref, err)
	}
	return nil
}

// Conflicts returns the rows changed on two laptops while apart, open ones
// first, then by row.
func (c *Case) Conflicts(ctx context.Context) ([]Conflict, error) {
	rows, err := c.rd.QueryContext(ctx, `SELECT ref, versions, found_at, coalesce(resolved_by, '') FROM conflicts
		ORDER BY resolved_by IS NOT NULL, ref`)
	if err != nil {
		return nil, fmt.Errorf("list conflicts: %w", err)
	}
	defer rows.Close()
	var out []Conflict
	for rows.Next() {
		var cf Conflict
		var v string
		if err := rows.Scan(&cf.Ref, &v, &cf.FoundAt, &cf.Chosen); err != nil {
			return nil, fmt.Errorf("list conflicts: %w", err)
		}
		if err := json.Unmarshal([]byte(v), &cf.Versions); err != nil {
			return nil, fmt.Errorf("list conflicts: %s: %w", cf.Ref, err)
		}
		cf.What = describeRef(cf.Ref)
		out = append(out, cf)
	}
	return out, rows.Err()
}

// ConflictData returns a conflict's version as its entry left the row
// (nil when that version removed it), for showing side by side.
func (c *Case) ConflictData(ctx context.Context, ref, entry string) (map[string]any, error) {
	var data sql.NullString
	err := c.rd.QueryRowContext(ctx, `SELECT d.data FROM audit a JOIN audit_data d ON d.entry_id = a.id WHERE a.hash = ? AND d.ref = ?`, entry, ref).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the version of %s: %w", ref, err)
	}
	d, err := decodeRow([]byte(data.String))
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(d.cols))
	for i, col := range d.cols {
		out[col] = d.vals[i]
	}
	return out, nil
}

// ResolveConflict settles a conflict: the row takes the version that entry
// left it in (entry "" keeps the row as it stands, for instance after the
// investigator merged the two texts by hand). The choice is itself an
// entry (conflict.resolve), synced like any other.
func (c *Case) ResolveConflict(ctx context.Context, ref, entry string) error {
	var open int
	if err := c.rd.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE ref = ? AND resolved_by IS NULL`, ref).Scan(&open); err != nil {
		return fmt.Errorf("resolve the conflict on %s: %w", ref, err)
	}
	if open == 0 {
		return fmt.Errorf("resolve the conflict on %s: no open conflict on that row", ref)
	}
	table, rowid, ok := splitRef(ref)
	if !ok {
		return fmt.Errorf("resolve the conflict on %s: bad row name", ref)
	}
	return c.write(ctx, func(tx *sql.Tx) error {
		if entry != "" {
			var hash string
			var data sql.NullString
			err := tx.QueryRowContext(ctx, `SELECT r.hash, d.data FROM audit a JOIN audit_rows r ON r.entry_id = a.id
				LEFT JOIN audit_data d ON d.entry_id = a.id AND d.ref = r.ref WHERE a.hash = ? AND r.ref = ?`, entry, ref).Scan(&hash, &data)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("resolve the conflict on %s: entry %s did not change that row", ref, short(entry))
			}
			if err != nil {
				return fmt.Errorf("resolve the conflict on %s: %w", ref, err)
			}
			ti, err := readTableInfo(ctx, tx, table)
			if err != nil {
				return err
			}
			switch {
			case hash == "":
				err = ti.remove(ctx, tx, rowid)
			case !data.Valid:
				err = fmt.Errorf("entry %s kept no content for that row", short(entry))
			default:
				var d *decodedRow
				if d, err = decodeRow([]byte(data.String)); err == nil {
					err = ti.put(ctx, tx, rowid, d)
				}
			}
			if err != nil {
				return fmt.Errorf("resolve the conflict on %s: %w", ref, err)
			}
		}
		// The row is recorded by this entry, whichever version it holds.
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO audit_touch(tbl, rid) VALUES(?,?)`, table, rowid); err != nil {
			return fmt.Errorf("resolve the conflict on %s: %w", ref, err)
		}
		chosen := entry
		if _, err := tx.ExecContext(ctx, `UPDATE conflicts SET resolved_by = ? WHERE ref = ?`, coalesce(chosen, "by hand"), ref); err != nil {
			return fmt.Errorf("resolve the conflict on %s: %w", ref, err)
		}
		return c.audit(ctx, tx, "conflict.resolve", ref, map[string]any{"ref": ref, "chosen": chosen})
	})
}

func coalesce(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
