package main

import (
	"context"

	"github.com/exhibit-app/exhibit/catalog"
)

// findSites resolves the sites given to sheet --site (names or ids).
func findSites(ctx context.Context, c *catalog.Case, refs []string) ([]int64, error) {
	var ids []int64
	for _, ref := range refs {
		s, err := c.FindSite(ctx, ref)
		if err != nil {
			return nil, err
		}
		ids = append(ids, s.ID)
	}
	return ids, nil
}
