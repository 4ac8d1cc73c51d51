package apptest

import (
	"context"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// StoredMarks returns the pair's marks as stored, by ID.
func StoredMarks(t testing.TB, c *catalog.Case, pairID int64) map[int64]*catalog.Annotation {
	t.Helper()
	anns, err := c.Annotations(context.Background(), catalog.AnnotationScope{PairID: pairID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*catalog.Annotation{}
	for _, a := range anns {
		out[a.ID] = a
	}
	return out
}

// AuditActions returns the actions of the audit trail, oldest first.
func AuditActions(t testing.TB, c *catalog.Case) []string {
	t.Helper()
	audit, err := c.Audit(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range audit {
		out = append(out, a.Action)
	}
	return out
}
