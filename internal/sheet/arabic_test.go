package sheet

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/di"
	gtfont "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/exhibit-app/exhibit/assets"
)

// TestShapeArabicAgreesWithHarfBuzz checks the presentation forms the
// sheet prints (fpdf prints characters, not glyphs) against the glyphs
// HarfBuzz (go-text's port, which package annot shapes labels with)
// chooses in the embedded DejaVu Sans: the same glyphs, except that
// HarfBuzz draws an isolated letter with the letter's own glyph where the
// sheet prints its isolated presentation form.
func TestShapeArabicAgreesWithHarfBuzz(t *testing.T) {
	face, err := gtfont.ParseTTF(bytes.NewReader(assets.FontRegular))
	if err != nil {
		t.Fatal(err)
	}
	base := map[rune]rune{} // isolated presentation form to its letter
	for r, f := range arabicLetters {
		base[f[formIsolated]] = r
	}
	var hb shaping.HarfbuzzShaper
	for _, s := range []string{
		"قال الشاهد إن الحريق بدأ في 15 أكتوبر",
		"الرقة", "مدرسة النور", "لا", "سلام", "ﻻ بيت", "مستشفى",
		"پچژکگی", "ـبـ", "عَلَى", "الأسد", "لإ لآ",
	} {
		rs := []rune(s)
		out := hb.Shape(shaping.Input{
			Text: rs, RunEnd: len(rs), Direction: di.DirectionRTL, Face: face,
			Size: fixed.I(100), Script: language.Arabic, Language: language.NewLanguage("ar"),
		})
		pf := shapeArabic(rs)
		if len(out.Glyphs) != len(pf) {
			t.Errorf("%q: HarfBuzz sets %d glyphs, the sheet prints %d characters", s, len(out.Glyphs), len(pf))
			continue
		}
		for i, g := range out.Glyphs { // visual order: the logical reversed
			r := pf[len(pf)-1-i]
			gid, _ := face.NominalGlyph(r)
			if gid == g.GlyphID {
				continue
			}
			if b, ok := base[r]; ok {
				if bg, _ := face.NominalGlyph(b); bg == g.GlyphID {
					continue
				}
			}
			t.Errorf("%q: glyph %d is %d, the sheet prints %U (glyph %d)", s, i, g.GlyphID, r, gid)
		}
	}
}
