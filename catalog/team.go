package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// A team case is a local case that syncs with a hub (PostgreSQL for the
// signed entries, an S3 store for originals; see internal/hub). Each
// laptop keeps working offline on its own SQLite case. Two things change
// once a case has joined its hub:
//
//   - new rows take their ids from the laptop's own block (member m owns
//     [m<<32, (m+1)<<32)), so that rows two laptops add while apart never
//     share an id, and a row's name ("notes/12") means the same row on
//     every laptop;
//   - every entry keeps, beside the hash of each row it left behind, the
//     row's content (audit_data), so that another laptop can replay it
//     and check it against the hash.
//
// Entries are exchanged as WireEntry values: Outgoing, MarkSent and
// Incoming (incoming.go). The chain becomes a graph like git's: each
// laptop appends to its own head, and a sync.merge entry joins two heads;
// every entry stays an ancestor of the one head.

// HubInfo is the hub a team case syncs with, kept in the case.
type HubInfo struct {
	// DB is the hub's PostgreSQL URL as given (no password is kept: it
	// comes from PGPASSWORD or ~/.pgpass, as for psql).
	DB string
	// Store is the S3 store of originals: http(s)://host:port/bucket.
	Store string
	// Member is this laptop's member number, from the hub (from 1).
	Member int64
	// Pulled is the hub's sequence number of the last entry pulled.
	Pulled int64
	// Synced is when the last sync ended well ("" never), RFC 3339.
	Synced string
}

// memberBlock is the number of ids each member owns in each table.
const memberBlock = int64(1) << 32

// maxMember bounds member numbers so that ids stay exact in JSON (2^53).
const maxMember = 1<<(53-32) - 1

// Hub returns the hub the case syncs with, and whether it has one.
func (c *Case) Hub(ctx context.Context) (HubInfo, bool, error) {
	vals := map[string]string{}
	rows, err := c.rd.QueryContext(ctx, `SELECT key, value FROM case_info WHERE key LIKE 'hub_%'`)
	if err != nil {
		return HubInfo{}, false, fmt.Errorf("read the case's hub: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return HubInfo{}, false, fmt.Errorf("read the case's hub: %w", err)
		}
		vals[k] = v
	}
	if err := rows.Err(); err != nil {
		return HubInfo{}, false, fmt.Errorf("read the case's hub: %w", err)
	}
	if vals["hub_db"] == "" {
		return HubInfo{}, false, nil
	}
	h := HubInfo{DB: vals["hub_db"], Store: vals["hub_store"]}
	h.Member, _ = strconv.ParseInt(vals["hub_member"], 10, 64)
	h.Pulled, _ = strconv.ParseInt(vals["hub_pulled"], 10, 64)
	h.Synced = vals["hub_synced"]
	return h, true, nil
}

// loadHub, when the case is opened, takes its member number.
func (c *Case) loadHub(ctx context.Context) error {
	var v string
	err := c.rd.QueryRowContext(ctx, `SELECT value FROM case_info WHERE key = 'hub_member'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the case's hub: %w", err)
	}
	m, err := strconv.ParseInt(v, 10, 64)
	if err != nil || m < 1 || m > maxMember {
		return fmt.Errorf("read the case's hub: bad member number %q", v)
	}
	c.member.Store(m)
	return nil
}

// SetHub joins the case to its hub, or records a new address for it. On
// joining, a hub.join entry records every row of the case with its
// content, so that the hub holds all the case is (entries written before
// carry only their rows' hashes); a case cloned from the hub has all its
// rows recorded already and writes a hub.join without them.
func (c *Case) SetHub(ctx context.Context, h HubInfo) error {
	if h.Member < 1 || h.Member > maxMember {
		return fmt.Errorf("join the hub: member number %d out of range", h.Member)
	}
	if h.DB == "" || h.Store == "" {
		return errors.New("join the hub: the hub's database and store are both needed")
	}
	old, had, err := c.Hub(ctx)
	if err != nil {
		return err
	}
	if had && old.Member != h.Member {
		return fmt.Errorf("join the hub: this case is already member %d of a hub (%s)", old.Member, old.DB)
	}
	c.member.Store(h.Member)
	err = c.write(ctx, func(tx *sql.Tx) error {
		for k, v := range map[string]string{"hub_db": h.DB, "hub_store": h.Store, "hub_member": strconv.FormatInt(h.Member, 10)} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_info(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return fmt.Errorf("join the hub: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM case_info WHERE key = 'hub_clone'`); err != nil {
			return fmt.Errorf("join the hub: %w", err)
		}
		if had {
			return c.audit(ctx, tx, "hub.move", "case", map[string]any{"db": redactURL(h.DB), "store": h.Store})
		}
		var fromHub int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM on_hub`).Scan(&fromHub); err != nil {
			return fmt.Errorf("join the hub: %w", err)
		}
		if fromHub == 0 {
			if err := touchAll(ctx, tx); err != nil {
				return err
			}
		}
		return c.audit(ctx, tx, "hub.join", "case", map[string]any{"db": redactURL(h.DB), "store": h.Store, "member": h.Member})
	})
	if err != nil && !had {
		c.member.Store(0)
	}
	return err
}

// SetPulled records the hub's sequence number of the last entry pulled.
func (c *Case) SetPulled(ctx context.Context, seq int64) error {
	_, err := c.wr.ExecContext(ctx, `INSERT INTO case_info(key, value) VALUES('hub_pulled', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		strconv.FormatInt(seq, 10))
	if err != nil {
		return fmt.Errorf("record what was pulled: %w", err)
	}
	return nil
}

// SetSynced records that a sync with the hub ended well, now.
func (c *Case) SetSynced(ctx context.Context) error {
	_, err := c.wr.ExecContext(ctx, `INSERT INTO case_info(key, value) VALUES('hub_synced', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		timestamp(c.now()))
	if err != nil {
		return fmt.Errorf("record the sync: %w", err)
	}
	return nil
}

// newRowID returns the id a new row of table takes: nil (SQLite's own
// choice) in a case without a hub, else the next free id of this laptop's
// block.
func (c *Case) newRowID(ctx context.Context, tx *sql.Tx, table string) (any, error) {
	m := c.member.Load()
	if m == 0 {
		return nil, nil
	}
	lo := m * memberBlock
	var top sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(rowid) FROM `+quoteIdent(table)+` WHERE rowid >= ? AND rowid < ?`, lo, lo+memberBlock).Scan(&top); err != nil {
		return nil, fmt.Errorf("choose an id in %s: %w", table, err)
	}
	if !top.Valid {
		return lo, nil
	}
	if top.Int64+1 >= lo+memberBlock {
		return nil, fmt.Errorf("choose an id in %s: this laptop's block of ids is full", table)
	}
	return top.Int64 + 1, nil
}

// redactURL returns a database URL without its password, for the record.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// insertPrefix matches the start of an INSERT statement insertRow rewrites.
var insertPrefix = regexp.MustCompile(`^\s*INSERT\s+(OR\s+IGNORE\s+)?INTO\s+([a-z_]+)\(`)

// insertRow runs an INSERT into one of the case's tables. In a team case
// the new row takes its id from this laptop's block: the statement gets a
// rowid column, its VALUES( or SELECT a first placeholder, and the id goes
// first among the arguments. In a case without a hub it runs unchanged.
func (c *Case) insertRow(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if c.member.Load() == 0 {
		return tx.ExecContext(ctx, query, args...)
	}
	m := insertPrefix.FindStringSubmatchIndex(query)
	if m == nil {
		return nil, fmt.Errorf("insert: cannot give an id to %.40q", query)
	}
	table := query[m[4]:m[5]]
	id, err := c.newRowID(ctx, tx, table)
	if err != nil {
		return nil, err
	}
	rest := query[m[1]:]
	var at int
	if i := strings.Index(rest, "VALUES("); i >= 0 {
		at = i + len("VALUES(")
	} else if i := strings.Index(rest, "SELECT "); i >= 0 {
		at = i + len("SELECT ")
	} else {
		return nil, fmt.Errorf("insert into %s: cannot give the row an id", table)
	}
	q := query[:m[1]] + "rowid, " + rest[:at] + "?, " + rest[at:]
	return tx.ExecContext(ctx, q, append([]any{id}, args...)...)
}
