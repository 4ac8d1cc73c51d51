package catalog

import (
	"context"
	"sort"
)

// Agreement is how two coders agree on the images both coded (each on a
// site both coded it for): Cohen's kappa over the four states.
type Agreement struct {
	CoderA, CoderB string
	// Items is how many images both coded; Agreed how many the same.
	Items, Agreed int
	// Observed is the share agreed; Expected the share two coders coding
	// at random with their own frequencies would agree.
	Observed, Expected float64
	// Kappa is (Observed − Expected) / (1 − Expected); nil when Expected
	// is 1 (both used one state only) or there are no items.
	Kappa         *float64
	Disagreements []Disagreement
}

// Disagreement is an image two coders coded differently.
type Disagreement struct {
	SiteID, ImageID int64
	A, B            string // coder A's state, coder B's
}

// States are the states codes take, in order.
var States = []string{StateIntact, StateDamaged, StateDestroyed, StateUnclear}

// CoderAgreement returns Cohen's kappa for every pair of coders who coded
// at least one same image of a same site, by coder names.
func (c *Case) CoderAgreement(ctx context.Context) ([]Agreement, error) {
	codes, err := c.latestCodes(ctx, 0)
	if err != nil {
		return nil, err
	}
	type item struct{ site, image int64 }
	byItem := map[item]map[string]string{}
	coderSet := map[string]bool{}
	for _, k := range codes {
		it := item{k.SiteID, k.ImageID}
		if byItem[it] == nil {
			byItem[it] = map[string]string{}
		}
		byItem[it][k.Coder] = k.State
		coderSet[k.Coder] = true
	}
	var coders []string
	for k := range coderSet {
		coders = append(coders, k)
	}
	sort.Strings(coders)
	var items []item
	for it := range byItem {
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool {
		if items[i].site != items[j].site {
			return items[i].site < items[j].site
		}
		return items[i].image < items[j].image
	})
	out := []Agreement{}
	for i, a := range coders {
		for _, b := range coders[i+1:] {
			var pairs [][2]string
			ag := Agreement{CoderA: a, CoderB: b, Disagreements: []Disagreement{}}
			for _, it := range items {
				sa, okA := byItem[it][a]
				sb, okB := byItem[it][b]
				if !okA || !okB {
					continue
				}
				pairs = append(pairs, [2]string{sa, sb})
				if sa != sb {
					ag.Disagreements = append(ag.Disagreements, Disagreement{SiteID: it.site, ImageID: it.image, A: sa, B: sb})
				}
			}
			if len(pairs) == 0 {
				continue
			}
			ag.Items, ag.Agreed = len(pairs), len(pairs)-len(ag.Disagreements)
			ag.Observed, ag.Expected, ag.Kappa = Kappa(pairs)
			out = append(out, ag)
		}
	}
	return out, nil
}

// Kappa returns the observed agreement, the agreement expected by chance
// and Cohen's kappa of paired ratings (nil when the expected agreement
// is 1 or there are none).
func Kappa(pairs [][2]string) (observed, expected float64, kappa *float64) {
	n := float64(len(pairs))
	if n == 0 {
		return 0, 0, nil
	}
	ca, cb := map[string]float64{}, map[string]float64{}
	agreed := 0.0
	for _, p := range pairs {
		ca[p[0]]++
		cb[p[1]]++
		if p[0] == p[1] {
			agreed++
		}
	}
	observed = agreed / n
	for k, v := range ca {
		expected += v / n * cb[k] / n
	}
	if expected >= 1 {
		return observed, expected, nil
	}
	k := (observed - expected) / (1 - expected)
	return observed, expected, &k
}
