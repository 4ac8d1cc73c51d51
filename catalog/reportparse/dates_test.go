package reportparse

import (
	"reflect"
	"testing"
	"time"
)

func TestMentionsDate(t *testing.T) {
	oct17 := time.Date(2017, 10, 17, 0, 0, 0, 0, time.UTC)
	may5 := time.Date(2017, 5, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		text string
		d    time.Time
		want []string // nil: no mention
	}{
		// English and French, day first.
		{"The strike on 17 October 2017 hit the market.", oct17, []string{"17 October 2017"}},
		{"on 17th of October, 2017 at noon", oct17, []string{"17th of October, 2017"}},
		{"Tuesday, 17 Oct. 2017", oct17, []string{"17 Oct. 2017"}},
		{"17-Oct-2017", oct17, []string{"17-Oct-2017"}},
		{"ON 17 OCTOBER 2017", oct17, []string{"17 OCTOBER 2017"}},
		{"le 17 octobre 2017", oct17, []string{"17 octobre 2017"}},
		{"05 May 2017 and 5th May 2017", may5, []string{"05 May 2017", "5th May 2017"}},
		// Month first.
		{"On October 17, 2017, residents fled.", oct17, []string{"October 17, 2017"}},
		{"Oct 17th 2017", oct17, []string{"Oct 17th 2017"}},
		// Numbers.
		{"photographed on 17/10/2017.", oct17, []string{"17/10/2017"}},
		{"17.10.2017", oct17, []string{"17.10.2017"}},
		{"(17-10-17)", oct17, []string{"17-10-17"}},
		{"ISO 2017-10-17T14:00", oct17, []string{"2017-10-17"}},
		{"2017/10/17", oct17, []string{"2017/10/17"}},
		{"US style 10/17/2017", oct17, []string{"10/17/2017"}},
		{"5/5/2017", may5, []string{"5/5/2017"}},
		// Arabic.
		{"في 17 أكتوبر 2017 سقطت", oct17, []string{"17 أكتوبر 2017"}},
		{"في 17 تشرين الأول 2017", oct17, []string{"17 تشرين الأول 2017"}},
		{"في ١٧ تشرين الأول ٢٠١٧، بعد الظهر", oct17, []string{"١٧ تشرين الأول ٢٠١٧"}},
		{"في ۱۷ اکتبر", oct17, nil},
		{"يوم ١٧ تشرين الأول/أكتوبر ٢٠١٧", oct17, []string{"١٧ تشرين الأول/أكتوبر ٢٠١٧"}},
		{"في 17 من تشرين الأوّل عام 2017م", oct17, []string{"17 من تشرين الأوّل عام 2017"}},
		{"١٧ تشرينَ الأولِ ٢٠١٧", oct17, []string{"١٧ تشرينَ الأولِ ٢٠١٧"}},
		{"17 إكتوبر 2017", oct17, []string{"17 إكتوبر 2017"}},
		{"١٧/١٠/٢٠١٧", oct17, []string{"١٧/١٠/٢٠١٧"}},
		{"5 أيار 2017", may5, []string{"5 أيار 2017"}},
		// Negatives.
		{"117/10/20171", oct17, nil},
		{"17/10/20171", oct17, nil},
		{"1.17.10.2017", oct17, nil},
		{"17 October 2018", oct17, nil},
		{"18 October 2017", oct17, nil},
		{"17 November 2017", oct17, nil},
		{"17 October", oct17, nil},
		{"in October 2017", oct17, nil},
		{"2017", oct17, nil},
		{"27 October 2017", oct17, nil},
		{"17 تشرين الثاني 2017", oct17, nil},
		{"17 كانون الأول 2017", oct17, nil},
		{"ref 17101017", oct17, nil},
		{"17/10/2017a", oct17, nil},
		{"55/5/2017", may5, nil},
	}
	for _, c := range cases {
		ok, got := MentionsDate(c.text, c.d)
		if ok != (c.want != nil) || !reflect.DeepEqual(got, c.want) {
			t.Errorf("MentionsDate(%q, %s) = %v, %q; want %q", c.text, c.d.Format("2006-01-02"), ok, got, c.want)
		}
	}
}

// BenchmarkMentionsDate checks one excerpt for one date, as suggestions
// do for every excerpt of a case.
func BenchmarkMentionsDate(b *testing.B) {
	d := time.Date(2017, 10, 17, 0, 0, 0, 0, time.UTC)
	text := "On 17 October 2017, shortly after 14:00, at least three munitions struck the western quarter of Tal Hamra; في ١٧ تشرين الأول ٢٠١٧."
	for b.Loop() {
		if ok, _ := MentionsDate(text, d); !ok {
			b.Fatal("no mention found")
		}
	}
}
