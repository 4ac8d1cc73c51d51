package marks

import (
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// TestMarkNamesAreOne: the toolbar, its hints and the marks panel name each
// kind of mark by its one name (annot.KindName, the sheet's legend's too),
// and every kind has its tool and icon.
func TestMarkNamesAreOne(t *testing.T) {
	tools := map[catalog.AnnotationKind]viewer.Tool{}
	for tl, k := range toolKinds {
		tools[k] = tl
	}
	for _, k := range annot.Kinds {
		tl, ok := tools[k]
		if !ok {
			t.Errorf("no tool draws a %s", k)
			continue
		}
		name := annot.KindName(k)
		if toolNames[tl] != name {
			t.Errorf("%s: the toolbar says %q, the sheet %q", k, toolNames[tl], name)
		}
		if toolSVG[tl] == "" || toolIcon(tl) == nil {
			t.Errorf("%s: no icon", k)
		}
		if got := kindName(catalog.Annotation{Kind: k, Number: 3}); !strings.HasPrefix(got, name) {
			t.Errorf("%s: the marks panel says %q, the sheet %q", k, got, name)
		}
		for _, o := range annot.Kinds {
			if o != k && strings.Contains(strings.ToLower(toolHints[tl]), " "+strings.ToLower(annot.KindName(o))) {
				t.Errorf("the hint of the %s tool names another kind: %q", name, toolHints[tl])
			}
		}
	}
	if got := kindName(catalog.Annotation{Kind: catalog.KindCallout, Number: 3}); got != "Callout 3" {
		t.Errorf("a callout is named %q", got)
	}
}
