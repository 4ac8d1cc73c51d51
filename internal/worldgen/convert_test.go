package main

import (
	"reflect"
	"testing"
)

// A ring across the antimeridian is unwrapped; a ring around a pole is
// closed along it; a line across it is cut in two.
func TestUnwrapAndSplit(t *testing.T) {
	const period, poleN = 100, 50
	tests := []struct {
		name string
		in   [][2]int
		want [][2]int
	}{
		{"plain", [][2]int{{10, 10}, {20, 10}, {20, 20}, {10, 10}}, [][2]int{{10, 10}, {20, 10}, {20, 20}, {10, 10}}},
		{"across and back", [][2]int{{98, 10}, {2, 10}, {2, 20}, {98, 20}, {98, 10}}, [][2]int{{98, 10}, {102, 10}, {102, 20}, {98, 20}, {98, 10}}},
		{"round the south pole", [][2]int{{0, 5}, {50, 4}, {99, 5}, {1, 5}}, [][2]int{{0, 5}, {50, 4}, {99, 5}, {101, 5}, {101, 0}, {0, 0}, {0, 5}}},
	}
	for _, tc := range tests {
		if got := unwrap(tc.in, period, poleN); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("unwrap %s: %v, want %v", tc.name, got, tc.want)
		}
	}
	got := split([][2]int{{90, 1}, {95, 1}, {3, 1}, {8, 1}}, period)
	if want := [][][2]int{{{90, 1}, {95, 1}}, {{3, 1}, {8, 1}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("split: %v, want %v", got, want)
	}
}
