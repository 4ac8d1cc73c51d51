package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/exhibit-app/exhibit/catalog"
)

// The content hash of a mark or an alignment is the SHA-256 of a
// canonical JSON form: a JSON array of its fields in a fixed order, first
// the name of the form, written without spaces, without HTML escaping,
// numbers in their shortest form that reads back the same (as
// JavaScript's JSON.stringify writes them), points as [x, y]:
//
//	["exhibit-mark/1", id, image_id, pair_id (0: none), kind, [[x, y], ...], color, width, label, note, number]
//	["exhibit-alignment/1", pair_id, kind, m, after_points, before_points, residuals_px]
//
// The marks are hashed as stored in the case (in fractions of the upright
// image), not as drawn: an after image's marks moved by the alignment hash
// as they were made.

// Names of the canonical forms.
const (
	markForm      = "exhibit-mark/1"
	alignmentForm = "exhibit-alignment/1"
)

// MarkSHA256 returns the content hash of an annotation.
func MarkSHA256(a *catalog.Annotation) string {
	return canonicalSHA256([]any{markForm, a.ID, a.ImageID, a.PairID, string(a.Kind), points(a.Points),
		a.Color, a.Width, a.Label, a.Note, a.Number})
}

// AlignmentSHA256 returns the content hash of pair pairID's alignment.
func AlignmentSHA256(pairID int64, a *catalog.Alignment) string {
	m := a.M
	if m == nil {
		m = []float64{}
	}
	res := a.Residuals
	if res == nil {
		res = []float64{}
	}
	return canonicalSHA256([]any{alignmentForm, pairID, a.Kind, m, points(a.After), points(a.Before), res})
}

// TextSHA256 returns the SHA-256 of a text's UTF-8 bytes.
func TextSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func points(ps []catalog.Point) [][2]float64 {
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = [2]float64{p.X, p.Y}
	}
	return out
}

// canonical returns the canonical JSON of v.
func canonical(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // plain values: cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func canonicalSHA256(v any) string {
	sum := sha256.Sum256(canonical(v))
	return hex.EncodeToString(sum[:])
}
