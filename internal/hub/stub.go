package hub

import "encoding/json"

// Until catalog's team-case API lands: the same types, to be replaced by
// aliases of catalog's.

// HubInfo is the hub a team case syncs with, kept in the case.
type HubInfo struct {
	DB     string
	Store  string
	Member int64
	Pulled int64
}

// WireEntry is an audit entry as it travels between a case and its hub.
type WireEntry struct {
	Hash, Prev                                                   string
	At, Actor, Key, Session, Action, Object, Details, RowsDigest string
	Seq                                                          int64
	Rows                                                         []WireRow
}

// Check recomputes the entry's hashes (stub).
func (e *WireEntry) Check() error { return nil }

// WireRow is one row an entry created, changed or removed.
type WireRow struct {
	Ref, Hash string
	Data      json.RawMessage
}

// MergeResult is what Incoming did.
type MergeResult struct {
	Pulled, Conflicts int
	Merged            string
}

// KeyInfo is a key a case knows.
type KeyInfo struct{ Fingerprint, PublicKeyPEM, Actor, FirstAt string }

// EntryMessage is what an entry's signature covers (stub).
func EntryMessage(caseID, hash string) []byte { return []byte("exhibit-entry/1\x00" + caseID + "\x00" + hash) }
