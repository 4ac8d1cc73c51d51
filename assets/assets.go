// Package assets holds the files Exhibit embeds: its icon and the fonts
// used to print sheets and burn labels into images.
//
// The fonts are DejaVu Sans (regular and bold), whose licence
// (fonts/LICENSE-DejaVu.txt) allows embedding and redistribution. They
// cover Latin, Greek, Cyrillic and Arabic. What they do not cover is
// printed in Droid Sans Fallback (Apache 2.0,
// fonts/LICENSE-DroidSansFallback.txt): Chinese and Japanese; and in
// NanumSquare (SIL OFL 1.1, fonts/LICENSE-NanumSquare.txt): Korean.
//
// World is the built-in world basemap: Natural Earth's countries at 1:50m
// (public domain), from the npm package world-atlas 2.0.2 (ISC), converted
// by internal/worldgen (see README.md in this folder); Places are its
// populated places at 1:110m.
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

// FontCJK is Droid Sans Fallback (the full one), a TrueType font covering
// Chinese and Japanese (kana and kanji), for the characters DejaVu Sans
// lacks. It has no bold. Its Korean is conjoining jamo only, composed
// into syllables by OpenType shaping: see FontKorean.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var FontCJK []byte

// FontKorean is NanumSquare Regular, a TrueType font with every precomposed
// hangul syllable, for the Korean neither DejaVu Sans nor FontCJK has.
//
//go:embed fonts/NanumSquareR.ttf
var FontKorean []byte

// World is the built-in world basemap, gzip-compressed, in the format
// internal/worldgen writes and internal/geo reads.
//
//go:generate sh -c "test -n \"$WORLD_ATLAS\" || { echo 'set WORLD_ATLAS to an unpacked npm world-atlas@2.0.2 (README.md)' >&2; exit 1; }; go run ../internal/worldgen $WORLD_ATLAS/countries-50m.json world.bin.gz"
//go:embed world.bin.gz
var World []byte

// Places are Natural Earth's 1:110m populated places (public domain), a
// tab-separated table internal/worldgen writes and internal/geo reads.
//
//go:generate sh -c "test -n \"$NE_PLACES\" || { echo 'set NE_PLACES to ne_110m_populated_places_simple.geojson (README.md)' >&2; exit 1; }; go run ../internal/worldgen places $NE_PLACES places.tsv"
//go:embed places.tsv
var Places []byte
