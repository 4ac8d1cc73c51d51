package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// Places are written most important first (scale rank, then population),
// with a capital flagged; a feature that is not a point is refused.
func TestPlaceRows(t *testing.T) {
	var fs []neFeature
	in := `[
	 {"properties": {"name": "Small", "scalerank": 3, "min_zoom": 5, "pop_max": 10, "adm0cap": 0}, "geometry": {"type": "Point", "coordinates": [1.5, 2.25]}},
	 {"properties": {"name": "Capital", "scalerank": 1, "min_zoom": 3.7, "pop_max": 5, "adm0cap": 1}, "geometry": {"type": "Point", "coordinates": [-3, 4]}},
	 {"properties": {"name": "Big", "scalerank": 3, "min_zoom": 4, "pop_max": 99, "adm0cap": 0}, "geometry": {"type": "Point", "coordinates": [5, -6]}}
	]`
	if err := json.Unmarshal([]byte(in), &fs); err != nil {
		t.Fatal(err)
	}
	got, err := placeRows(fs)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Capital\t4.000000\t-3.000000\t1\t3.7\t5\t1",
		"Big\t-6.000000\t5.000000\t3\t4\t99\t0",
		"Small\t2.250000\t1.500000\t3\t5\t10\t0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	fs[0].Geometry.Type = "LineString"
	if _, err := placeRows(fs); err == nil {
		t.Error("a line taken as a place")
	}
}
