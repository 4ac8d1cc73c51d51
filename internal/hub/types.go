package hub

import "github.com/exhibit-app/exhibit/catalog"

// The team-case types are catalog's.
type (
	// HubInfo is the hub a team case syncs with, kept in the case.
	HubInfo = catalog.HubInfo
	// WireEntry is an audit entry as it travels between a case and its hub.
	WireEntry = catalog.WireEntry
	// WireRow is one row an entry created, changed or removed.
	WireRow = catalog.WireRow
	// MergeResult is what Incoming did.
	MergeResult = catalog.MergeResult
)

// EntryMessage is what an entry's signature on the hub covers.
func EntryMessage(caseID, hash string) []byte { return catalog.EntryMessage(caseID, hash) }

// KeyInfo is a key a case knows.
type KeyInfo = catalog.KeyInfo

// A *catalog.Case is what a hub syncs.
var _ Local = (*catalog.Case)(nil)
