package reportparse

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pageLabels are the ranges of a PDF's /PageLabels number tree.
type pageLabels []labelRange

type labelRange struct {
	start  int // 0-based first page
	style  string
	prefix string
	first  int // the number of the range's first page
}

// readPageLabels reads the /PageLabels number tree of the catalog.
func readPageLabels(v pdf.Value, encrypted bool) (out pageLabels) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	var walk func(node pdf.Value, depth int)
	walk = func(node pdf.Value, depth int) {
		if depth > 16 || len(out) > 10000 {
			return
		}
		nums := node.Key("Nums")
		for i := 0; i+1 < nums.Len() && len(out) <= 10000; i += 2 {
			d := nums.Index(i + 1)
			r := labelRange{start: int(nums.Index(i).Int64()), style: d.Key("S").Name(), prefix: pdfString(d.Key("P"), encrypted), first: 1}
			if st := d.Key("St"); st.Kind() == pdf.Integer && st.Int64() > 0 {
				r.first = int(st.Int64())
			}
			out = append(out, r)
		}
		kids := node.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	if v.Kind() == pdf.Dict {
		walk(v, 0)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// label returns the label of the 0-based page i, or "".
func (pl pageLabels) label(i int) string {
	k := sort.Search(len(pl), func(k int) bool { return pl[k].start > i }) - 1
	if k < 0 {
		return ""
	}
	r := pl[k]
	n := r.first + i - r.start
	switch r.style {
	case "D":
		return r.prefix + strconv.Itoa(n)
	case "R":
		return r.prefix + strings.ToUpper(roman(n))
	case "r":
		return r.prefix + roman(n)
	case "A":
		return r.prefix + strings.ToUpper(letters(n))
	case "a":
		return r.prefix + letters(n)
	}
	return r.prefix
}

// roman writes n in lowercase Roman numerals.
func roman(n int) string {
	if n <= 0 || n >= 5000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

// letters writes n as PDF letter labels: a..z, then aa..zz, and so on.
func letters(n int) string {
	if n <= 0 || n > 26*100 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
}
