package sites

import (
	"context"
	"fmt"
	"strings"

	"github.com/exhibit-app/exhibit/app/ui"
	"github.com/exhibit-app/exhibit/catalog"
)

// AddSite opens the dialog that adds a site, at a position when one is
// given (a point of the map); the site added is then shown.
func (ss *sitesScreen) AddSite(at *[2]float64) {
	c := ss.s.Case
	f := newSiteForm(ss.host.Window(), "Add a site", "Add", nil, func(n catalog.NewSite, done func(error)) {
		var id int64
		ui.Background(ss.s.Ctx, func(ctx context.Context) error {
			s, err := c.AddSite(ctx, n)
			if err == nil {
				id = s.ID
			}
			return err
		}, func(err error) {
			done(err)
			if err != nil {
				return
			}
			ss.site, ss.image = id, 0
			ss.host.Changed(ss)
			ss.reload()
		})
	})
	if at != nil {
		f.lat.SetText(formatDegrees(at[0]))
		f.lon.SetText(formatDegrees(at[1]))
	}
	ss.form = f
	f.d.Show()
	ss.host.Window().Canvas().Focus(f.name)
}

// editSite opens the dialog that edits the site shown: what changed is
// recorded (catalog.EditSite), nothing when nothing did.
func (ss *sitesScreen) editSite() {
	if ss.data == nil {
		return
	}
	old := ss.data.report.Site
	c := ss.s.Case
	f := newSiteForm(ss.host.Window(), "Edit "+old.Name, "Save", old, func(n catalog.NewSite, done func(error)) {
		e, changed := siteChanges(old, n)
		if !changed {
			done(nil)
			return
		}
		ui.Background(ss.s.Ctx, func(ctx context.Context) error {
			return c.EditSite(ctx, old.ID, e)
		}, func(err error) {
			done(err)
			if err != nil {
				return
			}
			ss.host.Changed(ss)
			ss.reload()
		})
	})
	ss.form = f
	f.d.Show()
}

// siteChanges returns the edit that turns site s into what the form
// holds, and whether anything changed.
func siteChanges(s *catalog.Site, n catalog.NewSite) (catalog.SiteEdit, bool) {
	var e catalog.SiteEdit
	changed := false
	if n.Name != s.Name {
		e.Name, changed = &n.Name, true
	}
	if n.Lat != s.Lat || n.Lon != s.Lon {
		e.Lat, e.Lon, changed = &n.Lat, &n.Lon, true
	}
	if n.RadiusM != s.RadiusM {
		e.RadiusM, changed = &n.RadiusM, true
	}
	if p, m, err := catalog.ParsePrecision(n.Precision); err == nil && (p != s.Precision || m != s.PrecisionM) {
		e.Precision, changed = &n.Precision, true
	}
	return e, changed
}

// removeSite removes the site shown, once the user confirms: it is kept
// in the record with its images, codes and notes.
func (ss *sitesScreen) removeSite() {
	if ss.data == nil {
		return
	}
	s := ss.data.report.Site
	c := ss.s.Case
	ui.Confirm(ss.host.Window(), "Remove "+s.Name+"?",
		"The site is no longer listed, nor drawn on the map. It stays in the record with its images, codes and notes "+
			"(exhibit site ls --removed lists it).", "Remove", func() {
			ui.Background(ss.s.Ctx, func(ctx context.Context) error {
				return c.RemoveSite(ctx, s.ID)
			}, func(err error) {
				if err != nil {
					ui.ShowError(ss.host.Window(), "Could not remove the site", err)
					return
				}
				ss.site, ss.image = 0, 0
				ss.host.Changed(ss)
				ss.reload()
			})
		})
}

// blindFor returns the coder the site is read for when the user codes
// blind (the user), "" otherwise.
func (ss *sitesScreen) blindFor() string {
	if ss.blind.Checked {
		return ss.s.Case.Who()
	}
	return ""
}

// showBlind says what coding blind hides, and until when.
func (ss *sitesScreen) showBlind() {
	r := ss.data.report
	switch {
	case !ss.blind.Checked:
		ss.blindMsg.SetText("Hide the other coders' codes of a site until you have coded each of its images.")
	case r.Blind:
		left := 0
		me := ss.s.Case.Who()
		for i := range r.Images {
			if !codedBy(&r.Images[i], me) {
				left++
			}
		}
		ss.blindMsg.SetText(fmt.Sprintf("%s hidden until you have coded every image (%s left). Colours and window are yours alone.",
			ui.Plural(r.Hidden, "code of another coder", "codes of other coders"), ui.Plural(left, "image", "images")))
	default:
		ss.blindMsg.SetText("You have coded every image of this site: the other coders' codes are shown.")
	}
}

// showAgreement lists how the case's coders agree (Cohen's kappa, as
// exhibit site agreement gives it), with their disagreements on this
// site, when two coders or more coded a same image; while the user codes
// blind with images left, that it is hidden.
func (ss *sitesScreen) showAgreement() {
	d := ss.data
	if d.report.Blind {
		ss.side.Add(ui.Heading("Coders' agreement"))
		ss.side.Add(ui.Caption("Hidden while you code blind."))
		return
	}
	if len(d.agree) == 0 {
		return
	}
	ss.side.Add(ui.Heading("Coders' agreement"))
	for _, line := range agreementLines(d.agree, d.report.Site.ID) {
		ss.side.Add(ui.Wrapped(line))
	}
}

// agreementLines says how each pair of coders agrees over the case's
// images, and where they disagree on site siteID.
func agreementLines(ags []catalog.Agreement, siteID int64) []string {
	var out []string
	for _, a := range ags {
		k := "undefined (both used one state only)"
		if a.Kappa != nil {
			k = fmt.Sprintf("%.2f", *a.Kappa)
		}
		line := fmt.Sprintf("%s and %s: kappa %s · %d of %s agreed (%.0f%%, %.0f%% by chance)",
			a.CoderA, a.CoderB, k, a.Agreed, ui.Plural(a.Items, "image", "images"), 100*a.Observed, 100*a.Expected)
		var here []string
		for _, g := range a.Disagreements {
			if g.SiteID == siteID {
				here = append(here, fmt.Sprintf("image %d: %s / %s", g.ImageID, g.A, g.B))
			}
		}
		if len(here) > 0 {
			line += "\nHere: " + strings.Join(here, "; ")
		}
		out = append(out, line)
	}
	return out
}
