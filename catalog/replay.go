package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// tableInfo is what replaying rows into a table needs to know of it.
type tableInfo struct {
	name string
	// alias is the column that is the rowid (an INTEGER PRIMARY KEY), ""
	// when the table has none.
	alias string
	cols  map[string]bool
}

// readTableInfo reads a tracked table's columns.
func readTableInfo(ctx context.Context, tx *sql.Tx, table string) (*tableInfo, error) {
	tracked, err := trackedTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	ok := false
	for _, t := range tracked {
		ok = ok || t == table
	}
	if !ok {
		return nil, fmt.Errorf("replay: %q is not a table of the case", table)
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, upper(type), pk FROM pragma_table_info(?)`, table)
	if err != nil {
		return nil, fmt.Errorf("replay: read %s: %w", table, err)
	}
	defer rows.Close()
	t := &tableInfo{name: table, cols: map[string]bool{}}
	var pks []string
	var intPK bool
	for rows.Next() {
		var name, typ string
		var pk int
		if err := rows.Scan(&name, &typ, &pk); err != nil {
			return nil, fmt.Errorf("replay: read %s: %w", table, err)
		}
		t.cols[name] = true
		if pk > 0 {
			pks = append(pks, name)
			intPK = typ == "INTEGER"
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("replay: read %s: %w", table, err)
	}
	if len(pks) == 1 && intPK {
		t.alias = pks[0]
	}
	return t, nil
}

// put makes the row rowid hold d: updated when it exists, else inserted.
func (t *tableInfo) put(ctx context.Context, tx *sql.Tx, rowid int64, d *decodedRow) error {
	for _, c := range d.cols {
		if !t.cols[c] {
			return fmt.Errorf("replay %s/%d: the case's %s has no column %q (a newer Exhibit wrote it?)", t.name, rowid, t.name, c)
		}
	}
	set := make([]string, len(d.cols))
	for i, c := range d.cols {
		set[i] = quoteIdent(c) + " = ?"
	}
	args := append(append([]any{}, d.vals...), rowid)
	r, err := tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+strings.Join(set, ", ")+` WHERE rowid = ?`, args...)
	if err != nil {
		return fmt.Errorf("replay %s/%d: %w", t.name, rowid, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		names := make([]string, 0, len(d.cols)+1)
		vals := append([]any{}, d.vals...)
		for _, c := range d.cols {
			names = append(names, quoteIdent(c))
		}
		if t.alias == "" {
			names = append(names, "rowid")
			vals = append(vals, rowid)
		}
		q := `INSERT INTO ` + quoteIdent(t.name) + `(` + strings.Join(names, ", ") + `) VALUES(?` + strings.Repeat(", ?", len(names)-1) + `)`
		if _, err := tx.ExecContext(ctx, q, vals...); err != nil {
			return fmt.Errorf("replay %s/%d: %w", t.name, rowid, err)
		}
	}
	return t.index(ctx, tx, rowid, d)
}

// remove deletes the row rowid (nothing when it is not there).
func (t *tableInfo) remove(ctx context.Context, tx *sql.Tx, rowid int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)+` WHERE rowid = ?`, rowid); err != nil {
		return fmt.Errorf("replay %s/%d: %w", t.name, rowid, err)
	}
	return t.index(ctx, tx, rowid, nil)
}

// ftsOf names the full-text index kept by hand for a table's text column.
var ftsOf = map[string][2]string{"notes": {"notes_fts", "text"}, "excerpts": {"excerpts_fts", "text"}}

// index keeps a table's full-text index in step with a replayed row.
func (t *tableInfo) index(ctx context.Context, tx *sql.Tx, rowid int64, d *decodedRow) error {
	f, ok := ftsOf[t.name]
	if !ok {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+f[0]+` WHERE rowid = ?`, rowid); err != nil {
		return fmt.Errorf("replay %s/%d: index: %w", t.name, rowid, err)
	}
	if d == nil {
		return nil
	}
	for i, c := range d.cols {
		if s, ok := d.vals[i].(string); ok && c == f[1] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+f[0]+`(rowid, body) VALUES(?,?)`, rowid, ftsBody(s)); err != nil {
				return fmt.Errorf("replay %s/%d: index: %w", t.name, rowid, err)
			}
		}
	}
	return nil
}
