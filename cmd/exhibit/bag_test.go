package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestExportBag makes a small case, hands it over as a bag through the
// real command, validates the bag with a validator written here from RFC
// 8493 alone, checks the originals are byte for byte the same, then
// tampers with copies of the bag: `exhibit verify` must fail naming each
// problem.
func TestExportBag(t *testing.T) {
	corpus := corpusDir(t)
	caseDir := filepath.Join(t.TempDir(), "Bag case.exhibit")
	src := t.TempDir()
	originals := map[string]string{} // SHA-256 -> name
	for from, to := range map[string]string{"exif-samples/jpg/gps/DSCN0010.jpg": "50% done.jpg", "exif-samples/jpg/gps/DSCN0012.jpg": "DSCN0012.jpg",
		"exif-samples/jpg/Canon_40D.jpg": "Canon_40D.jpg"} {
		b, err := os.ReadFile(filepath.Join(corpus, from))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(src, to), b, 0o644)
		sum := sha256.Sum256(b)
		originals[hex.EncodeToString(sum[:])] = to
	}
	mustRun(t, "--case", caseDir, "import", src)
	rep := filepath.Join(t.TempDir(), "report.md")
	os.WriteFile(rep, []byte("# Report\n\nThe market was hit on 3 May.\n"), 0o644)
	mustRun(t, "--case", caseDir, "report", "add", rep)
	mustRun(t, "--case", caseDir, "note", "1", "shadows point west")
	mustRun(t, "--case", caseDir, "tag", "1", "market")
	mustRun(t, "--case", caseDir, "pair", "1", "2", "--title", "Market")
	out := t.TempDir()
	sheetFile := filepath.Join(out, "annex.pdf")
	mustRun(t, "--case", caseDir, "sheet", "1", "-o", sheetFile)

	// Refused targets: inside the case, inside a folder of originals, a
	// folder with files.
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(caseDir, "bag"), "inside the case folder"},
		{filepath.Join(src, "bag"), "a folder of originals"},
		{out, "not empty"},
	} {
		if _, err := run(t, "--case", caseDir, "export", "bag", "-o", tt.dir); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("export bag -o %s: %v, want an error saying %q", tt.dir, err, tt.want)
		}
	}

	dir := filepath.Join(out, "handover")
	j := hasKeys(t, "export bag", decode(t, mustRun(t, "--case", caseDir, "export", "bag", "-o", dir, "--sheets", sheetFile, "--sheet", "1", "--json")),
		"bag", "case_id", "chain_head", "chain_count", "files", "bytes", "payload_oxum", "originals", "reports", "sheets", "missing", "signer",
		"tagmanifest_sha256", "export")
	if j["originals"].(float64) != 3 || j["reports"].(float64) != 1 || j["sheets"].(float64) != 2 || len(j["missing"].([]any)) != 0 || j["bag"] != dir {
		t.Errorf("export bag: %v", j)
	}

	if problems := validateRFC8493(t, dir); len(problems) > 0 {
		t.Fatalf("not a valid bag (RFC 8493):\n%s", strings.Join(problems, "\n"))
	}
	// Every original, byte for byte, named by its SHA-256.
	entries, _ := os.ReadDir(filepath.Join(dir, "data/originals"))
	if len(entries) != len(originals) {
		t.Errorf("%d files in data/originals, want %d", len(entries), len(originals))
	}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, "data/originals", e.Name()))
		sum := sha256.Sum256(b)
		hx := hex.EncodeToString(sum[:])
		if name, ok := originals[hx]; !ok || e.Name() != hx[:16]+"_"+name {
			t.Errorf("data/originals/%s is not an original as it was (SHA-256 %s)", e.Name(), hx)
		}
	}
	for _, f := range []string{"data/case/images.json", "data/case/reports.json", "data/case/excerpts.json", "data/case/links.json",
		"data/case/notes.json", "data/case/tags.json", "data/case/pairs.json", "data/case/annotations.json", "data/case/audit.jsonl",
		"data/case/checkpoints.jsonl", "data/case/keys.json", "data/sheets/pair-1.pdf", "data/sheets/annex.pdf", "exhibit-signer.pem"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the bag has no %s", f)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/case/notes.json")); !strings.Contains(string(b), "shadows point west") {
		t.Errorf("notes.json: %s", b)
	}
	line := firstLine(t, filepath.Join(dir, "data/case/audit.jsonl"))
	hasKeys(t, "audit.jsonl", decode(t, line), "id", "seq", "at", "actor", "key", "session", "action", "object", "details", "prev", "hash", "rows_digest", "rows")
	info, _ := os.ReadFile(filepath.Join(dir, "bag-info.txt"))
	for _, want := range []string{"External-Identifier: exhibit-case:" + j["case_id"].(string), "Exhibit-Chain-Head: " + j["chain_head"].(string),
		"Exhibit-Chain-Count: " + jsonNum(j["chain_count"].(float64)), "Payload-Oxum: " + j["payload_oxum"].(string), "Exhibit-Signature: "} {
		if !strings.Contains(string(info), want+"") {
			t.Errorf("bag-info.txt has no %q:\n%s", want, info)
		}
	}
	tm, _ := os.ReadFile(filepath.Join(dir, "tagmanifest-sha256.txt"))
	tmSum := sha256.Sum256(tm)
	if audit := mustRun(t, "--case", caseDir, "audit"); !strings.Contains(audit, "export.bag") || !strings.Contains(audit, hex.EncodeToString(tmSum[:])) {
		t.Errorf("the bag (its tag manifest's SHA-256) is not in the audit trail:\n%s", audit)
	}

	// exhibit verify takes the bag without any case.
	t.Setenv("EXHIBIT_CASE", filepath.Join(t.TempDir(), "none.exhibit"))
	v := hasKeys(t, "verify bag", decode(t, mustRun(t, "verify", dir, "--json")),
		"bag", "valid", "files", "payload_oxum", "case_id", "chain_head", "chain_count", "entries", "signer", "problems")
	if v["valid"] != true || v["case_id"] != j["case_id"] || v["chain_head"] != j["chain_head"] || v["signer"] != j["signer"] {
		t.Errorf("verify: %v", v)
	}
	if msg := mustRun(t, "verify", dir); !strings.HasSuffix(msg, "valid\n") {
		t.Errorf("verify says %q", msg)
	}

	// A folder that is not a bag is said to be none.
	if _, err := run(t, "verify", t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a bag: it has no bagit.txt") {
		t.Errorf("verify of an empty folder: %v", err)
	}

	// Tampering, each on a copy of the bag.
	anOriginal := "data/originals/" + entries[0].Name()
	for _, tt := range []struct {
		name   string
		tamper func(bag string)
		want   []string
		rfc    bool // the RFC 8493 validator sees it too
	}{
		{"a byte flipped in an original", func(bag string) { flipByte(t, filepath.Join(bag, anOriginal)) },
			[]string{anOriginal + ": its SHA-256 is"}, true},
		{"a payload file deleted", func(bag string) { os.Remove(filepath.Join(bag, "data/case/notes.json")) },
			[]string{"data/case/notes.json: listed in manifest-sha256.txt but missing", "Payload-Oxum"}, true},
		{"a payload file added", func(bag string) { os.WriteFile(filepath.Join(bag, "data/originals/extra.jpg"), []byte("x"), 0o644) },
			[]string{"data/originals/extra.jpg: not listed in manifest-sha256.txt", "Payload-Oxum"}, true},
		{"an audit entry edited", func(bag string) { editAudit(t, bag, false) },
			[]string{"data/case/audit.jsonl: its SHA-256 is"}, true},
		{"an audit entry edited, manifests redone", func(bag string) { editAudit(t, bag, true) },
			[]string{"(entry 2): its content hashes to", "the signature does not verify"}, false},
		{"bag-info.txt edited", func(bag string) {
			replaceIn(t, filepath.Join(bag, "bag-info.txt"), "Bagging-Date: ", "Bagging-Date: 1")
		},
			[]string{"bag-info.txt: its SHA-256 is", "tagmanifest-sha256.txt"}, true},
		{"the signed head changed, tag manifest redone", func(bag string) {
			replaceIn(t, filepath.Join(bag, "bag-info.txt"), "Exhibit-Chain-Count: ", "Exhibit-Chain-Count: 1")
			redoManifest(t, bag, "tagmanifest-sha256.txt")
		}, []string{"the signature does not verify", "but the bag was signed at entry 1"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			bag := filepath.Join(t.TempDir(), "bag")
			copyTree(t, dir, bag)
			tt.tamper(bag)
			msg, err := run(t, "verify", bag)
			if err == nil {
				t.Fatalf("verify passed a tampered bag:\n%s", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("verify does not say %q:\n%s", w, msg)
				}
			}
			if !strings.Contains(err.Error(), "problems, the first:") {
				t.Errorf("error %v", err)
			}
			if got := validateRFC8493(t, bag); tt.rfc != (len(got) > 0) {
				t.Errorf("the RFC 8493 validator found %v; want problems: %v", got, tt.rfc)
			}
		})
	}
}

// validateRFC8493 validates a bag by RFC 8493 alone: bagit.txt, every
// manifest and tag manifest line, completeness, Payload-Oxum.
func validateRFC8493(t *testing.T, dir string) []string {
	var problems []string
	bad := func(f string, args ...any) { problems = append(problems, fmt.Sprintf(f, args...)) }
	decl, err := os.ReadFile(filepath.Join(dir, "bagit.txt"))
	if err != nil || string(decl) != "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n" {
		bad("bagit.txt: %q %v", decl, err)
	}
	// 2.1.3: "checksum filepath", filepath percent-encoding CR, LF and %.
	lineRE := regexp.MustCompile(`^([0-9a-f]{64})[ \t]+(\S.*)$`)
	readManifest := func(name string) map[string]string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			bad("%s: %v", name, err)
			return nil
		}
		out := map[string]string{}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			m := lineRE.FindStringSubmatch(l)
			if m == nil {
				bad("%s: bad line %q", name, l)
				continue
			}
			p := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(m[2])
			out[p] = m[1]
		}
		return out
	}
	check := func(name string, m map[string]string, payload bool) {
		for p, want := range m {
			if payload != strings.HasPrefix(p, "data/") {
				bad("%s: %s is on the wrong side of data/", name, p)
			}
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			sum := sha256.Sum256(b)
			if err != nil || hex.EncodeToString(sum[:]) != want {
				bad("%s: %s does not match (%v)", name, p, err)
			}
		}
	}
	payload := readManifest("manifest-sha256.txt")
	check("manifest-sha256.txt", payload, true)
	tags := readManifest("tagmanifest-sha256.txt")
	check("tagmanifest-sha256.txt", tags, false)
	for _, f := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt"} {
		if _, ok := tags[f]; !ok {
			bad("tagmanifest-sha256.txt does not list %s", f)
		}
	}
	var octets int64
	var count int
	filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if _, ok := payload[filepath.ToSlash(rel)]; !ok {
			bad("%s is not in the manifest", rel)
		}
		fi, _ := d.Info()
		octets += fi.Size()
		count++
		return nil
	})
	if count != len(payload) {
		bad("the manifest lists %d files, data/ holds %d", len(payload), count)
	}
	info, _ := os.ReadFile(filepath.Join(dir, "bag-info.txt"))
	labels := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(string(info), "\n"), "\n") {
		k, v, ok := strings.Cut(l, ": ")
		if !ok || strings.ContainsAny(k, " \t") {
			bad("bag-info.txt: bad line %q", l)
		}
		labels[k] = v
	}
	if want := strconv.FormatInt(octets, 10) + "." + strconv.Itoa(count); labels["Payload-Oxum"] != want {
		bad("Payload-Oxum %q, the payload is %s", labels["Payload-Oxum"], want)
	}
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(labels["Bagging-Date"]) {
		bad("Bagging-Date %q", labels["Bagging-Date"])
	}
	return problems
}

func firstLine(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan()
	return sc.Text()
}

func flipByte(t *testing.T, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x01
	os.WriteFile(path, b, 0o644)
}

func replaceIn(t *testing.T, path, old, new string) {
	b, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s has no %q (%v)", path, old, err)
	}
	os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644)
}

// editAudit changes the action of the second audit entry; with redo, it
// also redoes the manifests, as a forger without the key would.
func editAudit(t *testing.T, bag string, redo bool) {
	path := filepath.Join(bag, "data/case/audit.jsonl")
	b, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(b), "\n")
	re := regexp.MustCompile(`"action":"[^"]*"`)
	if !re.MatchString(lines[1]) {
		t.Fatalf("no action in %s", lines[1])
	}
	// The same length: the Payload-Oxum stays right.
	lines[1] = re.ReplaceAllStringFunc(lines[1], func(m string) string {
		return `"action":"` + strings.Repeat("x", len(m)-len(`"action":""`)) + `"`
	})
	os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644)
	if redo {
		redoManifest(t, bag, "manifest-sha256.txt")
		redoManifest(t, bag, "tagmanifest-sha256.txt")
	}
}

// redoManifest rewrites the hashes of a manifest from the files as they
// are now.
func redoManifest(t *testing.T, bag, name string) {
	b, _ := os.ReadFile(filepath.Join(bag, name))
	var out strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		_, p, _ := strings.Cut(l, "  ")
		data, err := os.ReadFile(filepath.Join(bag, strings.ReplaceAll(p, "%25", "%")))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		out.WriteString(hex.EncodeToString(sum[:]) + "  " + p + "\n")
	}
	os.WriteFile(filepath.Join(bag, name), []byte(out.String()), 0o644)
}

func copyTree(t *testing.T, from, to string) {
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
