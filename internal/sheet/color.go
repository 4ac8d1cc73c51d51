package sheet

import (
	"image/color"

	"github.com/exhibit-app/exhibit/internal/annot"
)

// rgb is a colour with 0..255 channels.
type rgb struct{ r, g, b int }

// Colours of the sheet itself.
var (
	textColor  = rgb{25, 25, 25}
	muted      = rgb{90, 90, 90}
	ruleColor  = rgb{150, 150, 150}
	quoteBar   = rgb{180, 180, 180}
	white      = rgb{255, 255, 255}
	defaultRed = rgb{229, 57, 53} // annotations whose colour cannot be read
)

// annotationColor reads an annotation's "#RRGGBB" colour; one that cannot
// be read is drawn in red.
func annotationColor(s string) rgb {
	c, err := annot.ParseColor(s)
	if err != nil {
		return defaultRed
	}
	return rgb{int(c.R), int(c.G), int(c.B)}
}

// onColor returns black or white, whichever reads better on c: the
// choice annot.Contrast makes on screen and in burnt-in exports.
func onColor(c rgb) rgb {
	k := annot.Contrast(color.NRGBA{uint8(c.r), uint8(c.g), uint8(c.b), 0xff})
	return rgb{int(k.R), int(k.G), int(k.B)}
}
