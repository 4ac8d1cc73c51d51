package reportparse

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Month names by month (index 0 unused), as they appear after matchForm:
// lowercase, without accents, with the hamza and madda removed from alef,
// alef maksura read as yeh and teh marbuta as heh.
var (
	monthsEN = [13][]string{{},
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sept", "sep"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	monthsFR = [13][]string{{},
		{"janvier"}, {"fevrier"}, {"mars"}, {"avril"}, {"mai"}, {"juin"},
		{"juillet"}, {"aout"}, {"septembre"}, {"octobre"}, {"novembre"}, {"decembre"},
	}
	// Arabic: the Egyptian/Gulf names, the Levantine/Iraqi (Syriac) names
	// and the Maghrebi names.
	monthsAR = [13][]string{{},
		{"يناير", "كانون الثاني", "جانفي"},
		{"فبراير", "شباط", "فيفري"},
		{"مارس", "اذار"},
		{"ابريل", "نيسان", "افريل"},
		{"مايو", "ايار", "ماي"},
		{"يونيو", "يونيه", "حزيران", "جوان"},
		{"يوليو", "يوليه", "تموز", "جويليه"},
		{"اغسطس", "اب", "اوت"},
		{"سبتمبر", "ايلول"},
		{"اكتوبر", "تشرين الاول"},
		{"نوفمبر", "تشرين الثاني"},
		{"ديسمبر", "كانون الاول"},
	}
)

// MentionsDate reports whether text mentions the calendar date d, and
// returns the matched substrings of text, in order.
//
// Recognised, with or without leading zeros and in any letter case:
//   - day month year: "17 October 2017", "17th of October, 2017",
//     "17 Oct. 2017", "17-Oct-2017", French "17 octobre 2017";
//   - month day year: "October 17, 2017", "Oct 17th 2017";
//   - numbers: "17/10/2017", "17.10.2017", "17-10-2017" (also with a
//     two-digit year, "17/10/17"), "2017-10-17", "2017/10/17",
//     "2017.10.17", and the US "10/17/2017" (four-digit year only);
//   - Arabic, with Western, Arabic-Indic or Persian digits: "17 أكتوبر
//     2017", "17 تشرين الأول 2017", "١٧ تشرين الأول ٢٠١٧", "17 تشرين
//     الأول/أكتوبر 2017", "17 من تشرين الأول عام 2017", with or without
//     harakat, tatweel or hamza.
//
// A date written without its year ("17 October") is not a mention: it
// could be any year. Digits or letters directly around a match reject it,
// so "117/10/20171" does not mention 17 October 2017. Note that a
// numeric date whose day is 12 or less reads both ways: "05/10/2017"
// mentions both 5 October (day first) and 10 May (US order).
func MentionsDate(text string, d time.Time) (bool, []string) {
	form, starts, ends := matchForm(text)
	var found []string
	var spans [][2]int
	for _, re := range dateRegexps(d) {
		for _, m := range re.FindAllStringIndex(form, -1) {
			if !dateBoundary(form, m[0], m[1]) {
				continue
			}
			s, e := starts[m[0]], ends[m[1]-1]
			dup := false
			for _, sp := range spans {
				if s < sp[1] && e > sp[0] {
					dup = true
				}
			}
			if !dup {
				spans = append(spans, [2]int{s, e})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	for _, sp := range spans {
		found = append(found, text[sp[0]:sp[1]])
	}
	return len(found) > 0, found
}

// dateBoundary reports whether the match form[s:e] stands alone: no letter
// or digit touches it, nor a separator followed by a digit (a longer
// number such as 1.17.10.2017).
func dateBoundary(form string, s, e int) bool {
	before := []rune(form[:s])
	after := []rune(form[e:])
	if n := len(before); n > 0 {
		r := before[n-1]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		if strings.ContainsRune("/.-", r) && n > 1 && unicode.IsDigit(before[n-2]) {
			return false
		}
	}
	if len(after) > 0 {
		r := after[0]
		if unicode.IsDigit(r) {
			return false
		}
		// A Latin letter glued to the end ("2017a"); an Arabic letter may
		// follow the year ("2017م").
		if unicode.IsLetter(r) && r < 0x0600 && !(r == 't' && len(after) > 1 && unicode.IsDigit(after[1])) {
			return false // but an ISO time may follow: 2017-10-17T14:00
		}
		if strings.ContainsRune("/.-", r) && len(after) > 1 && unicode.IsDigit(after[1]) {
			return false
		}
	}
	return true
}

// dateCache keeps the compiled patterns of the dates asked for last:
// suggestions ask about one date for every excerpt of a case.
var dateCache struct {
	sync.Mutex
	m map[string][]*regexp.Regexp
}

// dateRegexps returns the patterns for one date, in match form.
func dateRegexps(d time.Time) []*regexp.Regexp {
	key := d.Format("2006-01-02")
	dateCache.Lock()
	defer dateCache.Unlock()
	if res, ok := dateCache.m[key]; ok {
		return res
	}
	if len(dateCache.m) >= 64 {
		dateCache.m = nil
	}
	if dateCache.m == nil {
		dateCache.m = make(map[string][]*regexp.Regexp)
	}
	res := compileDateRegexps(d)
	dateCache.m[key] = res
	return res
}

// compileDateRegexps builds the patterns for one date, in match form.
func compileDateRegexps(d time.Time) []*regexp.Regexp {
	day := fmt.Sprintf("0?%d", d.Day())
	mon := fmt.Sprintf("0?%d", int(d.Month()))
	year := fmt.Sprintf("%04d", d.Year())
	yy := fmt.Sprintf("%02d", d.Year()%100)
	ord := `(?:st|nd|rd|th|er)?`

	var latin []string
	for _, n := range append(append([]string{}, monthsEN[d.Month()]...), monthsFR[d.Month()]...) {
		latin = append(latin, regexp.QuoteMeta(n))
	}
	latinRE := `(?:` + strings.Join(longestFirst(latin), "|") + `)\.?`
	var arabic []string
	for _, n := range monthsAR[d.Month()] {
		if strings.HasPrefix(n, "تشرين ") || strings.HasPrefix(n, "كانون ") {
			w := strings.Fields(n)
			n = w[0] + `\s+(?:ال)?` + strings.TrimPrefix(w[1], "ال")
		}
		arabic = append(arabic, n)
	}
	arabicRE := `(?:` + strings.Join(longestFirst(arabic), "|") + `)`
	monthRE := `(?:` + latinRE + `|` + arabicRE + `)`
	// A month may be given in two calendars' names: "تشرين الأول/أكتوبر".
	monthPair := monthRE + `(?:\s*/\s*` + monthRE + `|\s*\(\s*` + monthRE + `\s*\))?`

	pats := []string{
		day + ord + `(?:\s+of|\s+من)?[\s\-]+` + monthPair + `[\s,،\-]+(?:(?:عام|سنه|لعام|لسنه)\s+)?` + year,
		latinRE + `\s+` + day + ord + `,?\s+` + year,
		`(?:` + year + `-` + mon + `-` + day + `|` + year + `/` + mon + `/` + day + `|` + year + `\.` + mon + `\.` + day + `)`,
		`(?:` + day + `/` + mon + `/(?:` + year + `|` + yy + `)|` + day + `\.` + mon + `\.(?:` + year + `|` + yy + `)|` + day + `-` + mon + `-(?:` + year + `|` + yy + `))`,
		mon + `/` + day + `/` + year,
	}
	out := make([]*regexp.Regexp, 0, len(pats))
	for _, p := range pats {
		out = append(out, regexp.MustCompile(p))
	}
	return out
}

func longestFirst(s []string) []string {
	sort.SliceStable(s, func(i, j int) bool { return len(s[i]) > len(s[j]) })
	return s
}

// matchForm folds text for date matching, one rune at a time so that
// matches map back to the original: lowercase, accents and Arabic marks
// removed, every digit as an ASCII digit, every space as " ". starts[i]
// and ends[i] are the byte span in text of the byte i of the form.
func matchForm(text string) (string, []int, []int) {
	var sb strings.Builder
	starts := make([]int, 0, len(text))
	ends := make([]int, 0, len(text))
	emit := func(r rune, s, e int) {
		n := sb.Len()
		sb.WriteRune(r)
		for i := n; i < sb.Len(); i++ {
			starts = append(starts, s)
			ends = append(ends, e)
		}
	}
	for i, r := range text {
		e := i + len(string(r))
		switch {
		case r >= 0x0660 && r <= 0x0669:
			emit('0'+r-0x0660, i, e)
		case r >= 0x06F0 && r <= 0x06F9:
			emit('0'+r-0x06F0, i, e)
		case unicode.IsSpace(r):
			emit(' ', i, e)
		case r == tatweel || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r):
		case r == 'ى':
			emit('ي', i, e)
		case r == 'ة':
			emit('ه', i, e)
		case r < 0x80:
			emit(unicode.ToLower(r), i, e)
		default:
			for _, c := range norm.NFKD.String(string(r)) {
				switch {
				case unicode.Is(unicode.Mn, c):
				case c == 'ى':
					emit('ي', i, e)
				case c == 'ة':
					emit('ه', i, e)
				case c >= 0xFF10 && c <= 0xFF19:
					emit('0'+c-0xFF10, i, e)
				default:
					emit(unicode.ToLower(c), i, e)
				}
			}
		}
	}
	return sb.String(), starts, ends
}
