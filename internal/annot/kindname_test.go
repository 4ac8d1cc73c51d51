package annot

import (
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

// TestKindName gives every kind of mark one name of its own, and says
// what an unknown kind is.
func TestKindName(t *testing.T) {
	seen := map[string]catalog.AnnotationKind{}
	for _, k := range Kinds {
		n := KindName(k)
		if n == "" || strings.HasPrefix(n, "Mark (") {
			t.Errorf("kind %q has no name: %q", k, n)
		}
		if o, dup := seen[n]; dup {
			t.Errorf("kinds %q and %q are both named %q", o, k, n)
		}
		seen[n] = k
	}
	if len(Kinds) != 6 {
		t.Errorf("%d kinds listed: a kind was added to catalog, name it here", len(Kinds))
	}
	if n := KindName("hexagon"); n != "Mark (hexagon)" {
		t.Errorf("unknown kind named %q", n)
	}
}
