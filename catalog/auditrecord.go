package catalog

// AuditRecord is an audit entry with every field the chain keeps, as a
// case is handed over (see Snapshot.EachAudit): enough to recompute its
// hash (EntryHash) and link it to the entry before it. The JSON field
// names are a contract.
type AuditRecord struct {
	ID int64 `json:"id"`
	// Seq is the entry's place in the chain, from 1; nil for an entry
	// written before the chain began (Hash and Prev nil too).
	Seq     *int64 `json:"seq"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Key     string `json:"key"` // fingerprint of the author's key
	Session string `json:"session"`
	Action  string `json:"action"`
	Object  string `json:"object"`
	Details string `json:"details"`
	// Prev is the hash of the entry before ("" for the first); Hash this
	// entry's.
	Prev       *string `json:"prev"`
	Hash       *string `json:"hash"`
	RowsDigest string  `json:"rows_digest"`
	// Rows are the content hashes of the rows the entry left behind.
	Rows []AuditRow `json:"rows"`
}

// AuditRow is the content hash of one row an entry created, changed or
// removed ("" for removed), by table and rowid: "notes/12".
type AuditRow struct {
	Ref  string `json:"ref"`
	Hash string `json:"hash"`
}

// EntryHash returns the hash a chained entry with r's fields has, computed
// as the chain computes it (SHA-256 of the canonical form, see chain.go);
// r's Hash is not read. A verifier compares it with r's Hash.
func EntryHash(r *AuditRecord) string {
	prev := ""
	if r.Prev != nil {
		prev = *r.Prev
	}
	e := chainEntry{Prev: prev, At: r.At, Actor: r.Actor, Key: r.Key, Session: r.Session,
		Action: r.Action, Object: r.Object, Details: r.Details, RowsDigest: r.RowsDigest}
	return e.hash()
}

// RowsDigest returns the digest of an entry's rows as the chain computes
// it ("" when there are none); a verifier compares it with RowsDigest.
func RowsDigest(rows []AuditRow) string {
	rh := make([]rowHash, len(rows))
	for i, r := range rows {
		rh[i] = rowHash{Ref: r.Ref, Hash: r.Hash}
	}
	return rowsDigest(rh)
}
