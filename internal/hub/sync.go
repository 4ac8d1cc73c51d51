package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DefaultBatch is how many entries go in one batch (one transaction on
// the hub, one in the case).
const DefaultBatch = 500

// Options tunes a sync.
type Options struct {
	// Batch is the number of entries per batch (DefaultBatch when 0).
	Batch int
	// AllOriginals also downloads every original the case holds nowhere
	// (else they are fetched when opened: Fetch).
	AllOriginals bool
	// PullOnly skips pushing (a viewer's clone: PostgreSQL would refuse).
	PullOnly bool
	// Progress, when set, is told what is being done.
	Progress func(string)
}

// Result is what a sync did; its JSON is the contract of `exhibit sync
// --json`.
type Result struct {
	Pushed        int `json:"pushed"`
	Pulled        int `json:"pulled"`
	OriginalsUp   int `json:"originals_up"`
	OriginalsDown int `json:"originals_down"`
	Conflicts     int `json:"conflicts"`
	// Missing lists what the hub recorded as in the store and the store
	// no longer holds.
	Missing []MissingObject `json:"missing_originals"`
	// HubBehind is set when the hub's last entry is older than the last
	// this laptop pulled: the hub lost entries (restored from an older
	// backup?) that this laptop will not push again by itself.
	HubBehind bool `json:"hub_behind"`
}

// Sync brings the case and its hub together: pull the others' entries
// (checked, then replayed and merged into the case), push the case's new
// ones, then the originals and reports the store lacks. Each batch is its
// own transaction, so an interrupted sync keeps what it did and the next
// one goes on from there.
func Sync(ctx context.Context, local Local, opt Options) (*Result, error) {
	return syncWith(ctx, local, "", opt)
}

// syncWith is Sync through dbURL when not "" (the URL as given to init or
// clone, with its password), else the case's hub.
func syncWith(ctx context.Context, local Local, dbURL string, opt Options) (*Result, error) {
	info, ok, err := local.Hub(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("this case has no hub (exhibit hub init, or exhibit clone a hub)")
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	store, err := OpenStore(info.Store)
	if err != nil {
		return nil, err
	}
	if dbURL == "" {
		dbURL = info.DB
	}
	s, err := openSession(ctx, dbURL, opt.Progress)
	if err != nil {
		return nil, err
	}
	defer s.close()
	if err := s.checkCase(ctx, local.ID()); err != nil {
		return nil, err
	}
	res := &Result{Missing: []MissingObject{}}
	if _, err := s.registerKeys(ctx, local); err != nil {
		return res, err
	}
	if res.HubBehind, err = s.behind(ctx, info.Pulled); err != nil {
		return res, err
	}
	// Pull, then push what the case has beyond the hub; when someone else
	// pushed in between, pull (and merge) again first, so that every push
	// follows the hub's newest entry and the hub's record keeps one head.
	from := info.Pulled
	for attempt := 1; ; attempt++ {
		pr, err := s.pullEntries(ctx, local, from, opt.Batch)
		res.Pulled, res.Conflicts = res.Pulled+pr.pulled, res.Conflicts+pr.conflicts
		if err != nil {
			return res, err
		}
		if opt.PullOnly {
			return res, markSynced(ctx, local)
		}
		from = pr.last
		n, err := s.pushEntries(ctx, local, opt.Batch, from)
		res.Pushed += n
		if errors.Is(err, errHubMoved) && attempt < maxPushRounds {
			s.progress("someone else pushed meanwhile: pulling their entries first")
			continue
		}
		if err != nil {
			return res, err
		}
		break
	}
	or, err := s.syncObjects(ctx, local, store, opt.AllOriginals)
	res.OriginalsUp, res.OriginalsDown = or.up, or.down
	if or.missing != nil {
		res.Missing = or.missing
	}
	if err == nil {
		err = markSynced(ctx, local)
	}
	return res, err
}

// markSynced records in the case that a sync ended well (the app's status
// bar says when), when the case keeps such a record.
func markSynced(ctx context.Context, local Local) error {
	if c, ok := local.(interface{ SetSynced(context.Context) error }); ok {
		return c.SetSynced(ctx)
	}
	return nil
}

// checkCase fails unless the hub holds the case caseID.
func (s *session) checkCase(ctx context.Context, caseID string) error {
	var id string
	err := s.do(ctx, "read the hub's case", func(conn *pgx.Conn) error {
		return conn.QueryRow(ctx, `SELECT case_id FROM hub_info`).Scan(&id)
	})
	var pe *pgconn.PgError
	if errors.Is(err, pgx.ErrNoRows) || errors.As(err, &pe) && pe.Code == "42P01" {
		return errors.New("that database is no Exhibit hub: it holds no case (exhibit hub init makes one)")
	}
	if err != nil {
		return err
	}
	if id != caseID {
		return fmt.Errorf("the hub holds case %s, not this case (%s)", id, caseID)
	}
	return nil
}

// behind reports (and says) whether the hub's last entry is older than
// the last one this laptop pulled.
func (s *session) behind(ctx context.Context, pulled int64) (bool, error) {
	var last int64
	err := s.do(ctx, "read the hub's last entry", func(conn *pgx.Conn) error {
		return conn.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM entries`).Scan(&last)
	})
	if err != nil || last >= pulled {
		return false, err
	}
	s.progress(fmt.Sprintf("warning: the hub's last entry is seq %d, but this laptop pulled up to seq %d: "+
		"the hub lost entries (restored from an older backup?)", last, pulled))
	return true, nil
}
