package hub

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"github.com/exhibit-app/exhibit/catalog"
)

// RefusedEntry is an entry pulled from the hub that fails its checks: it
// was changed on the hub behind the protocol, and no case takes it.
type RefusedEntry struct {
	Hash    string
	Seq     int64 // the hub's seq
	Problem string
}

func (e *RefusedEntry) Error() string {
	return fmt.Sprintf("entry %s (hub seq %d) refused: %s", e.Hash, e.Seq, e.Problem)
}

// hubEntry is a row of the hub's entries table.
type hubEntry struct {
	seq               int64
	e                 WireEntry
	rows              map[string]string
	data              []byte
	signer, signature string
}

// pullResult is what pulling did.
type pullResult struct {
	pulled, conflicts int
	// last is the hub seq reached (the one pulled from when nothing was).
	last int64
}

// pullEntries takes the hub's entries after the case's last pulled seq,
// batch by batch: each is checked (signature by a key registered on the
// hub, hash, row data), replayed into the case, and the case's pulled seq
// moved past it. The first entry that fails stops the pull with a
// RefusedEntry; the ones before it are kept.
func (s *session) pullEntries(ctx context.Context, local Local, from int64, batch int) (pullResult, error) {
	res := pullResult{last: from}
	keys, err := s.hubKeys(ctx)
	if err != nil {
		return res, err
	}
	if err := addKeys(ctx, local, keys); err != nil {
		return res, err
	}
	for {
		var got []hubEntry
		err := s.do(ctx, "pull entries", func(conn *pgx.Conn) error {
			got, err = readEntries(ctx, conn, from, batch)
			return err
		})
		if err != nil {
			return res, err
		}
		if len(got) == 0 {
			return res, nil
		}
		if keys, err = s.refreshKeys(ctx, local, keys, got); err != nil {
			return res, err
		}
		wire := make([]WireEntry, 0, len(got))
		for i := range got {
			if err := checkEntry(local.ID(), keys, &got[i]); err != nil {
				return res, s.applyBefore(ctx, local, wire, got[:i], &res, err)
			}
			wire = append(wire, got[i].e)
		}
		if err := s.apply(ctx, local, wire, got[len(got)-1].seq, &res); err != nil {
			return res, err
		}
		from = got[len(got)-1].seq
		res.last = from
		s.progress(fmt.Sprintf("pulled %d entries (hub seq %d)", res.pulled, from))
	}
}

// applyBefore replays the good entries ahead of a refused one, then
// returns the refusal.
func (s *session) applyBefore(ctx context.Context, local Local, wire []WireEntry, good []hubEntry, res *pullResult, refusal error) error {
	if len(good) > 0 {
		if err := s.apply(ctx, local, wire, good[len(good)-1].seq, res); err != nil {
			return err
		}
	}
	return refusal
}

// apply replays entries into the case and records the hub seq reached.
func (s *session) apply(ctx context.Context, local Local, wire []WireEntry, seq int64, res *pullResult) error {
	m, err := local.Incoming(ctx, wire)
	if err != nil {
		return fmt.Errorf("replay %d pulled entries into the case: %w", len(wire), err)
	}
	if err := local.SetPulled(ctx, seq); err != nil {
		return fmt.Errorf("record hub seq %d as pulled: %w", seq, err)
	}
	res.pulled += m.Pulled
	res.conflicts += m.Conflicts
	return nil
}

// refreshKeys reads the hub's keys again when a batch is signed by one
// registered since they were read.
func (s *session) refreshKeys(ctx context.Context, local Local, keys map[string]hubKey, got []hubEntry) (map[string]hubKey, error) {
	for _, h := range got {
		if _, ok := keys[h.signer]; !ok {
			fresh, err := s.hubKeys(ctx)
			if err != nil {
				return nil, err
			}
			return fresh, addKeys(ctx, local, fresh)
		}
	}
	return keys, nil
}

// addKeys gives the case the hub's keys, so that it can check the
// signatures of what it pulled.
func addKeys(ctx context.Context, local Local, keys map[string]hubKey) error {
	infos := make([]KeyInfo, 0, len(keys))
	for _, k := range keys {
		infos = append(infos, k.KeyInfo)
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].Fingerprint < infos[j].Fingerprint })
	if err := local.AddKeys(ctx, infos); err != nil {
		return fmt.Errorf("add the hub's keys to the case: %w", err)
	}
	return nil
}

// readEntries reads up to limit entries after seq from, in seq order.
func readEntries(ctx context.Context, conn *pgx.Conn, from int64, limit int) ([]hubEntry, error) {
	rows, err := conn.Query(ctx, `SELECT seq, hash, prev, depth, at, actor, key, session, action, object, details,
		rows_digest, rows, data::text, signer, signature FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2`, from, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []hubEntry
	for rows.Next() {
		var h hubEntry
		e := &h.e
		var data string
		if err := rows.Scan(&h.seq, &e.Hash, &e.Prev, &e.Seq, &e.At, &e.Actor, &e.Key, &e.Session, &e.Action,
			&e.Object, &e.Details, &e.RowsDigest, &h.rows, &data, &h.signer, &h.signature); err != nil {
			return nil, err
		}
		h.data = []byte(data)
		out = append(out, h)
	}
	return out, rows.Err()
}

// checkEntry checks an entry pulled from the hub and fills in its rows:
// signed, over the case id and its hash, by a key registered on the hub;
// its row data for the rows it lists only; its hash, rows digest and each
// row's hash true to its content (WireEntry.Check).
func checkEntry(caseID string, keys map[string]hubKey, h *hubEntry) error {
	refuse := func(format string, args ...any) error {
		return &RefusedEntry{Hash: h.e.Hash, Seq: h.seq, Problem: fmt.Sprintf(format, args...)}
	}
	k, ok := keys[h.signer]
	if !ok {
		return refuse("signed by unknown key %s", h.signer)
	}
	pub, err := catalog.ParsePublicKeyPEM([]byte(k.PublicKeyPEM))
	if err != nil {
		return refuse("its signer's key %s cannot be read: %v", h.signer, err)
	}
	sig, err := hex.DecodeString(h.signature)
	if err != nil || !ed25519.Verify(pub, EntryMessage(caseID, h.e.Hash), sig) {
		return refuse("bad signature (signer key %s, role %s)", h.signer, k.PGRole)
	}
	var data map[string]json.RawMessage
	if err := json.Unmarshal(h.data, &data); err != nil {
		return refuse("its row data is not a JSON object: %v", err)
	}
	h.e.Rows = make([]WireRow, 0, len(h.rows))
	for ref, hash := range h.rows {
		h.e.Rows = append(h.e.Rows, WireRow{Ref: ref, Hash: hash, Data: data[ref]})
		delete(data, ref)
	}
	for ref := range data {
		return refuse("row data for %s, a row the entry does not list", ref)
	}
	sort.Slice(h.e.Rows, func(i, j int) bool { return h.e.Rows[i].Ref < h.e.Rows[j].Ref })
	if err := h.e.Check(); err != nil {
		return refuse("%v", err)
	}
	return nil
}
