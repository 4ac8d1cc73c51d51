package reportparse

import (
	"errors"
	"os"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestParseTextEnglish(t *testing.T) {
	got, info, err := parseAll(t, testdata("report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "text" || info.Title != "FIELD REPORT: STRIKES ON TAL HAMRA" || info.Encoding != "utf-8" || info.Pages != 0 {
		t.Errorf("info = %+v", info)
	}
	want := numbered([]Block{
		{Text: "Prepared by the documentation team after two visits to the town, in November 2017 and in January 2018."},
		{Heading: "Summary", Text: "On 17 October 2017, shortly after 14:00, at least three munitions struck the western quarter of Tal Hamra. The strikes hit Al-Nour Street and the covered market."},
		{Heading: "Summary", Text: "Damage was recorded at the following places:"},
		{Heading: "Summary", Text: "the bakery at the corner of Al-Nour Street;"},
		{Heading: "Summary", Text: "the Al-Rahma clinic, whose east wall collapsed onto the pavement;"},
		{Heading: "Summary", Text: "four houses behind the market."},
		{Heading: "Summary › Witness account", Text: `Witness A, a shopkeeper aged 52, said: "I was closing the shutter when the first one fell. The second came a minute later, on the bakery."`},
		{Heading: "METHOD", Text: "We compared photographs taken on 20/10/2017 with satellite imagery from 2017-10-12."},
	})
	compareBlocks(t, got, want)
}

// arabicTextBlocks are the blocks of testdata/report-ar.txt.
var arabicTextBlocks = numbered([]Block{
	{Text: "في ١٧ تشرين الأول ٢٠١٧، بعد الساعة الثانية ظهراً بقليل، سقطت ثلاث ذخائر على الأقل على الحي الغربي من تل حمرا. أصابت الغارات شارع النور والسوق المسقوف."},
	{Heading: "شهادة", Text: "قال الشاهد أ، وهو صاحب متجر يبلغ من العمر ٥٢ عاماً: «كنتُ أُغلقُ الباب حين سقطت الأولى. جاءت الثانية بعد دقيقة، على المخبز»."},
})

func TestParseTextArabicEncodings(t *testing.T) {
	src, err := os.ReadFile(testdata("report-ar.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cp1256, err := charmap.Windows1256.NewEncoder().Bytes([]byte(westernDigits(string(src))))
	if err != nil {
		t.Fatal(err)
	}
	// Windows-1256 has no Arabic-Indic digits: they become ASCII digits.
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(src)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(src)
	cases := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", src},
		{"utf-8 with BOM", "utf-8", append([]byte("\xEF\xBB\xBF"), src...)},
		{"utf-16le", "utf-16le", u16le},
		{"utf-16be", "utf-16be", u16be},
		{"windows-1256", "windows-1256", cp1256},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, info, err := parseAll(t, writeTemp(t, "report-ar.txt", c.data))
			if err != nil {
				t.Fatal(err)
			}
			if info.Encoding != c.enc || info.Title != "تقرير ميداني: الغارات على تل حمرا" {
				t.Errorf("info = %+v", info)
			}
			want := arabicTextBlocks
			if c.enc == "windows-1256" {
				want = make([]Block, len(arabicTextBlocks))
				for i, b := range arabicTextBlocks {
					b.Text = westernDigits(b.Text)
					want[i] = b
				}
			}
			compareBlocks(t, got, want)
		})
	}
}

func westernDigits(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c >= 0x0660 && c <= 0x0669 {
			r[i] = '0' + c - 0x0660
		}
	}
	return string(r)
}

func TestParseTextLatin1(t *testing.T) {
	src := "Rapport de terrain\n==================\n\nLe 17 octobre 2017, la façade de l'école a été détruite.\n"
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, info, err := parseAll(t, writeTemp(t, "rapport.txt", data))
	if err != nil {
		t.Fatal(err)
	}
	if info.Encoding != "windows-1252" {
		t.Errorf("encoding %q, want windows-1252", info.Encoding)
	}
	compareBlocks(t, got, numbered([]Block{{Text: "Le 17 octobre 2017, la façade de l'école a été détruite."}}))
}

func TestParseTextMixedInvalidUTF8(t *testing.T) {
	// Valid UTF-8 Arabic followed by a stray byte: refused, not guessed.
	data := append([]byte("شارع النور "), 0xFF, 'x', '\n')
	_, _, err := parseAll(t, writeTemp(t, "mixed.txt", data))
	if !errors.Is(err, ErrEncoding) {
		t.Fatalf("err = %v, want ErrEncoding", err)
	}
}

func TestEmitErrorStopsParse(t *testing.T) {
	stop := errors.New("stop here")
	n := 0
	_, err := Parse(testdata("report.txt"), func(Block) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Fatalf("err = %v after %d blocks, want the emit error after 2", err, n)
	}
}
