package meta

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/internal/testkit"
)

// comparedGroups reports whether ExifTool's group g is one whose every tag
// ReadTags must list with the same value.
func comparedGroup(g string) bool {
	switch g {
	case "IFD0", "ExifIFD", "GPS", "InteropIFD", "IPTC":
		return true
	}
	return strings.HasPrefix(g, "XMP-")
}

// minCoverage is the share of ExifTool's tags of a group that ReadTags must
// list with the same value, over the whole corpus.
// IFD0, ExifIFD and GPS are the floor; the others keep what this
// package reached (InteropIFD, IPTC 100 %, XMP 99 % on the corpus).
var minCoverage = map[string]float64{"IFD0": 0.95, "ExifIFD": 0.95, "GPS": 0.95, "InteropIFD": 0.95, "IPTC": 0.95, "XMP-*": 0.95}

// loggedGroup reports whether the coverage of ExifTool's group g is logged:
// the groups ReadTags lists.
func loggedGroup(g string) bool {
	switch g {
	case "ICC_Profile", "GeoTiff", "Apple", "Canon", "Nikon", "Sony":
		return true
	}
	return comparedGroup(g) || strings.HasPrefix(g, "IFD") || strings.HasPrefix(g, "SubIFD")
}

// exiftoolG1 runs exiftool -G1 -j -n over the corpus, once, and returns its
// reading of each file by path relative to root.
func exiftoolG1(t *testing.T, root string) map[string]map[string]any {
	t.Helper()
	path, err := exec.LookPath("exiftool")
	if err != nil {
		testkit.Missing(t, "exiftool is not installed (the reference the tags are checked against)")
	}
	cmd := exec.Command(path, "-G1", "-j", "-n", "-r", "-q", "-q", ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var list []map[string]any
	if err := json.Unmarshal(out, &list); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	refs := map[string]map[string]any{}
	for _, r := range list {
		src, _ := r["SourceFile"].(string)
		refs[strings.TrimPrefix(src, "./")] = r
	}
	return refs
}

// TestTagsAgainstExiftool lists the tags of every corpus file and checks
// that each tag ExifTool reports in IFD0, ExifIFD, GPS, InteropIFD, IPTC and
// the XMP groups is listed with the same value. It logs the coverage of each
// group and fails when that of IFD0, ExifIFD or GPS is under 95 %.
func TestTagsAgainstExiftool(t *testing.T) {
	root := corpusDir(t)
	refs := exiftoolG1(t, root)
	total, matched := map[string]int{}, map[string]int{}
	for _, rel := range corpusFiles(t, root) {
		ref, ok := refs[rel]
		if !ok {
			continue // not a file ExifTool reads
		}
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Fatal(err)
			}
			tags, err := ReadTags(data)
			if err != nil {
				if _, image := imageTypes[fmt.Sprint(ref["File:FileType"])]; image && Sniff(data) != "" {
					t.Errorf("ReadTags: %v", err)
				}
				return
			}
			ours := map[string]Tag{}
			for _, tg := range tags {
				if _, dup := ours[tg.Group+":"+tg.Name]; !dup {
					ours[tg.Group+":"+tg.Name] = tg
				}
			}
			for _, key := range slices.Sorted(mapKeys(ref)) {
				group, _, _ := strings.Cut(key, ":")
				if !strings.Contains(key, ":") {
					continue
				}
				report := comparedGroup(group)
				if !loggedGroup(group) {
					continue
				}
				total[groupKey(group)]++
				got, ok := ours[key]
				switch {
				case !ok:
					if report {
						t.Logf("missing %s = %v", key, ref[key])
					}
				case !sameValue(group, ref[key], got.Value):
					if report {
						t.Logf("%s = %q (%s), ExifTool %v", key, got.Value, got.Note, ref[key])
					}
				default:
					matched[groupKey(group)]++
				}
			}
		})
	}
	for _, g := range slices.Sorted(mapKeys(total)) {
		rate := float64(matched[g]) / float64(total[g])
		t.Logf("coverage %-14s %5.1f %% (%d of %d)", g, 100*rate, matched[g], total[g])
		if want, ok := minCoverage[g]; ok && rate < want {
			t.Errorf("coverage of %s is %.1f %%, under %.0f %%", g, 100*rate, 100*want)
		}
	}
	for g := range minCoverage {
		if total[g] == 0 {
			t.Errorf("ExifTool reported no %s tag in the corpus", g)
		}
	}
}

// groupKey gathers the XMP groups into one line of the coverage log.
func groupKey(g string) string {
	if strings.HasPrefix(g, "XMP-") {
		return "XMP-*"
	}
	return g
}

func mapKeys[M ~map[string]V, V any](m M) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

var (
	binaryRef = regexp.MustCompile(`^\(Binary data (\d+) bytes`)
	binaryOur = regexp.MustCompile(`^\(binary, (\d+) bytes\)$`)
	xmpDate   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)(.*))?$`)
	iptcDate  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	iptcTime  = regexp.MustCompile(`^(\d{2})(\d{2})(\d{2})(?:([+-]\d{2})(\d{2}))?$`)
)

// sameValue compares ExifTool's value (a JSON number, string, list or
// boolean) with ours: numbers within 1e-6 relative, strings trimmed, binary
// data by size, XMP and IPTC dates in ExifTool's form.
func sameValue(group string, want any, got string) bool {
	got = strings.TrimSpace(got)
	switch w := want.(type) {
	case float64:
		return sameNumbers([]string{formatNumber(w)}, strings.Fields(got))
	case bool:
		return strings.EqualFold(got, strconv.FormatBool(w))
	case []any:
		parts := make([]string, len(w))
		for i, v := range w {
			parts[i] = strings.TrimSpace(fmt.Sprint(v))
			if f, ok := v.(float64); ok {
				parts[i] = formatNumber(f)
			}
		}
		items := strings.Split(got, ", ")
		for i := range items {
			items[i] = xmpDateForm(strings.TrimSpace(items[i]))
		}
		return strings.Join(parts, ", ") == strings.Join(items, ", ") || sameValue(group, strings.Join(parts, ", "), got)
	case string:
		w = strings.TrimSpace(w)
		if m := binaryRef.FindStringSubmatch(w); m != nil {
			// ExifTool calls a long list of numbers binary data too.
			o := binaryOur.FindStringSubmatch(got)
			return o != nil && o[1] == m[1] || m[1] == strconv.Itoa(len(got))
		}
		switch {
		case w == "undef" && got == "0/0", w == "inf" && strings.HasSuffix(got, "/0"):
			return true // a zero denominator, shown as written
		}
		if w == got {
			return true
		}
		if strings.HasPrefix(group, "XMP-") {
			got = xmpDateForm(got)
		}
		if group == "IPTC" {
			got = iptcDate.ReplaceAllString(got, "$1:$2:$3")
			if m := iptcTime.FindStringSubmatch(got); m != nil {
				got = m[1] + ":" + m[2] + ":" + m[3]
				if m[4] != "" {
					got += m[4] + ":" + m[5]
				}
			}
		}
		if w == got {
			return true
		}
		return sameNumbers(strings.FieldsFunc(w, numSep), strings.FieldsFunc(got, numSep))
	}
	return false
}

func numSep(r rune) bool { return r == ' ' || r == ',' }

// xmpDateForm writes an XMP date as ExifTool does: "2006:01:02 15:04:05+07:00".
func xmpDateForm(s string) string {
	m := xmpDate.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	out := m[1] + ":" + m[2] + ":" + m[3]
	if m[4] != "" {
		clock := m[4]
		if len(clock) == 5 {
			clock += ":00"
		}
		out += " " + clock + m[5]
	}
	return out
}

// sameNumbers compares two lists of numbers within 1e-6 relative.
func sameNumbers(want, got []string) bool {
	if len(want) == 0 || len(want) != len(got) {
		return false
	}
	for i := range want {
		a, err1 := strconv.ParseFloat(want[i], 64)
		b, err2 := strconv.ParseFloat(got[i], 64)
		if err1 != nil || err2 != nil {
			return false
		}
		if math.Abs(a-b) > 1e-6*math.Max(math.Abs(a), 1e-300) && math.Abs(a-b) > 1e-12 {
			return false
		}
	}
	return true
}
