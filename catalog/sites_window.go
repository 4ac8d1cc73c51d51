package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
)

// SiteImage is an image attached to a site, with its codes.
type SiteImage struct {
	Image *Image
	// State is the state the coders agree on; "" when the image is not
	// coded yet or the coders disagree (Disputed).
	State string
	// Coder is who coded State (several joined by ", "); Note the latest
	// of their notes.
	Coder, Note string
	Disputed    bool
	// Codes are each coder's latest code (the ones shown: see
	// SiteReport's blind mode).
	Codes []SiteCode
}

// SiteWindow is when the site was damaged, as its images tell: after
// NotBefore (the capture time of BeforeImage, the last image coded intact
// before the first damaged or destroyed one) and by NotAfter (the capture
// time of AfterImage, that first damaged or destroyed image). Either end
// is nil when no image marks it.
type SiteWindow struct {
	NotBefore, NotAfter     *time.Time
	BeforeImage, AfterImage int64
}

// Contradiction is an image the window does not use, and why: coded
// intact after the site was seen damaged, coders that disagree, or no
// capture time.
type Contradiction struct {
	ImageID int64
	State   string
	TakenAt *time.Time
	Reason  string
}

// SiteReport is a site with its images, their codes, the window of its
// damage and what contradicts it.
type SiteReport struct {
	Site           *Site
	Images         []SiteImage // by capture time, images without one last
	Window         SiteWindow
	Contradictions []Contradiction
	// Blind is set when the report was made for a coder who has not coded
	// every image yet: the others' codes (Hidden of them) are left out.
	Blind  bool
	Hidden int
}

// damage orders the states that the window reads: intact before damaged
// before destroyed.
var damage = map[string]int{StateIntact: 0, StateDamaged: 1, StateDestroyed: 2}

// SiteReport returns a site's images, codes and window. blindFor, when
// not "", is a coder who codes blind: until they have coded every image
// of the site, the others' codes are left out (and the window is theirs
// alone).
func (c *Case) SiteReport(ctx context.Context, siteID int64, blindFor string) (*SiteReport, error) {
	s, err := c.Site(ctx, siteID)
	if err != nil {
		return nil, err
	}
	ids, err := c.siteImageIDs(ctx, siteID)
	if err != nil {
		return nil, err
	}
	ims, err := c.Images(ctx, Filter{IDs: append([]int64{}, ids...), Sort: SortTaken})
	if err != nil {
		return nil, fmt.Errorf("images of site %d: %w", siteID, err)
	}
	codes, err := c.latestCodes(ctx, siteID)
	if err != nil {
		return nil, err
	}
	r := &SiteReport{Site: s, Images: []SiteImage{}, Contradictions: []Contradiction{}}
	if blindFor = strings.TrimSpace(blindFor); blindFor != "" {
		mine := map[int64]bool{}
		for _, k := range codes {
			if k.Coder == blindFor {
				mine[k.ImageID] = true
			}
		}
		if len(mine) < len(ids) {
			r.Blind = true
			kept := codes[:0]
			for _, k := range codes {
				if k.Coder == blindFor {
					kept = append(kept, k)
				} else {
					r.Hidden++
				}
			}
			codes = kept
		}
	}
	byImage := map[int64][]SiteCode{}
	for _, k := range codes {
		byImage[k.ImageID] = append(byImage[k.ImageID], k)
	}
	for _, im := range ims {
		si := SiteImage{Image: im, Codes: byImage[im.ID]}
		if si.Codes == nil {
			si.Codes = []SiteCode{}
		}
		states := map[string][]string{}
		var latest SiteCode
		for _, k := range si.Codes {
			states[k.State] = append(states[k.State], k.Coder)
			if k.At.After(latest.At) || latest.ID == 0 || (k.At.Equal(latest.At) && k.ID > latest.ID) {
				latest = k
			}
		}
		switch len(states) {
		case 0:
		case 1:
			si.State, si.Note = latest.State, latest.Note
			si.Coder = strings.Join(states[latest.State], ", ")
		default:
			si.Disputed = true
			var parts []string
			for _, k := range si.Codes {
				parts = append(parts, k.Coder+": "+k.State)
			}
			r.Contradictions = append(r.Contradictions, Contradiction{ImageID: im.ID, TakenAt: im.TakenAt,
				Reason: "the coders disagree (" + strings.Join(parts, ", ") + "): not used for the window"})
		}
		r.Images = append(r.Images, si)
	}
	r.window()
	return r, nil
}

// window works out the window and the contradictions from the images'
// agreed states and capture times.
func (r *SiteReport) window() {
	var timed []SiteImage
	for _, si := range r.Images {
		if _, ok := damage[si.State]; !ok {
			continue
		}
		if si.Image.TakenAt == nil {
			r.Contradictions = append(r.Contradictions, Contradiction{ImageID: si.Image.ID, State: si.State,
				Reason: "no capture time: coded " + si.State + " but not placed in the window"})
			continue
		}
		timed = append(timed, si)
	}
	sort.SliceStable(timed, func(i, j int) bool {
		a, b := timed[i].Image, timed[j].Image
		if !a.TakenAt.Equal(*b.TakenAt) {
			return a.TakenAt.Before(*b.TakenAt)
		}
		return a.ID < b.ID
	})
	first := -1
	for i, si := range timed {
		if damage[si.State] > 0 {
			first = i
			break
		}
	}
	if first < 0 {
		// Intact in every dated image: not damaged before the last one.
		if n := len(timed); n > 0 {
			r.Window.NotBefore, r.Window.BeforeImage = timed[n-1].Image.TakenAt, timed[n-1].Image.ID
		}
		r.sortContradictions()
		return
	}
	after := timed[first]
	r.Window.NotAfter, r.Window.AfterImage = after.Image.TakenAt, after.Image.ID
	for i := first - 1; i >= 0; i-- {
		if timed[i].State == StateIntact && timed[i].Image.TakenAt.Before(*after.Image.TakenAt) {
			r.Window.NotBefore, r.Window.BeforeImage = timed[i].Image.TakenAt, timed[i].Image.ID
			break
		}
	}
	worst := after
	for _, si := range timed {
		if si.Image.ID == after.Image.ID || si.Image.TakenAt.Before(*after.Image.TakenAt) {
			continue
		}
		switch {
		case si.State == StateIntact:
			r.Contradictions = append(r.Contradictions, Contradiction{ImageID: si.Image.ID, State: si.State, TakenAt: si.Image.TakenAt,
				Reason: fmt.Sprintf("coded intact, taken at or after image %d (%s, %s)", after.Image.ID, after.State, after.Image.TakenString())})
		case damage[si.State] < damage[worst.State]:
			r.Contradictions = append(r.Contradictions, Contradiction{ImageID: si.Image.ID, State: si.State, TakenAt: si.Image.TakenAt,
				Reason: fmt.Sprintf("coded %s, taken after image %d (%s, %s)", si.State, worst.Image.ID, worst.State, worst.Image.TakenString())})
		}
		if damage[si.State] > damage[worst.State] {
			worst = si
		}
	}
	r.sortContradictions()
}

// sortContradictions orders them by capture time (none last), then image.
func (r *SiteReport) sortContradictions() {
	sort.SliceStable(r.Contradictions, func(i, j int) bool {
		a, b := r.Contradictions[i], r.Contradictions[j]
		switch {
		case (a.TakenAt == nil) != (b.TakenAt == nil):
			return b.TakenAt == nil
		case a.TakenAt != nil && !a.TakenAt.Equal(*b.TakenAt):
			return a.TakenAt.Before(*b.TakenAt)
		}
		return a.ImageID < b.ImageID
	})
}
