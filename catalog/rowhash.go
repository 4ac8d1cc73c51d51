package catalog

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// untracked are the tables whose rows are not evidence: the chain's own
// tables and SQLite's. Every other table, those later migrations add
// included, is tracked: triggers note each row a transaction touches, and
// the entries of that transaction record the row's content hash.
var untracked = map[string]bool{
	"audit": true, "audit_rows": true, "audit_touch": true, "checkpoints": true, "keys": true, "case_info": true,
	"sqlite_sequence": true, "audit_data": true, "conflicts": true, "on_hub": true,
}

// querier is what both *sql.Tx and *sql.DB offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// trackedTables returns the tables whose rows the chain records, sorted:
// every table but the untracked ones, full-text indexes and their shadow
// tables.
func trackedTables(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names, virtual []string
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		if strings.HasPrefix(strings.ToUpper(ddl), "CREATE VIRTUAL TABLE") {
			virtual = append(virtual, name)
			continue
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	var out []string
	for _, n := range names {
		if untracked[n] || strings.HasPrefix(n, "sqlite_") || isShadow(n, virtual) {
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// isShadow reports whether table is a shadow table of one of the virtual
// tables (excerpts_fts_data of excerpts_fts).
func isShadow(table string, virtual []string) bool {
	for _, v := range virtual {
		if strings.HasPrefix(table, v+"_") {
			return true
		}
	}
	return false
}

// rowRef names a row for the chain: "notes/12".
func rowRef(table string, rowid int64) string { return table + "/" + strconv.FormatInt(rowid, 10) }

// rowHasher hashes the rows of tables in their canonical form: every column
// by name, in name order, with its SQLite type, so that the same content
// always gives the same hash whoever reads it. With keep set (a team case)
// it also gives each row's content as JSON (see wire.go), so that another
// laptop can replay it.
type rowHasher struct {
	buf  []byte
	keep bool
}

// hashRows calls fn with the rowid and content hash of each row of table
// that query (a SELECT rowid, * FROM table ...) returns, and its content
// when the hasher keeps it (nil otherwise).
func (h *rowHasher) hashRows(ctx context.Context, q querier, table, query string, args []any, fn func(rowid int64, hash string, data []byte) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	cols = cols[1:] // rowid
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return cols[order[a]] < cols[order[b]] })
	vals := make([]any, len(cols)+1)
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		rowid, ok := vals[0].(int64)
		if !ok {
			return fmt.Errorf("read %s: rowid is a %T", table, vals[0])
		}
		h.buf = appendCanonical(h.buf[:0], table, cols, order, vals[1:])
		sum := sha256.Sum256(h.buf)
		var data []byte
		if h.keep {
			data = encodeRow(cols, order, vals[1:])
		}
		if err := fn(rowid, hex.EncodeToString(sum[:]), data); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	return nil
}

// appendCanonical appends a row's canonical form, which its hash covers:
// the table, then each column's name and value in name order.
func appendCanonical(b []byte, table string, cols []string, order []int, vals []any) []byte {
	b = append(b, table...)
	b = append(b, 0)
	for _, i := range order {
		b = append(b, cols[i]...)
		b = append(b, 0)
		b = appendValue(b, vals[i])
		b = append(b, 0)
	}
	return b
}

// appendValue appends v, tagged with its type, in a form that tells every
// value apart ("i:12", "f:12.5", "s:5:hello", "b:...", "n").
func appendValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, 'n')
	case int64:
		return strconv.AppendInt(append(b, "i:"...), x, 10)
	case float64:
		return strconv.AppendFloat(append(b, "f:"...), x, 'g', -1, 64)
	case string:
		b = strconv.AppendInt(append(b, "s:"...), int64(len(x)), 10)
		return append(append(b, ':'), x...)
	case []byte:
		b = strconv.AppendInt(append(b, "b:"...), int64(len(x)), 10)
		return append(append(b, ':'), hex.EncodeToString(x)...)
	case bool:
		if x {
			return append(b, "i:1"...)
		}
		return append(b, "i:0"...)
	case time.Time:
		s := x.UTC().Format(time.RFC3339Nano)
		b = strconv.AppendInt(append(b, "s:"...), int64(len(s)), 10)
		return append(append(b, ':'), s...)
	default:
		s := fmt.Sprint(x)
		b = strconv.AppendInt(append(b, "?:"...), int64(len(s)), 10)
		return append(append(b, ':'), s...)
	}
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
