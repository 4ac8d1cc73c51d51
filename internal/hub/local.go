package hub

import (
	"context"

	"github.com/exhibit-app/exhibit/catalog"
)

// Local is what a hub needs of a local case; *catalog.Case is one.
type Local interface {
	ID() string
	Dir() string
	Signer() *catalog.Signer
	Hub(ctx context.Context) (HubInfo, bool, error)
	SetHub(ctx context.Context, h HubInfo) error
	SetPulled(ctx context.Context, seq int64) error
	Outgoing(ctx context.Context, limit int) ([]WireEntry, error)
	MarkSent(ctx context.Context, hashes []string) error
	Incoming(ctx context.Context, entries []WireEntry) (*MergeResult, error)
	Keys(ctx context.Context) ([]KeyInfo, error)
	AddKeys(ctx context.Context, keys []KeyInfo) error
	Images(ctx context.Context, f catalog.Filter) ([]*catalog.Image, error)
	Reports(ctx context.Context) ([]*catalog.Report, error)
	OriginalsDir() string
}
