package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/internal/manifest"
	"github.com/exhibit-app/exhibit/internal/sheet"
)

// verifyExportJSON is one file of `verify --json FILE...`. The field names
// are a contract: add fields, never rename.
type verifyExportJSON struct {
	Kind   string `json:"kind"` // "export"
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	// Status is "ok" or "failed"; Error lists what failed.
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
	// Export is the record of the case the file's bytes match (0: none).
	Export int64 `json:"export"`
	// ManifestSHA256 and Signer are the manifest the file carries and the
	// fingerprint of the key that signed it ("" when it carries none).
	ManifestSHA256 string `json:"manifest_sha256"`
	Signer         string `json:"signer"`
	// Checks are every check made, in order.
	Checks []exportCheckJSON `json:"checks"`
}

// exportCheckJSON is one check of an exported file.
type exportCheckJSON struct {
	// Check is what was checked: read, manifest, signature, case, key,
	// record, chain, original, original_file, report, excerpt, mark,
	// alignment.
	Check string `json:"check"`
	// Status is "ok", "failed" (the file fails), or "notice" (worth
	// knowing, not a failure: a mark changed since the export, an
	// original not at hand).
	Status string `json:"status"`
	// Object is what the check is about: image:3, excerpt:12, mark:7,
	// pair:2, export:5, key:<fingerprint>.
	Object string `json:"object,omitempty"`
	Path   string `json:"path,omitempty"`
	Detail string `json:"detail,omitempty"`
}

// fileCheck collects the checks of one file.
type fileCheck struct{ out *verifyExportJSON }

func (f *fileCheck) add(check, status, object, path, detail string) {
	f.out.Checks = append(f.out.Checks, exportCheckJSON{Check: check, Status: status, Object: object, Path: path, Detail: detail})
}
func (f *fileCheck) ok(check, object, detail string) { f.add(check, "ok", object, "", detail) }
func (f *fileCheck) fail(check, object, detail string) {
	f.add(check, "failed", object, "", detail)
}
func (f *fileCheck) notice(check, object, detail string) { f.add(check, "notice", object, "", detail) }

// verifyExports checks files exported from the case (sheets, renders, and
// any other export by its record): the signature of the manifest they
// carry against the key they carry, that the key is one the case knows and
// the manifest this case's, that the file's bytes are those of an export
// recorded in the case, that the audit chain the manifest names is this
// case's, that each original it lists still has its hash in the case (and
// on disk, where at hand) and each report file and excerpt is still
// there. It fails, naming what failed, when any file fails.
func verifyExports(cmd *cobra.Command, c *catalog.Case, paths []string, asJSON bool) error {
	ctx := cmd.Context()
	out := []verifyExportJSON{}
	failed := 0
	var first string
	for _, p := range paths {
		r := verifyExport(ctx, c, p)
		if r.Status != "ok" {
			failed++
			if first == "" {
				first = shown(r.Path) + ": " + r.Error
			}
		}
		out = append(out, r)
	}
	w := cmd.OutOrStdout()
	if asJSON {
		if err := writeJSON(w, out); err != nil {
			return err
		}
	} else {
		for _, r := range out {
			printExportCheck(w, &r)
		}
		fmt.Fprintf(w, "%d file(s) checked, %d ok, %d failed\n", len(out), len(out)-failed, failed)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d exported files failed verification: %s", failed, len(out), first)
	}
	return nil
}

// printExportCheck prints a file's verdict, what failed and the notices.
func printExportCheck(w io.Writer, r *verifyExportJSON) {
	var what []string
	if r.Export != 0 {
		what = append(what, fmt.Sprintf("export %d", r.Export))
	}
	if r.Signer != "" {
		what = append(what, "signed by key "+r.Signer)
	}
	line := r.Status + ": " + shown(r.Path)
	if len(what) > 0 {
		line += " (" + strings.Join(what, ", ") + ")"
	}
	fmt.Fprintln(w, line)
	for _, ch := range r.Checks {
		if ch.Status == "ok" {
			continue
		}
		s := "  " + ch.Status + ": " + ch.Check
		if ch.Object != "" {
			s += " " + ch.Object
		}
		if ch.Path != "" {
			s += " " + shown(ch.Path)
		}
		fmt.Fprintln(w, s+": "+ch.Detail)
	}
}

// verifyExport checks one file: it fails when any check fails.
func verifyExport(ctx context.Context, c *catalog.Case, path string) verifyExportJSON {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	r := verifyExportJSON{Kind: "export", Path: abs, Checks: []exportCheckJSON{}}
	checkExport(ctx, c, &fileCheck{out: &r}, path)
	var errs []string
	for _, ch := range r.Checks {
		if ch.Status == "failed" {
			errs = append(errs, ch.Detail)
		}
	}
	r.Status = "ok"
	if len(errs) > 0 {
		r.Status, r.Error = "failed", strings.Join(errs, "; ")
	}
	return r
}

// checkExport makes the checks of the file at path.
func checkExport(ctx context.Context, c *catalog.Case, f *fileCheck, path string) {
	r := f.out
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		f.fail("read", "", "it is a folder; give exported files (PDF sheets, PNG renders, CSV...)")
		return
	}
	sum, err := sha256File(path)
	if err != nil {
		f.fail("read", "", fmt.Sprintf("cannot read it: %v", unwrapPath(err)))
		return
	}
	r.SHA256 = sum
	f.ok("read", "", "SHA-256 "+sum)

	// The manifest and its signature, on their own.
	var m *manifest.Manifest
	cr, err := manifest.FromFile(path)
	if err == nil {
		r.ManifestSHA256 = cr.SHA256()
		var fp string
		m, fp, err = cr.Verify()
		r.Signer = fp
		switch {
		case err == nil:
			f.ok("signature", "key:"+fp, "the manifest's signature matches the key it carries")
		case errors.Is(err, manifest.ErrNoManifest):
			r.ManifestSHA256 = ""
		case errors.Is(err, manifest.ErrBadSignature):
			f.fail("signature", "key:"+fp, "the manifest's signature does not match it and the key it carries: the manifest or the signature was changed")
			m = nil
		default:
			f.fail("manifest", "", err.Error())
			m = nil
		}
	}
	noManifest := err != nil && errors.Is(err, manifest.ErrNoManifest)

	// The record of the export.
	rec := checkRecord(ctx, c, f, sum, cr, m)
	switch {
	case noManifest && rec != nil && rec.Kind != "sheet" && rec.Kind != "png":
		f.notice("manifest", "", "a "+rec.Kind+" export carries no manifest; its record vouches for it")
	case noManifest:
		f.fail("manifest", "", "it carries no signed manifest (an Exhibit sheet or render carries one)")
	}
	if rec != nil {
		r.Export = rec.ID
	}
	if m == nil {
		return
	}

	// The manifest against the case.
	if m.CaseID != c.ID() {
		f.fail("case", "", fmt.Sprintf("the manifest is from case %s, this case is %s", m.CaseID, c.ID()))
	} else {
		f.ok("case", "", "case "+m.CaseID)
	}
	if known, actor, err := c.KnownKey(ctx, r.Signer); err != nil {
		f.fail("key", "key:"+r.Signer, err.Error())
	} else if !known {
		f.fail("key", "key:"+r.Signer, "the signer's key "+r.Signer+" is not one the case knows")
	} else {
		f.ok("key", "key:"+r.Signer, "first used by "+actor)
	}
	if has, err := c.HasChainEntry(ctx, m.ChainHead.Hash, m.ChainHead.Count); err != nil {
		f.fail("chain", "", err.Error())
	} else if !has {
		f.fail("chain", "", fmt.Sprintf("the case's audit chain has no entry %d with hash %s, which the manifest names", m.ChainHead.Count, m.ChainHead.Hash))
	} else {
		f.ok("chain", "", fmt.Sprintf("entry %d of the audit chain", m.ChainHead.Count))
	}
	checkContents(ctx, c, f, m)
}

// checkRecord finds the export whose recorded SHA-256 is the file's, and
// says why there is none.
func checkRecord(ctx context.Context, c *catalog.Case, f *fileCheck, sum string, cr *manifest.Carried, m *manifest.Manifest) *catalog.Export {
	recs, err := c.ExportsWithSHA256(ctx, sum)
	if err != nil {
		f.fail("record", "", err.Error())
		return nil
	}
	if len(recs) > 0 {
		e := recs[len(recs)-1]
		for _, r := range recs {
			if m != nil && r.ID == m.ExportID {
				e = r
			}
		}
		obj := fmt.Sprintf("export:%d", e.ID)
		f.ok("record", obj, fmt.Sprintf("the bytes of export %d (%s, %s, %s)", e.ID, e.Kind, e.At.Local().Format("2006-01-02 15:04:05"), e.Path))
		if m != nil && m.ExportID != e.ID {
			f.fail("record", obj, fmt.Sprintf("the manifest names export %d, the file's bytes are those of export %d", m.ExportID, e.ID))
		}
		if m != nil && e.ManifestSHA256 != "" && cr != nil && e.ManifestSHA256 != cr.SHA256() {
			f.fail("record", obj, "export "+fmt.Sprint(e.ID)+" recorded another manifest")
		}
		return e
	}
	why := "not an export recorded in the case: no export has its SHA-256"
	if m != nil && m.ExportID != 0 {
		if e, err := c.ExportByID(ctx, m.ExportID); err == nil {
			switch e.Status {
			case catalog.ExportDone:
				why += fmt.Sprintf("; the manifest names export %d, recorded with SHA-256 %s: the file was changed after it was exported", e.ID, e.SHA256)
			default:
				why += fmt.Sprintf("; the manifest names export %d, recorded %s (%s)", e.ID, e.Status, e.Error)
			}
		}
	}
	f.fail("record", "", why)
	return nil
}

// checkContents checks what the manifest lists against the case: the
// originals (and their files where at hand), the report files and
// excerpts, the marks and the alignment.
func checkContents(ctx context.Context, c *catalog.Case, f *fileCheck, m *manifest.Manifest) {
	seen := map[string]bool{}
	once := func(k string) bool {
		if seen[k] {
			return false
		}
		seen[k] = true
		return true
	}
	for _, it := range m.Items {
		for _, mi := range it.Images {
			if once(fmt.Sprintf("image:%d", mi.ImageID)) {
				checkOriginal(ctx, c, f, mi)
			}
		}
		for _, me := range it.Excerpts {
			if once(fmt.Sprintf("excerpt:%d", me.ExcerptID)) {
				checkExcerpt(ctx, c, f, me)
			}
		}
		for _, mk := range it.Marks {
			if !once(fmt.Sprintf("mark:%d", mk.MarkID)) {
				continue
			}
			obj := fmt.Sprintf("mark:%d", mk.MarkID)
			a, err := c.Annotation(ctx, mk.MarkID)
			switch {
			case err != nil:
				f.notice("mark", obj, "not in the case: "+err.Error())
			case manifest.MarkSHA256(a) != mk.SHA256:
				f.notice("mark", obj, "changed in the case since the export (the file shows it as it was)")
			default:
				f.ok("mark", obj, "as in the case")
			}
		}
		if al := it.Alignment; al != nil && once(fmt.Sprintf("alignment:%d", al.PairID)) {
			obj := fmt.Sprintf("pair:%d", al.PairID)
			p, err := c.Pair(ctx, al.PairID)
			switch {
			case err != nil:
				f.notice("alignment", obj, err.Error())
			case p.Alignment == nil || manifest.AlignmentSHA256(p.ID, p.Alignment) != al.SHA256:
				f.notice("alignment", obj, "the pair's alignment changed in the case since the export")
			default:
				f.ok("alignment", obj, "as in the case")
			}
		}
	}
}

// checkOriginal checks that the case still records the original's hash,
// size and pixel size, and that its files at hand still have that hash.
func checkOriginal(ctx context.Context, c *catalog.Case, f *fileCheck, mi manifest.Image) {
	obj := fmt.Sprintf("image:%d", mi.ImageID)
	im, err := c.Image(ctx, mi.ImageID)
	if err != nil {
		f.fail("original", obj, fmt.Sprintf("image %d (%s) is not in the case: %v", mi.ImageID, mi.FileName, err))
		return
	}
	switch {
	case im.SHA256 != mi.SHA256:
		f.fail("original", obj, fmt.Sprintf("image %d (%s): the case records SHA-256 %s, the manifest %s", mi.ImageID, mi.FileName, im.SHA256, mi.SHA256))
		return
	case im.Size != mi.Size || im.Width != mi.Width || im.Height != mi.Height:
		f.fail("original", obj, fmt.Sprintf("image %d (%s): the case records %d bytes, %d×%d px; the manifest %d bytes, %d×%d px",
			mi.ImageID, mi.FileName, im.Size, im.Width, im.Height, mi.Size, mi.Width, mi.Height))
		return
	}
	f.ok("original", obj, "SHA-256 "+mi.SHA256+" as the case records it")
	atHand := 0
	for _, p := range im.Paths() {
		sum, err := sha256File(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		atHand++
		switch {
		case err != nil:
			f.add("original_file", "failed", obj, p, fmt.Sprintf("cannot read it: %v", unwrapPath(err)))
		case sum != mi.SHA256:
			f.add("original_file", "failed", obj, p, "the file there changed: its SHA-256 is now "+sum)
		default:
			f.add("original_file", "ok", obj, p, "same SHA-256")
		}
	}
	if atHand == 0 {
		f.notice("original_file", obj, "no file at its cataloged paths to re-hash")
	}
}

// checkExcerpt checks that the report file is one the case imported and
// the excerpt is there, with the text quoted.
func checkExcerpt(ctx context.Context, c *catalog.Case, f *fileCheck, me manifest.Excerpt) {
	obj := fmt.Sprintf("excerpt:%d", me.ExcerptID)
	has, err := c.ReportHasVersion(ctx, me.ReportID, me.ReportSHA256)
	switch {
	case err != nil:
		f.fail("report", obj, err.Error())
	case !has:
		f.fail("report", obj, fmt.Sprintf("report %d (%s): the case has no file with SHA-256 %s", me.ReportID, me.ReportTitle, me.ReportSHA256))
	default:
		f.ok("report", obj, fmt.Sprintf("report %d, file SHA-256 %s", me.ReportID, me.ReportSHA256))
	}
	e, err := c.Excerpt(ctx, me.ExcerptID)
	switch {
	case err != nil:
		f.fail("excerpt", obj, err.Error())
	case e.ReportID != me.ReportID:
		f.fail("excerpt", obj, fmt.Sprintf("excerpt %d is of report %d, the manifest says %d", e.ID, e.ReportID, me.ReportID))
	case manifest.TextSHA256(sheet.PrintedText(sheet.Quote{Text: e.Text})) != me.TextSHA256:
		f.notice("excerpt", obj, "its text in the case differs from the text quoted (a later version of the report revised it)")
	default:
		f.ok("excerpt", obj, "the text quoted is the case's")
	}
}

// sha256File returns the SHA-256 of a file, in hex.
func sha256File(path string) (string, error) {
	// Stat first: opening a named pipe would wait for a writer.
	if fi, err := os.Stat(path); err != nil {
		return "", err
	} else if !fi.Mode().IsRegular() {
		return "", errors.New("not a regular file")
	}
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
