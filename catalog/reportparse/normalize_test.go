package reportparse

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  Café  DÉTRUIT\n\tà Raqqa ", "cafe detruit a raqqa"},
		{"Straße", "strasse"},
		{"ﬁeld ＲＥＰＯＲＴ ２０１７", "field report 2017"},
		{"كَتَبَ الشَّاهِدُ", "كتب الشاهد"},
		{"شـــارع النـور", "شارع النور"},
		{"أحمد إلى آخر", "احمد الى اخر"},
		{"\uFEF7\uFEE0\uFEE4\uFE8E", "لالما"}, // presentation forms of لألما
		{"a\u200Bb\u200Fc", "abc"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTextHashAcrossReimport(t *testing.T) {
	hashes := func(path string) []string {
		blocks, _, err := parseAll(t, path)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, b := range blocks {
			out = append(out, TextHash(b.Text))
		}
		return out
	}
	before := hashes(testdata("report.txt"))

	// The corrected report: a typo fixed in one paragraph, another
	// paragraph re-wrapped with other line breaks and spaces.
	src := strings.NewReplacer(
		"at least three\nmunitions", "at least three\nmunition",
		"Witness A, a shopkeeper aged 52, said: \"I was closing the\nshutter", "Witness A,  a shopkeeper aged 52,\nsaid: \"I was closing the shutter",
	).Replace(mustRead(t, testdata("report.txt")))
	after := hashes(writeTemp(t, "report.txt", []byte(src)))
	if len(after) != len(before) {
		t.Fatalf("%d blocks before, %d after", len(before), len(after))
	}
	for i := range before {
		changed := i == 1 // the paragraph with the typo fixed
		if (before[i] != after[i]) != changed {
			t.Errorf("paragraph %d: hash changed = %v, want %v", i+1, before[i] != after[i], changed)
		}
	}
	if len(before[0]) != 64 {
		t.Errorf("hash %q is not hex SHA-256", before[0])
	}
}

func TestTextHashArabicHarakat(t *testing.T) {
	with := "قالَ الشّاهدُ: «كنتُ أُغلقُ البابَ حينَ سقطتِ الأولى»."
	without := "قال الشاهد: «كنت أغلق الباب حين سقطت الأولى»."
	tatweel := "قـال الشـاهد: «كنت أغلق البـاب حين سقطت الأولى»."
	if TextHash(with) != TextHash(without) || TextHash(tatweel) != TextHash(without) {
		t.Errorf("hashes differ: %s %s %s", TextHash(with), TextHash(without), TextHash(tatweel))
	}
	if TextHash(without) == TextHash("قال الشاهد: «كنت أغلق الباب حين سقطت الثانية».") {
		t.Error("different words hash the same")
	}
}
