package hub

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// InitResult is what publishing a case to a new hub did.
type InitResult struct {
	CaseID string  `json:"case_id"`
	DB     string  `json:"db"`
	Store  string  `json:"store"`
	Member int64   `json:"member"`
	Sync   *Result `json:"sync"`
}

// Init publishes the case to a new hub: it makes the hub's tables in the
// database at dbURL (embedded migrations; the connected role needs to be
// able to create roles, as a superuser can), the bucket of the store at
// storeURL when missing, registers this laptop's key (member 1 as a rule),
// makes the case remember its hub, and pushes everything.
func Init(ctx context.Context, local Local, dbURL, storeURL string, opt Options) (*InitResult, error) {
	if _, had, err := local.Hub(ctx); err != nil {
		return nil, err
	} else if had {
		return nil, errors.New("this case has a hub already (exhibit sync)")
	}
	store, err := OpenStore(storeURL)
	if err != nil {
		return nil, err
	}
	if err := store.EnsureBucket(ctx); err != nil {
		return nil, err
	}
	s, err := openSession(ctx, dbURL, opt.Progress)
	if err != nil {
		return nil, err
	}
	defer s.close()
	err = s.do(ctx, "make the hub's tables", func(conn *pgx.Conn) error {
		if err := migrate(ctx, conn); err != nil {
			return err
		}
		return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var id string
			err := tx.QueryRow(ctx, `SELECT case_id FROM hub_info`).Scan(&id)
			switch {
			case err == nil && id != local.ID():
				return fmt.Errorf("the database holds case %s already: give a new database", id)
			case err == nil:
				return nil // published before, interrupted: go on
			case !errors.Is(err, pgx.ErrNoRows):
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO hub_info (case_id, store) VALUES ($1, $2)`, local.ID(), storeURL); err != nil {
				return err
			}
			_, err = tx.Exec(ctx, `GRANT exhibit_owner TO CURRENT_USER`)
			return err
		})
	})
	if err != nil {
		return nil, err
	}
	member, err := s.registerKeys(ctx, local)
	if err != nil {
		return nil, err
	}
	if err := local.SetHub(ctx, HubInfo{DB: RedactURL(dbURL), Store: storeURL, Member: member}); err != nil {
		return nil, err
	}
	s.close()
	res, err := syncWith(ctx, local, dbURL, opt)
	return &InitResult{CaseID: local.ID(), DB: RedactURL(dbURL), Store: storeURL, Member: member, Sync: res}, err
}
