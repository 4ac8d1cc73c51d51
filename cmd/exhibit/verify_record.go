package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
)

// recordJSON is one problem of the case's record in `verify --json`: kind
// "chain" (an audit entry), "checkpoint" (a signature) or "row" (a row of
// the case unlike its record).
type recordJSON struct {
	Kind       string `json:"kind"`
	Status     string `json:"status"`
	Error      string `json:"error"`
	Entry      int64  `json:"entry,omitempty"`
	Row        string `json:"row,omitempty"`
	Checkpoint int64  `json:"checkpoint,omitempty"`
}

// verifyRecord checks the case's audit chain, its signatures and every row
// against it.
func verifyRecord(ctx context.Context, c *catalog.Case) (*catalog.ChainReport, []recordJSON, error) {
	rep, err := c.VerifyChain(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := make([]recordJSON, 0, len(rep.Problems))
	for _, p := range rep.Problems {
		out = append(out, recordJSON{Kind: p.Kind, Status: p.Status, Error: p.Error, Entry: p.Entry, Row: p.Ref, Checkpoint: p.Checkpoint})
	}
	return rep, out, nil
}

// printRecord prints the record's problems and a line that sums it up.
func printRecord(w io.Writer, rep *catalog.ChainReport) {
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "%s %s: %s\n", p.Kind, p.Status, p.Error)
	}
	keys := make([]string, len(rep.Keys))
	for i, k := range rep.Keys {
		keys[i] = k[:16]
	}
	state := "ok"
	if !rep.OK() {
		state = fmt.Sprintf("%d problems", len(rep.Problems))
	}
	fmt.Fprintf(w, "record: %d entries (head %s), signed up to %d by %d key(s) [%s], %d rows checked: %s\n",
		rep.Entries, shortHash(rep.Head), rep.Signed, len(rep.Keys), strings.Join(keys, ", "), rep.Rows, state)
}

func shortHash(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
