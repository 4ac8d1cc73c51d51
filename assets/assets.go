// Package assets holds the files Exhibit embeds: its icon and the fonts
// used to print sheets and burn labels into images.
//
// The fonts are DejaVu Sans (regular and bold), whose licence
// (fonts/LICENSE-DejaVu.txt) allows embedding and redistribution. They
// cover Latin, Greek, Cyrillic and Arabic.
package assets

import _ "embed"

// Icon is the application icon, a 512 px PNG.
//
//go:embed icon.png
var Icon []byte

// FontRegular is DejaVu Sans, a TrueType font.
//
//go:embed fonts/DejaVuSans.ttf
var FontRegular []byte

// FontBold is DejaVu Sans Bold, a TrueType font.
//
//go:embed fonts/DejaVuSans-Bold.ttf
var FontBold []byte
