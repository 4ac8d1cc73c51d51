package sheet

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// orderImage makes fpdf write the image objects in registration order.
//
// fpdf (v0.12) writes the images of a document sorted by their width
// alone, ties in map order, that is at random: two images of the same
// pixel width (a before and an after image) would land in the file in
// either order, and the same input would not always give the same bytes.
// Its image record has no exported setter, but it round-trips through
// GobEncode/GobDecode: orderImage adds k·1e-7 to the width there, which
// breaks the ties in order k and changes nothing in the file (the width is
// written truncated to an integer). A record that does not decode as
// expected is an error, so that a change in fpdf is noticed.
func orderImage(info *fpdf.ImageInfoType, k int) error {
	buf, err := info.GobEncode()
	if err != nil {
		return fmt.Errorf("order image %d: %w", k, err)
	}
	var (
		data, smask, pal []byte
		n, bpc           int
		w, h, scale, dpi float64
		cs, filter, dp   string
		trns             []int
	)
	fields := []any{&data, &smask, &n, &w, &h, &cs, &pal, &bpc, &filter, &dp, &trns, &scale, &dpi}
	dec := gob.NewDecoder(bytes.NewReader(buf))
	for _, fl := range fields {
		if err := dec.Decode(fl); err != nil {
			return fmt.Errorf("order image %d: read fpdf's image record: %w", k, err)
		}
	}
	before := info.Width()
	if w <= 0 || h <= 0 || w != math.Trunc(w) || math.Abs(w/h-before/info.Height()) > 1e-9 {
		return fmt.Errorf("order image %d: fpdf's image record is not as expected (%v×%v px)", k, w, h)
	}
	nudged := w + float64(k+1)*1e-7
	if math.Trunc(nudged) != w {
		return fmt.Errorf("order image %d: too many images to order", k)
	}
	w = nudged
	var out bytes.Buffer
	enc := gob.NewEncoder(&out)
	for _, fl := range []any{data, smask, n, w, h, cs, pal, bpc, filter, dp, trns, scale, dpi} {
		if err := enc.Encode(fl); err != nil {
			return fmt.Errorf("order image %d: write fpdf's image record: %w", k, err)
		}
	}
	if err := info.GobDecode(out.Bytes()); err != nil || info.Width() <= before {
		return fmt.Errorf("order image %d: fpdf did not take the width (%v): %v", k, info.Width(), err)
	}
	return nil
}
