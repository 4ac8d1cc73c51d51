// Package glyphs shapes and draws a line of text into an image with the
// embedded fonts: DejaVu Sans (assets.FontRegular, assets.FontBold), and
// for what it lacks Droid Sans Fallback (Chinese, Japanese) and
// NanumSquare (Korean). Burned-in labels (package annot), map labels
// (package geo) and the printed timeline (package timeline) all write
// with it, so a name reads the same everywhere.
//
// Lines are shaped with go-text's HarfBuzz port, so that Arabic letters
// join and right-to-left runs (Arabic, Hebrew) are laid out right to left,
// also when mixed with Latin text and numbers on one line, in the order
// of the Unicode bidirectional algorithm: bidi.go has golang.org/x/text's
// bidi resolve the levels and reorders the runs (Bidi, IsRTL; package
// sheet puts its PDF text in display order with them too). Lines are
// shaped once at refSize (HarfBuzz rounds sizes up to
// whole pixels, so shaping at the drawing size would distort small text)
// and scaled.
//
// A Face gives a line's width and its font's metrics (Measure, Metrics),
// its glyphs' contours placed on the page (Outlines, for a caller with a
// rasterizer of its own), or draws it, antialiased, with the non-zero
// winding rule (Draw, Mask). Faces are safe for concurrent use. When the
// embedded fonts cannot be read, Regular and Bold return nil, and a nil
// Face measures approximately and draws nothing: a label is never worth a
// crash.
//
// The package imports no Fyne.
package glyphs
