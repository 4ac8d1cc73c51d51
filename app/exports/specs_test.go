package exports

import (
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/sheet"
)

// TestUnprintedNote: the export's message names each image printed as a
// placeholder, with its hash and why; nothing when none was.
func TestUnprintedNote(t *testing.T) {
	if got := UnprintedNote(nil); got != "" {
		t.Errorf("no placeholder: %q", got)
	}
	got := UnprintedNote([]sheet.Unprinted{{ImageID: 7, FileName: "IMG_0042.HEIC", SHA256: "ab12", Reason: "no picture: HEIC"}})
	for _, want := range []string{"1 image was printed as a placeholder", "image 7", "IMG_0042.HEIC", "ab12", "no picture: HEIC"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not say %q", got, want)
		}
	}
}

// TestSafeName: a file name offered keeps no separator nor character a
// system refuses.
func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{SafeName(` Pair 1 / "Souq": 11*16 `), `Pair 1 - -Souq-- 11-16`},
		{SafeName(".."), "export"},
		{SafeName(strings.Repeat("x", 100)), strings.Repeat("x", 80)},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
