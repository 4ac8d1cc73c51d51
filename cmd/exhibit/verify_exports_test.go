package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// needTool fails the test when a reference tool is missing: these checks
// are what a recipient without Exhibit would do, and must not be skipped
// quietly. scripts/deps.sh test installs them.
func needTool(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (scripts/deps.sh test installs poppler-utils and openssl)", tool)
		}
	}
}

// sampleCaseDir makes the sample case with `exhibit demo`.
func sampleCaseDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Sample.exhibit")
	mustRun(t, "demo", dir)
	return dir
}

// opensslVerify runs openssl on the three files in dir, as a recipient
// would.
func opensslVerify(t *testing.T, dir string) (string, error) {
	t.Helper()
	cmd := exec.Command("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signer.pem", "-rawin",
		"-in", "manifest.json", "-sigfile", "manifest.json.sig")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestExportsCarrySignedManifests exports, from the sample case (made
// once: it takes a while), a PNG render and then a sheet, and checks each.
func TestExportsCarrySignedManifests(t *testing.T) {
	needTool(t, "pdfdetach", "pdftotext", "openssl")
	caseDir := sampleCaseDir(t)
	t.Run("render", func(t *testing.T) { testRenderManifest(t, caseDir) })
	t.Run("sheet", func(t *testing.T) { testSheetManifest(t, caseDir) })
}

// testSheetManifest exports a sheet with the real command and checks it as
// a recipient without Exhibit would (pdfdetach, openssl, pdftotext), then
// with `exhibit verify`: the file as exported passes; a byte changed in
// it, or the case's record of an original changed, fails, naming why.
func testSheetManifest(t *testing.T, caseDir string) {
	out := t.TempDir()
	pdf := filepath.Join(out, "annex.pdf")
	mustRun(t, "--case", caseDir, "sheet", "1", "2", "-o", pdf)

	// pdfdetach gives the three files; openssl verifies them.
	files := t.TempDir()
	cmd := exec.Command("pdfdetach", "-saveall", pdf)
	cmd.Dir = files
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach: %v\n%s", err, b)
	}
	if msg, err := opensslVerify(t, files); err != nil || !strings.Contains(msg, "Signature Verified Successfully") {
		t.Fatalf("openssl on the files as exported: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(files, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	// A manifest changed by a byte no longer verifies.
	tampered := t.TempDir()
	for _, name := range []string{"manifest.json.sig", "signer.pem"} {
		b, _ := os.ReadFile(filepath.Join(files, name))
		os.WriteFile(filepath.Join(tampered, name), b, 0o644)
	}
	os.WriteFile(filepath.Join(tampered, "manifest.json"), []byte(strings.Replace(string(data), `"size": `, `"size": 1`, 1)), 0o644)
	if msg, err := opensslVerify(t, tampered); err == nil || strings.Contains(msg, "Verified Successfully") {
		t.Errorf("openssl verified a changed manifest: %s", msg)
	}

	checkManifestAgainstCase(t, caseDir, &m, pdf)

	// The footer prints the manifest's SHA-256 and the key's fingerprint.
	pem, _ := os.ReadFile(filepath.Join(files, "signer.pem"))
	pub, err := catalog.ParsePublicKeyPEM(pem)
	if err != nil {
		t.Fatal(err)
	}
	fp := catalog.KeyFingerprint(pub)
	txt, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "Manifest SHA-256 " + manifest.TextSHA256(string(data)); strings.Count(string(txt), want) != 3 { // 3 pages
		t.Errorf("%q printed %d times; want on each of 3 pages", want, strings.Count(string(txt), want))
	}
	if want := "Signed by key SHA-256 " + fp; strings.Count(string(txt), want) != 3 {
		t.Errorf("%q printed %d times", want, strings.Count(string(txt), want))
	}
	if fp != m.Signer {
		t.Errorf("signer %s, key carried %s", m.Signer, fp)
	}

	// exhibit verify: the file as exported passes.
	res := decode(t, mustRun(t, "--case", caseDir, "verify", "--json", pdf)).([]any)
	v := hasKeys(t, "verify", res[0], "kind", "path", "sha256", "status", "export", "manifest_sha256", "signer", "checks")
	if v["status"] != "ok" || v["kind"] != "export" || v["signer"] != fp {
		t.Fatalf("verify: %v", v)
	}
	hasKeys(t, "verify check", v["checks"].([]any)[0], "check", "status", "detail")

	// A byte changed anywhere: not an export of the case.
	b, _ := os.ReadFile(pdf)
	flipped := filepath.Join(out, "flipped.pdf")
	b[len(b)/2] ^= 0x20
	os.WriteFile(flipped, b, 0o644)
	msg, err := run(t, "--case", caseDir, "verify", flipped)
	if err == nil || !strings.Contains(err.Error(), "not an export recorded in the case") || !strings.Contains(msg, "failed: "+flipped) {
		t.Errorf("verify of a changed file: %v\n%s", err, msg)
	}

	// The case's record of an original changed behind Exhibit's back.
	db, err := sql.Open("sqlite", catalog.SQLiteURI(filepath.Join(caseDir, catalog.DBName), nil))
	if err != nil {
		t.Fatal(err)
	}
	orig := m.Items[0].Images[1]
	if _, err := db.Exec(`UPDATE images SET sha256 = ? WHERE id = ?`, strings.Repeat("0", 64), orig.ImageID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	msg, err = run(t, "--case", caseDir, "verify", pdf)
	if err == nil || !strings.Contains(msg, "the case records SHA-256 "+strings.Repeat("0", 64)+", the manifest "+orig.SHA256) {
		t.Errorf("verify after the case's record changed: %v\n%s", err, msg)
	}
}

// checkManifestAgainstCase checks every image and excerpt the manifest
// lists against what the case says of them.
func checkManifestAgainstCase(t *testing.T, caseDir string, m *manifest.Manifest, file string) {
	t.Helper()
	if m.Format != manifest.Format || m.Kind == "" || m.ExportID == 0 || m.FileName != filepath.Base(file) || m.ChainHead.Count == 0 || len(m.ChainHead.Hash) != 64 {
		t.Errorf("manifest header: %+v", m)
	}
	if m.Kind == "sheet" && len(m.Items) != 2 {
		t.Fatalf("%d items; want one per sheet (2)", len(m.Items))
	}
	reports := map[float64]map[string]any{}
	images, excerpts := 0, 0
	for _, it := range m.Items {
		for _, mi := range it.Images {
			images++
			im := decode(t, mustRun(t, "--case", caseDir, "show", "--json", jsonNum(float64(mi.ImageID)))).(map[string]any)
			paths := im["paths"].([]any)
			if im["sha256"] != mi.SHA256 || im["size"].(float64) != float64(mi.Size) || im["width"].(float64) != float64(mi.Width) ||
				im["height"].(float64) != float64(mi.Height) || filepath.Base(paths[0].(string)) != mi.FileName {
				t.Errorf("image %d: manifest %+v; case %v", mi.ImageID, mi, im)
			}
		}
		for _, me := range it.Excerpts {
			excerpts++
			rep, ok := reports[float64(me.ReportID)]
			if !ok {
				rep = decode(t, mustRun(t, "--case", caseDir, "report", "show", "--json", jsonNum(float64(me.ReportID)))).(map[string]any)
				reports[float64(me.ReportID)] = rep
			}
			if rep["sha256"] != me.ReportSHA256 {
				t.Errorf("excerpt %d: report SHA-256 %s; case %v", me.ExcerptID, me.ReportSHA256, rep["sha256"])
			}
			found := false
			for _, x := range rep["excerpts"].([]any) {
				e := x.(map[string]any)
				if e["id"].(float64) != float64(me.ExcerptID) {
					continue
				}
				found = true
				page, _ := e["page"].(float64)
				pageEnd, _ := e["page_end"].(float64)
				if int(page) != pageNum(me.Page) || int(pageEnd) != pageNum(me.PageEnd) || (page == 0) != (me.Page == nil) || int(e["paragraph"].(float64)) != me.Paragraph ||
					manifest.TextSHA256(sheet.PrintedText(sheet.Quote{Text: e["text"].(string)})) != me.TextSHA256 {
					t.Errorf("excerpt %d: manifest %+v; case %v", me.ExcerptID, me, e)
				}
			}
			if !found {
				t.Errorf("excerpt %d is not in report %d", me.ExcerptID, me.ReportID)
			}
		}
	}
	if images == 0 || (m.Kind == "sheet" && excerpts == 0) {
		t.Errorf("%d images, %d excerpts in the manifest", images, excerpts)
	}
}

// testRenderManifest: a PNG render carries the manifest in text chunks;
// the three files read from them verify with openssl, and `exhibit verify`
// passes it; `exports` lists it done, `imports` the sample's import.
func testRenderManifest(t *testing.T, caseDir string) {
	png := filepath.Join(t.TempDir(), "after.png")
	mustRun(t, "--case", caseDir, "render", "2", "--pair", "1", "-o", png)
	cr, err := manifest.FromFile(png)
	if err != nil {
		t.Fatal(err)
	}
	files := t.TempDir()
	os.WriteFile(filepath.Join(files, "manifest.json"), cr.JSON, 0o644)
	os.WriteFile(filepath.Join(files, "manifest.json.sig"), cr.Signature, 0o644)
	os.WriteFile(filepath.Join(files, "signer.pem"), cr.PublicKeyPEM, 0o644)
	if msg, err := opensslVerify(t, files); err != nil || !strings.Contains(msg, "Signature Verified Successfully") {
		t.Fatalf("openssl on the PNG's chunks: %v\n%s", err, msg)
	}
	var m manifest.Manifest
	if err := json.Unmarshal(cr.JSON, &m); err != nil {
		t.Fatal(err)
	}
	if m.Kind != "png" || len(m.Items) != 1 || len(m.Items[0].Images) != 1 || m.Items[0].Images[0].ImageID != 2 ||
		m.Items[0].Pair == nil || *m.Items[0].Pair != 1 || len(m.Items[0].Marks) == 0 {
		t.Errorf("PNG manifest: %+v", m)
	}
	checkManifestAgainstCase(t, caseDir, &m, png)
	if msg := mustRun(t, "--case", caseDir, "verify", png); !strings.Contains(msg, "ok: "+png) {
		t.Errorf("verify: %s", msg)
	}
	es := decode(t, mustRun(t, "--case", caseDir, "exports", "--json")).([]any)
	if len(es) != 1 {
		t.Fatalf("exports: %v", es)
	}
	e := hasKeys(t, "exports", es[0], "id", "at", "kind", "path", "sha256", "size", "status", "finished_at", "manifest_sha256", "pid", "host")
	if e["status"] != "done" || e["kind"] != "png" || e["manifest_sha256"] != cr.SHA256() || e["path"] != png {
		t.Errorf("exports: %v", e)
	}
	ims := decode(t, mustRun(t, "--case", caseDir, "imports", "--json")).([]any)
	r := hasKeys(t, "imports", ims[0], "id", "started_at", "finished_at", "roots", "added", "unchanged", "failed", "status", "pid", "host")
	if r["status"] != "done" || r["added"].(float64) == 0 {
		t.Errorf("imports: %v", r)
	}
}

// pageNum is *p, 0 for nil.
func pageNum(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
