package hub

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pushEntries sends the case's entries the hub lacks, batch by batch, each
// batch in a transaction of its own: signed by this laptop, inserted
// (an entry the hub has already is skipped: pushing is idempotent), then
// marked sent in the case. It returns how many were sent.
func (s *session) pushEntries(ctx context.Context, local Local, batch int, after int64) (int, error) {
	signer := local.Signer()
	fp := signer.Fingerprint()
	total, last := 0, ""
	for {
		out, err := local.Outgoing(ctx, batch)
		if err != nil {
			return total, fmt.Errorf("read the case's entries to push: %w", err)
		}
		if len(out) == 0 {
			return total, nil
		}
		if out[0].Hash == last {
			return total, fmt.Errorf("push: entry %s stays unsent after being pushed", last)
		}
		last = out[0].Hash
		rows := make([]pushRow, len(out))
		for i := range out {
			r, err := toPushRow(&out[i])
			if err != nil {
				return total, err
			}
			r.signer = fp
			r.signature = hex.EncodeToString(signer.Sign(EntryMessage(local.ID(), out[i].Hash)))
			rows[i] = r
		}
		err = s.do(ctx, fmt.Sprintf("push %d entries", len(rows)), func(conn *pgx.Conn) error {
			return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
				// One pusher at a time, and only one that has pulled
				// everything the hub holds.
				if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('exhibit push'))`); err != nil {
					return err
				}
				var top int64
				if err := tx.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM entries`).Scan(&top); err != nil {
					return err
				}
				if top != after {
					return errHubMoved
				}
				b := &pgx.Batch{}
				for _, r := range rows {
					b.Queue(`INSERT INTO entries (hash, prev, depth, at, actor, key, session, action, object, details,
						rows_digest, rows, data, signer, signature)
						VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::json, $14, $15)
						ON CONFLICT (hash) DO NOTHING`, r.args()...)
				}
				if err := tx.SendBatch(ctx, b).Close(); err != nil {
					return err
				}
				return tx.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM entries`).Scan(&after)
			})
		})
		if errors.Is(err, errHubMoved) {
			return total, err
		}
		if err != nil {
			return total, explainRefusal(err, s.user)
		}
		hashes := make([]string, len(out))
		for i := range out {
			hashes[i] = out[i].Hash
		}
		if err := local.MarkSent(ctx, hashes); err != nil {
			return total, fmt.Errorf("mark %d entries sent: %w", len(hashes), err)
		}
		total += len(out)
		s.progress(fmt.Sprintf("pushed %d entries", total))
	}
}

// pushRow is an entry as the entries table takes it.
// errHubMoved is returned by a push when the hub took entries since this
// laptop last pulled: it must pull (and merge) them first.
var errHubMoved = errors.New("the hub has entries this laptop has not pulled yet")

// maxPushRounds bounds the pulls and pushes of one sync when others keep
// pushing meanwhile.
const maxPushRounds = 5

type pushRow struct {
	e                 *WireEntry
	rows, data        string
	signer, signature string
}

// toPushRow lays out an entry's rows as {ref: hash} and their content as
// {ref: data} (rows without data, from before the hub, are left out).
func toPushRow(e *WireEntry) (pushRow, error) {
	hashes := make(map[string]string, len(e.Rows))
	// The data object is written by hand: each row's JSON byte for byte
	// as the case gave it (json.Marshal would re-escape it).
	var data bytes.Buffer
	data.WriteByte('{')
	for _, r := range e.Rows {
		if _, dup := hashes[r.Ref]; dup {
			return pushRow{}, fmt.Errorf("push entry %s: row %s listed twice", e.Hash, r.Ref)
		}
		hashes[r.Ref] = r.Hash
		if len(r.Data) == 0 || string(r.Data) == "null" {
			continue
		}
		if !json.Valid(r.Data) {
			return pushRow{}, fmt.Errorf("push entry %s: row %s: its data is not JSON", e.Hash, r.Ref)
		}
		if data.Len() > 1 {
			data.WriteByte(',')
		}
		ref, _ := json.Marshal(r.Ref)
		data.Write(ref)
		data.WriteByte(':')
		data.Write(r.Data)
	}
	data.WriteByte('}')
	hb, err := json.Marshal(hashes)
	if err != nil {
		return pushRow{}, fmt.Errorf("push entry %s: %w", e.Hash, err)
	}
	return pushRow{e: e, rows: string(hb), data: data.String()}, nil
}

// args are the INSERT's parameters.
func (r pushRow) args() []any {
	e := r.e
	return []any{e.Hash, e.Prev, e.Seq, e.At, e.Actor, e.Key, e.Session, e.Action, e.Object, e.Details,
		e.RowsDigest, r.rows, r.data, r.signer, r.signature}
}

// explainRefusal says why PostgreSQL refused a push, in the roles' terms.
func explainRefusal(err error, role string) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "42501" {
		return err
	}
	if strings.Contains(pe.Message, "row-level security") {
		return fmt.Errorf("PostgreSQL refused the push of role %s: a coder pushes only site codes, notes and tags, removing nothing, "+
			"and every entry must be signed by a key registered to the pushing role: %w", role, err)
	}
	return fmt.Errorf("PostgreSQL refused the push of role %s (a viewer may not push): %w", role, err)
}
