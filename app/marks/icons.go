package marks

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/annot"
	"github.com/exhibit-app/exhibit/viewer"
)

// The annotation tools' icons: small SVGs drawn in the theme's foreground
// colour (theme.NewThemedResource recolours them), 24×24 like Fyne's.
const (
	svgHead = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">`
	svgTail = `</svg>`
	// st is the style of a stroked shape; every element carries its own
	// (Fyne keeps no attribute of the svg element when recolouring).
	st = `fill="none" stroke="#000000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"`
)

var toolSVG = map[viewer.Tool]string{
	viewer.ToolSelect:   `<path d="M6 3 L6 19 L10 15 L12.8 21 L15.2 20 L12.5 14 L18 14 Z" fill="#000000"/>`,
	viewer.ToolRect:     `<rect x="4" y="6" width="16" height="12" rx="1" ` + st + `/>`,
	viewer.ToolEllipse:  `<ellipse cx="12" cy="12" rx="8.5" ry="6" ` + st + `/>`,
	viewer.ToolArrow:    `<path d="M5 19 L18 6" ` + st + `/><path d="M10 6 L18 6 L18 14" ` + st + `/>`,
	viewer.ToolPolyline: `<path d="M3 18 L8 8 L14 15 L21 5" ` + st + `/>`,
	viewer.ToolCallout:  `<circle cx="12" cy="12" r="8.5" ` + st + `/><path d="M10.5 9.2 L12.6 7.6 L12.6 16.5" ` + st + `/>`,
	viewer.ToolText:     `<path d="M5 5 L19 5 L19 8 L13.5 8 L13.5 19 L10.5 19 L10.5 8 L5 8 Z" fill="#000000"/>`,
}

var toolIcons = map[viewer.Tool]fyne.Resource{}

// toolIcon returns the tool's icon, following the theme.
func toolIcon(t viewer.Tool) fyne.Resource {
	if r, ok := toolIcons[t]; ok {
		return r
	}
	r := theme.NewThemedResource(fyne.NewStaticResource("tool-"+toolNames[t]+".svg", []byte(svgHead+toolSVG[t]+svgTail)))
	toolIcons[t] = r
	return r
}

// toolKinds are the kinds of mark the drawing tools make.
var toolKinds = map[viewer.Tool]catalog.AnnotationKind{
	viewer.ToolRect:     catalog.KindRect,
	viewer.ToolEllipse:  catalog.KindEllipse,
	viewer.ToolArrow:    catalog.KindArrow,
	viewer.ToolPolyline: catalog.KindPolyline,
	viewer.ToolCallout:  catalog.KindCallout,
	viewer.ToolText:     catalog.KindText,
}

// toolNames are the tools as the toolbar names them, in its order: a
// drawing tool by the name of the kind of mark it makes.
var toolNames = func() map[viewer.Tool]string {
	m := map[viewer.Tool]string{viewer.ToolSelect: "Select"}
	for t, k := range toolKinds {
		m[t] = annot.KindName(k)
	}
	return m
}()

// toolOrder is the order of the tools on the toolbar.
var toolOrder = []viewer.Tool{viewer.ToolSelect, viewer.ToolRect, viewer.ToolEllipse, viewer.ToolArrow,
	viewer.ToolPolyline, viewer.ToolCallout, viewer.ToolText}

// toolHints say how each tool is used, shown beside the toolbar.
var toolHints = map[viewer.Tool]string{
	viewer.ToolSelect:   "Click a mark to select it; drag it or its handles; Delete removes it.",
	viewer.ToolRect:     "Drag to draw a rectangle.",
	viewer.ToolEllipse:  "Drag to draw an ellipse.",
	viewer.ToolArrow:    "Drag from the tail to the head.",
	viewer.ToolPolyline: "Click each point; double-click, Enter or right-click to finish.",
	viewer.ToolCallout:  "Click to place a numbered callout.",
	viewer.ToolText:     "Click, type the text, then Enter.",
}
