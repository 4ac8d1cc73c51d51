package main

import (
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// The JSON of the site commands. The field names are a contract with
// scripts: add fields, never rename.

// siteJSON is a site as site add, ls and show print it.
type siteJSON struct {
	ID         int64             `json:"id"`
	Name       string            `json:"name"`
	Lat        float64           `json:"lat"`
	Lon        float64           `json:"lon"`
	RadiusM    float64           `json:"radius_m"`
	Precision  string            `json:"precision"`
	PrecisionM float64           `json:"precision_m"`
	Status     string            `json:"status"`
	Verified   *verificationJSON `json:"verified"`
	Notes      []siteNoteJSON    `json:"notes"`
	Tags       []string          `json:"tags"`
	ImageCount int               `json:"image_count"`
	CreatedBy  string            `json:"created_by"`
	CreatedAt  string            `json:"created_at"`
	RemovedAt  *string           `json:"removed_at"`
}

type verificationJSON struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
	By  string  `json:"by"`
	At  string  `json:"at"`
	How string  `json:"how"`
}

type siteNoteJSON struct {
	ID        int64  `json:"id"`
	Text      string `json:"text"`
	Author    string `json:"author"`
	CreatedAt string `json:"created_at"`
}

func toSiteJSON(s *catalog.Site) siteJSON {
	j := siteJSON{ID: s.ID, Name: s.Name, Lat: s.Lat, Lon: s.Lon, RadiusM: s.RadiusM, Precision: s.Precision,
		PrecisionM: s.PrecisionM, Status: s.Status, Notes: []siteNoteJSON{}, Tags: s.Tags, ImageCount: s.ImageCount,
		CreatedBy: s.CreatedBy, CreatedAt: s.CreatedAt.Format(time.RFC3339)}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if v := s.Verified; v != nil {
		j.Verified = &verificationJSON{Lat: v.Lat, Lon: v.Lon, By: v.By, At: v.At.Format(time.RFC3339), How: v.How}
	}
	for _, n := range s.Notes {
		j.Notes = append(j.Notes, siteNoteJSON{ID: n.ID, Text: n.Text, Author: n.Author, CreatedAt: n.CreatedAt.Format(time.RFC3339)})
	}
	if s.RemovedAt != nil {
		r := s.RemovedAt.Format(time.RFC3339)
		j.RemovedAt = &r
	}
	return j
}

// siteReportJSON is site show --json.
type siteReportJSON struct {
	siteJSON
	Images         []siteImageJSON     `json:"images"`
	Window         windowJSON          `json:"window"`
	Contradictions []contradictionJSON `json:"contradictions"`
	Blind          bool                `json:"blind"`
	Hidden         int                 `json:"hidden_codes"`
}

// siteImageJSON is an image of a site: state, coder and note are the
// agreed code (null when not coded, or disputed); codes each coder's.
type siteImageJSON struct {
	Image    int64      `json:"image"`
	TakenAt  *string    `json:"taken_at"`
	State    *string    `json:"state"`
	Coder    *string    `json:"coder"`
	Note     string     `json:"note"`
	Disputed bool       `json:"disputed"`
	Codes    []codeJSON `json:"codes"`
	Name     string     `json:"name"`
}

type codeJSON struct {
	Coder string `json:"coder"`
	State string `json:"state"`
	Note  string `json:"note"`
	Blind bool   `json:"blind"`
	At    string `json:"at"`
}

type windowJSON struct {
	NotBefore   *string `json:"not_before"`
	NotAfter    *string `json:"not_after"`
	BeforeImage *int64  `json:"before_image"`
	AfterImage  *int64  `json:"after_image"`
}

type contradictionJSON struct {
	Image   int64   `json:"image"`
	State   *string `json:"state"`
	TakenAt *string `json:"taken_at"`
	Reason  string  `json:"reason"`
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func idOrNil(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// clockJSON formats a capture time as takenString does for images.
func clockJSON(t *time.Time, ims map[int64]*catalog.Image, id int64) *string {
	if t == nil {
		return nil
	}
	if im := ims[id]; im != nil {
		return takenString(im)
	}
	s := t.Format(time.RFC3339Nano)
	return &s
}

func toSiteReportJSON(r *catalog.SiteReport) siteReportJSON {
	j := siteReportJSON{siteJSON: toSiteJSON(r.Site), Images: []siteImageJSON{}, Contradictions: []contradictionJSON{},
		Blind: r.Blind, Hidden: r.Hidden}
	ims := map[int64]*catalog.Image{}
	for _, si := range r.Images {
		ims[si.Image.ID] = si.Image
		ij := siteImageJSON{Image: si.Image.ID, TakenAt: takenString(si.Image), State: strOrNil(si.State),
			Coder: strOrNil(si.Coder), Note: si.Note, Disputed: si.Disputed, Codes: []codeJSON{}, Name: si.Image.Name()}
		for _, k := range si.Codes {
			ij.Codes = append(ij.Codes, codeJSON{Coder: k.Coder, State: k.State, Note: k.Note, Blind: k.Blind, At: k.At.Format(time.RFC3339)})
		}
		j.Images = append(j.Images, ij)
	}
	w := r.Window
	j.Window = windowJSON{NotBefore: clockJSON(w.NotBefore, ims, w.BeforeImage), NotAfter: clockJSON(w.NotAfter, ims, w.AfterImage),
		BeforeImage: idOrNil(w.BeforeImage), AfterImage: idOrNil(w.AfterImage)}
	for _, c := range r.Contradictions {
		j.Contradictions = append(j.Contradictions, contradictionJSON{Image: c.ImageID, State: strOrNil(c.State),
			TakenAt: clockJSON(c.TakenAt, ims, c.ImageID), Reason: c.Reason})
	}
	return j
}

// footprintJSON is a footprint as GeoJSON: a Polygon in WGS 84, corners
// upper left, lower left, lower right, upper right, upper left.
type footprintJSON struct {
	Type        string         `json:"type"`
	Coordinates [][][2]float64 `json:"coordinates"`
}

func toFootprintJSON(f *catalog.Footprint) *footprintJSON {
	if f == nil {
		return nil
	}
	ring := make([][2]float64, len(f.Ring))
	copy(ring, f.Ring[:])
	return &footprintJSON{Type: "Polygon", Coordinates: [][][2]float64{ring}}
}
