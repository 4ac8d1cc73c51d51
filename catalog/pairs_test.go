package catalog

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// caseWithImages imports a few real photos with GPS and capture times.
func caseWithImages(t testing.TB, names ...string) (*Case, []int64) {
	t.Helper()
	corpus := corpusDir(t)
	c := openTestCase(t)
	src := t.TempDir()
	for _, n := range names {
		copyFile(t, filepath.Join(corpus, "exif-samples/jpg/gps", n), filepath.Join(src, n))
	}
	if _, err := c.Import(context.Background(), []string{src}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, n := range names {
		im, err := c.FindImage(context.Background(), filepath.Join(src, n))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, im.ID)
	}
	return c, ids
}

func TestPairs(t *testing.T) {
	ctx := context.Background()
	c, ids := caseWithImages(t, "DSCN0010.jpg", "DSCN0012.jpg")
	a, _ := c.Image(ctx, ids[0])
	b, _ := c.Image(ctx, ids[1])
	// Given in the wrong order: ordered by capture time.
	p, err := c.AddPair(ctx, b.ID, a.ID, PairOptions{Title: "Market"})
	if err != nil {
		t.Fatal(err)
	}
	first, second := a, b
	if b.TakenAt.Before(*a.TakenAt) {
		first, second = b, a
	}
	if p.BeforeID != first.ID || p.AfterID != second.ID {
		t.Errorf("before %d after %d; want the earlier capture first (%d)", p.BeforeID, p.AfterID, first.ID)
	}
	if p.NotBefore != first.TakenString() || p.NotAfter != second.TakenString() {
		t.Errorf("window %q–%q", p.NotBefore, p.NotAfter)
	}
	kept, _ := c.AddPair(ctx, second.ID, first.ID, PairOptions{KeepOrder: true})
	if kept.BeforeID != second.ID {
		t.Error("KeepOrder ignored")
	}
	if _, err := c.AddPair(ctx, a.ID, a.ID, PairOptions{}); err == nil {
		t.Error("a pair of one image")
	}
	nb := "2008-10-20T12:00:00+02:00"
	title := "Market, north side"
	p, err = c.UpdatePair(ctx, p.ID, PairUpdate{Title: &title, NotBefore: &nb})
	if err != nil || p.Title != title || p.NotBefore != nb {
		t.Fatalf("update: %+v %v", p, err)
	}
	bad := "last tuesday"
	if _, err := c.UpdatePair(ctx, p.ID, PairUpdate{NotAfter: &bad}); err == nil {
		t.Error("a bad time was accepted")
	}
	al := &Alignment{Kind: "affine", M: []float64{1, 0, 0.01, 0, 1, -0.02},
		After: []Point{{0.1, 0.1}, {0.9, 0.1}, {0.5, 0.9}}, Before: []Point{{0.11, 0.08}, {0.91, 0.08}, {0.51, 0.88}}, Residuals: []float64{0.1, 0.2, 0.1}}
	if err := c.SetAlignment(ctx, p.ID, al); err != nil {
		t.Fatal(err)
	}
	p, _ = c.Pair(ctx, p.ID)
	if p.Alignment == nil || p.Alignment.M[2] != 0.01 || len(p.Alignment.After) != 3 || p.Alignment.After[1].X != 0.9 {
		t.Errorf("alignment = %+v", p.Alignment)
	}

	// Annotations on the pair's sides, and one on the image itself.
	anns, err := c.AddAnnotations(ctx, []Annotation{
		{ImageID: p.BeforeID, PairID: p.ID, Kind: KindRect, Points: []Point{{0.1, 0.1}, {0.4, 0.5}}, Label: "bakery"},
		{ImageID: p.AfterID, PairID: p.ID, Kind: KindCallout, Points: []Point{{0.5, 0.5}}, Label: "crater"},
		{ImageID: p.AfterID, PairID: p.ID, Kind: KindCallout, Points: []Point{{0.6, 0.5}}, Label: "scorch"},
		{ImageID: p.AfterID, Kind: KindText, Points: []Point{{0.2, 0.2}}, Label: "north", Color: "#00ff00", Width: 2},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Callout numbers are unique on a sheet: an image's own callouts follow
	// those made on it in its pairs, and the other way round.
	own, err := c.AddAnnotations(ctx, []Annotation{{ImageID: p.AfterID, Kind: KindCallout, Points: []Point{{0.3, 0.3}}}})
	if err != nil || own[0].Number != 3 {
		t.Errorf("an image's own callout after two in its pair: number %v, %v; want 3", own, err)
	}
	c.DeleteAnnotation(ctx, own[0].ID)
	if anns[1].Number != 1 || anns[2].Number != 2 || anns[0].Color != DefaultColor || anns[3].Color != "#00FF00" {
		t.Errorf("numbers %d %d, colours %s %s", anns[1].Number, anns[2].Number, anns[0].Color, anns[3].Color)
	}
	if _, err := c.AddAnnotations(ctx, []Annotation{{ImageID: first.ID, PairID: kept.ID + 100, Kind: KindRect, Points: []Point{{0, 0}, {1, 1}}}}); err == nil {
		t.Error("annotation on a missing pair")
	}
	for _, bad := range []Annotation{
		{ImageID: a.ID, Kind: "star", Points: []Point{{0, 0}}},
		{ImageID: a.ID, Kind: KindRect, Points: []Point{{0, 0}}},
		{ImageID: a.ID, Kind: KindArrow, Points: []Point{{0, 0}, {1.5, 0}}},
		{ImageID: a.ID, Kind: KindText, Points: []Point{{0, 0}}},
		{ImageID: a.ID, Kind: KindRect, Points: []Point{{0, 0}, {1, 1}}, Color: "red"},
	} {
		if _, err := c.AddAnnotations(ctx, []Annotation{bad}); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	pairOnly, _ := c.Annotations(ctx, AnnotationScope{PairID: p.ID})
	withImages, _ := c.Annotations(ctx, AnnotationScope{PairID: p.ID, WithImages: true})
	onImage, _ := c.Annotations(ctx, AnnotationScope{ImageID: p.AfterID})
	if len(pairOnly) != 3 || len(withImages) != 4 || len(onImage) != 1 {
		t.Errorf("pair %d, with images %d, on image %d", len(pairOnly), len(withImages), len(onImage))
	}
	// Delete the first callout: the next one gets 3, never a reused 1.
	if err := c.DeleteAnnotation(ctx, anns[1].ID); err != nil {
		t.Fatal(err)
	}
	more, _ := c.AddAnnotations(ctx, []Annotation{{ImageID: p.AfterID, PairID: p.ID, Kind: KindCallout, Points: []Point{{0.7, 0.5}}}})
	if more[0].Number != 4 {
		t.Errorf("next callout number %d, want 4 (1 and 2 in the pair, 3 on the image, deleted, never reused)", more[0].Number)
	}
	if err := c.RestoreAnnotation(ctx, anns[1].ID); err != nil {
		t.Fatal(err)
	}
	moved := *anns[0]
	moved.Points = []Point{{0.2, 0.2}, {0.5, 0.6}}
	if _, err := c.UpdateAnnotation(ctx, moved); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Annotation(ctx, anns[0].ID)
	if got.Points[0].X != 0.2 {
		t.Errorf("update not stored: %+v", got)
	}

	// Deleting the pair keeps the images, and the annotations in the audit.
	if err := c.DeletePair(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Pair(ctx, p.ID); err == nil {
		t.Error("deleted pair still there")
	}
	if n, _ := c.CountImages(ctx); n != 2 {
		t.Errorf("%d images after deleting a pair", n)
	}
	if left, _ := c.Annotations(ctx, AnnotationScope{ImageID: p.AfterID}); len(left) != 1 {
		t.Errorf("the image's own annotation went with the pair: %d left", len(left))
	}
	es, _ := c.Audit(ctx, pairObject(p.ID))
	last := es[len(es)-1]
	if last.Action != "pair.delete" || !strings.Contains(last.Details, "crater") {
		t.Errorf("last pair audit %s: %s", last.Action, last.Details)
	}
}

func TestExports(t *testing.T) {
	ctx := context.Background()
	c, ids := caseWithImages(t, "DSCN0010.jpg", "DSCN0012.jpg")
	c.AddTag(ctx, ids[0], "market")
	var buf bytes.Buffer
	n, err := c.WriteCSV(ctx, &buf, Filter{})
	if err != nil || n != 2 {
		t.Fatal(n, err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "id" {
		t.Fatalf("CSV: %v %v", rows, err)
	}
	buf.Reset()
	w, none, err := c.WriteGeoJSON(ctx, &buf, Filter{})
	if err != nil || w != 2 || none != 0 {
		t.Fatal(w, none, err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	im, _ := c.Image(ctx, ids[0])
	f := fc.Features[0]
	if fc.Type != "FeatureCollection" || f.Geometry.Coordinates[0] != *im.Lon || f.Geometry.Coordinates[1] != *im.Lat {
		t.Errorf("GeoJSON: %+v (lon, lat order)", f)
	}
	path := filepath.Join(t.TempDir(), "out.geojson")
	os.WriteFile(path, buf.Bytes(), 0o644)
	e, err := c.RecordExport(ctx, "geojson", path, map[string]any{"images": 2})
	if err != nil {
		t.Fatal(err)
	}
	if sum, _ := hashFile(path); e.SHA256 != sum {
		t.Error("export hash")
	}
	es, _ := c.Audit(ctx, "")
	if last := es[len(es)-1]; last.Action != "export.geojson" || !strings.Contains(last.Details, e.SHA256) {
		t.Errorf("audit: %+v", last)
	}
}
