package app

import (
	"github.com/exhibit-app/exhibit/app/apptest"
	"github.com/exhibit-app/exhibit/app/ui"

	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/viewer"
)

func (tw *testWindow) compare() *compareScreen { return tw.screen(ui.ScreenCompare).(*compareScreen) }

// openCompare shows the compare screen on pair id and waits until it is
// shown, images and marks loaded, the views laid out.
func openCompare(t *testing.T, tw *testWindow, id int64) *compareScreen {
	t.Helper()
	tw.show(ui.ScreenCompare, ui.Target{PairID: id})
	cs := tw.compare()
	tw.q.WaitUntil(t, "the pair", func() bool {
		return cs.data != nil && cs.data.pair.ID == id && cs.want == 0 && cs.load.CancelFunc == nil && cs.pairs.loaded
	})
	for _, s := range []viewer.Side{viewer.SideBefore, viewer.SideAfter} {
		z := cs.cv.SideView(s)
		tw.q.WaitUntil(t, "the side laid out", func() bool {
			_, size := z.ImageRect()
			return size.Width > 10 && size.Height > 10
		})
	}
	return cs
}

// waitComposed waits until the compare view shows its current mode.
func waitComposed(t *testing.T, tw *testWindow, cs *compareScreen) {
	t.Helper()
	tw.q.WaitUntil(t, "the composition", func() bool { return !cs.cv.Busy() })
}

// at returns where image point p is shown on the layer.
func at(l *viewer.AnnotationLayer, x, y float64) fyne.Position {
	return l.ZoomView().ImageToWidget(catalog.Point{X: x, Y: y})
}

func pressAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

func releaseAt(o desktop.Mouseable, p fyne.Position) {
	o.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

// dragLayer drags on a layer from one image point to another, as the
// desktop driver reports it.
func dragLayer(l *viewer.AnnotationLayer, x0, y0, x1, y1 float64) {
	from, to := at(l, x0, y0), at(l, x1, y1)
	pressAt(l, from)
	const steps = 4
	prev := from
	for i := 1; i <= steps; i++ {
		k := float32(i) / steps
		cur := fyne.NewPos(from.X+(to.X-from.X)*k, from.Y+(to.Y-from.Y)*k)
		l.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
	l.DragEnd()
	releaseAt(l, to)
}

// clickLayer clicks a layer at an image point.
func clickLayer(l *viewer.AnnotationLayer, x, y float64) {
	p := at(l, x, y)
	pressAt(l, p)
	releaseAt(l, p)
	test.TapAt(l, p)
}

// storedMarks returns the pair's marks as stored, by ID.
func storedMarks(t *testing.T, c *catalog.Case, pairID int64) map[int64]*catalog.Annotation {
	t.Helper()
	anns, err := c.Annotations(context.Background(), catalog.AnnotationScope{PairID: pairID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*catalog.Annotation{}
	for _, a := range anns {
		out[a.ID] = a
	}
	return out
}

// auditActions returns the actions of the audit trail, oldest first.
func auditActions(t *testing.T, c *catalog.Case) []string {
	t.Helper()
	audit, err := c.Audit(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range audit {
		out = append(out, a.Action)
	}
	return out
}

// menuAction runs the action of a main menu's item.
func (tw *testWindow) menuAction(t *testing.T, menu, label string) {
	t.Helper()
	for _, m := range tw.menu.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				if it.Disabled {
					t.Fatalf("%s ▸ %s is disabled", menu, label)
				}
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item %s ▸ %s", menu, label)
}

// overlayText returns the text of the top dialog.
func (tw *testWindow) overlayText() string {
	top := tw.topOverlay()
	if top == nil {
		return ""
	}
	return strings.Join(apptest.Texts(top), "\n")
}

// tapMouse is a widget taking clicks.
type tapMouse interface {
	fyne.Tappable
	desktop.Mouseable
	fyne.CanvasObject
}

// alignOverlay returns the point picking overlay of a side (the object
// the ZoomView shows over its image), to click on.
func alignOverlay(t *testing.T, z *viewer.ZoomView) tapMouse {
	t.Helper()
	for _, o := range test.WidgetRenderer(z).Objects() {
		if _, isLayer := o.(*viewer.AnnotationLayer); isLayer {
			continue
		}
		if tp, ok := o.(tapMouse); ok {
			return tp
		}
	}
	t.Fatal("no point picking overlay on the view")
	return nil
}
