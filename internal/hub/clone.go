package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Opener makes the new, empty local case of a clone in dir, with the
// hub's case id (catalog.Clone, adapted to Local).
type Opener func(ctx context.Context, dir, caseID string) (Local, error)

// CloneResult is what cloning did.
type CloneResult struct {
	CaseID string  `json:"case_id"`
	Dir    string  `json:"dir"`
	Store  string  `json:"store"`
	Member int64   `json:"member"`
	Sync   *Result `json:"sync"`
}

// Clone makes a local case in dir from the hub at dbURL: every entry is
// pulled (and checked) and replayed, this laptop's key is registered, and
// the case joins the hub. Originals are fetched when opened (Fetch), or
// all at once (FetchAll). The case is returned open; the caller closes it.
func Clone(ctx context.Context, dbURL, dir string, open Opener, opt Options) (Local, *CloneResult, error) {
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	s, err := openSession(ctx, dbURL, opt.Progress)
	if err != nil {
		return nil, nil, err
	}
	defer s.close()
	var caseID, store string
	err = s.do(ctx, "read the hub's case", func(conn *pgx.Conn) error {
		return conn.QueryRow(ctx, `SELECT case_id, store FROM hub_info`).Scan(&caseID, &store)
	})
	var pe *pgconn.PgError
	if errors.Is(err, pgx.ErrNoRows) || errors.As(err, &pe) && pe.Code == "42P01" {
		return nil, nil, errors.New("that database is no Exhibit hub: it holds no case")
	}
	if err != nil {
		return nil, nil, err
	}
	local, err := open(ctx, dir, caseID)
	if err != nil {
		return nil, nil, fmt.Errorf("make the case at %s: %w", dir, err)
	}
	res := &CloneResult{CaseID: caseID, Dir: dir, Store: store}
	pr, err := s.pullEntries(ctx, local, 0, opt.Batch)
	if err != nil {
		return local, res, err
	}
	if res.Member, err = s.registerKeys(ctx, local); err != nil {
		return local, res, err
	}
	info, _, err := local.Hub(ctx)
	if err != nil {
		return local, res, err
	}
	if err := local.SetHub(ctx, HubInfo{DB: RedactURL(dbURL), Store: store, Member: res.Member, Pulled: info.Pulled}); err != nil {
		return local, res, err
	}
	var canPush bool
	if err := s.do(ctx, "read the role's privileges", func(conn *pgx.Conn) error {
		return conn.QueryRow(ctx, `SELECT has_table_privilege('entries', 'INSERT')`).Scan(&canPush)
	}); err != nil {
		return local, res, err
	}
	opt.PullOnly = !canPush // a viewer: its hub.join stays on the laptop
	s.close()
	res.Sync, err = syncWith(ctx, local, dbURL, opt)
	if res.Sync != nil {
		res.Sync.Pulled += pr.pulled
		res.Sync.Conflicts += pr.conflicts
	}
	return local, res, err
}
