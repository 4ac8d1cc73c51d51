package catalog

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"strike", `"strike"`},
		{"Strikes market", `"strikes" "market"`},
		{`"the market" roof*`, `"the market" "roof"*`},
		{"bakery OR mill", `"bakery" OR "mill"`},
		{"NOT bakery OR", `"bakery"`},
		{"(bakery) (mill", `"bakery" "mill"`},
		{"bakery OR OR mill", `"bakery" OR "mill"`},
		{"bakery NOT AND mill", `"bakery" NOT "mill"`},
		{"", ""},
		{"OR NOT", ""},
		{`""`, ""},
	} {
		got, _, err := ftsQuery(tc.in)
		if got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("ftsQuery(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// FuzzFTSQuery: whatever is typed in the search box, the query built is one
// SQLite FTS5 accepts (or it is refused with "no words"), and highlighting
// it does not panic.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"strike", `"the market" roof*`, "bakery OR mill", "NOT bakery", "(a) (b", `"unclosed`,
		"a OR OR b", "a NOT NOT b", "***", "العَرَبِيَّة", "café* OR \"naïve\"", "a AND", "^x", "x:y", "NEAR(a b)", "-a +b", "\x00"} {
		f.Add(s)
	}
	c := openTestCase(f)
	f.Fuzz(func(t *testing.T, q string) {
		fq, terms, err := ftsQuery(q)
		if err != nil {
			if fq != "" || terms != nil || !strings.Contains(err.Error(), "no words") {
				t.Fatalf("ftsQuery(%q) = %q, %v, %v", q, fq, terms, err)
			}
			return
		}
		if len(terms) == 0 || !utf8.ValidString(fq) && utf8.ValidString(q) {
			t.Fatalf("ftsQuery(%q) = %q, %v", q, fq, terms)
		}
		var n int
		if err := c.rd.QueryRowContext(context.Background(), `SELECT count(*) FROM excerpts_fts WHERE excerpts_fts MATCH ?`, fq).Scan(&n); err != nil {
			t.Fatalf("ftsQuery(%q) = %q, which FTS5 refuses: %v", q, fq, err)
		}
		snippet(q, terms, 32)
	})
}
