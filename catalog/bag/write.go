package bag

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// Sheet is a file to put in data/sheets/: an existing file (Path), or one
// made by Write.
type Sheet struct {
	// Name is the file's name in the bag (the base of Path when empty).
	Name  string
	Path  string
	Write func(w io.Writer) error
}

// Options are how Write makes a bag.
type Options struct {
	// Sheets go into data/sheets/.
	Sheets []Sheet
	// AllowMissing makes the bag even when originals or reports cannot be
	// copied (no file at their paths, or other bytes there): they are
	// listed in data/case/missing.json and the result. Without it such a
	// bag is refused, naming each.
	AllowMissing bool
	// Software names the program in Bag-Software-Agent.
	Software string
	// Progress, when set, is told after each file how many are done of
	// how many.
	Progress func(done, total int)
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// Missing is an original or a report that could not be put in the bag.
type Missing struct {
	Kind   string   `json:"kind"` // "original" or "report"
	ID     int64    `json:"id"`
	SHA256 string   `json:"sha256"`
	Paths  []string `json:"paths"`
	Reason string   `json:"reason"`
}

// Result is a bag written.
type Result struct {
	Dir         string
	CaseID      string
	Head        catalog.ChainHead
	Files       int   // payload files
	Bytes       int64 // payload octets
	Originals   int
	Reports     int
	Sheets      int
	Missing     []Missing
	Signer      string // fingerprint of the signing key
	TagManifest string // SHA-256 of tagmanifest-sha256.txt
	Export      *catalog.Export
}

// PayloadOxum is the bag's Payload-Oxum: octets.count of the payload.
func (r *Result) PayloadOxum() string {
	return strconv.FormatInt(r.Bytes, 10) + "." + strconv.Itoa(r.Files)
}

// ErrMissing is wrapped when a bag is refused for originals or reports it
// cannot copy.
var ErrMissing = errors.New("originals or reports cannot be copied")

// Write writes the case c as a bag at dir, which must not exist or be an
// empty folder outside the case and the folders of evidence (see
// catalog.Case.GuardOutputDir). The bag is made in a hidden folder beside
// dir and renamed to dir only when whole and flushed to disk: when it
// fails or ctx is cancelled, nothing is left. The bag is then recorded as
// an export of kind "bag" (see the package documentation).
func Write(ctx context.Context, c *catalog.Case, dir string, opt Options) (*Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("write bag %s: %w", dir, err)
	}
	if err := c.GuardOutputDir(ctx, abs); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if fi, err := os.Stat(parent); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("write bag %s: there is no folder %s", abs, parent)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".bag-*")
	if err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	w := &writer{ctx: ctx, c: c, root: tmp, opt: opt, sums: map[string]string{}, payload: []payloadEntry{}, res: &Result{Dir: abs, CaseID: c.ID()}}
	if err := w.write(); err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	if err := syncTree(tmp); err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	// An empty folder at abs is replaced; one that got files meanwhile
	// makes the rename fail.
	if err := os.Rename(tmp, abs); err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	done = true
	if err := syncDir(parent); err != nil {
		return nil, fmt.Errorf("write bag %s: %w", abs, err)
	}
	res := w.res
	res.Dir = abs
	// Once the bag is in place it is recorded, even if cancelled
	// meanwhile: nothing written from the case goes unrecorded.
	sheets := append([]string{}, w.sheetNames...)
	e, err := c.RecordExport(context.WithoutCancel(ctx), "bag", filepath.Join(abs, "tagmanifest-sha256.txt"), map[string]any{
		"bag": abs, "case_id": res.CaseID, "chain_head": res.Head.Hash, "chain_count": res.Head.Count,
		"payload_oxum": res.PayloadOxum(), "originals": res.Originals, "reports": res.Reports, "sheets": sheets,
		"missing": len(res.Missing), "signer": res.Signer,
	})
	if err != nil {
		return res, err
	}
	res.Export = e
	return res, nil
}

// writer makes one bag in root.
type writer struct {
	ctx  context.Context
	c    *catalog.Case
	root string
	opt  Options
	res  *Result
	// sums are the payload files written: bag path -> SHA-256.
	sums       map[string]string
	payload    []payloadEntry
	sheetNames []string
	done       int
	total      int
}

// payloadEntry says what a payload file is (data/case/payload.json).
type payloadEntry struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"` // original, report, sheet
	ID     int64  `json:"id,omitempty"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Source string `json:"source,omitempty"`
}

// source is an original or a report to copy.
type source struct {
	kind  string
	id    int64
	sum   string
	paths []string
}

func (w *writer) write() error {
	var originals, reports []source
	if err := w.c.ReadSnapshot(w.ctx, func(s *catalog.Snapshot) error {
		var err error
		originals, reports, err = w.writeCase(s)
		return err
	}); err != nil {
		return err
	}
	// The case files are done; then each original, report and sheet, and
	// at last the manifests and tag files.
	w.total = w.done + len(originals) + len(reports) + len(w.opt.Sheets) + 1
	w.step0()
	for _, o := range originals {
		if err := w.copySource(o, "data/originals/"); err != nil {
			return err
		}
	}
	for _, r := range reports {
		if err := w.copySource(r, "data/reports/"); err != nil {
			return err
		}
	}
	if len(w.res.Missing) > 0 && !w.opt.AllowMissing {
		var b strings.Builder
		for _, m := range w.res.Missing {
			fmt.Fprintf(&b, "\n%s %d (SHA-256 %s): %s", m.Kind, m.ID, m.SHA256, m.Reason)
		}
		return fmt.Errorf("%d %w (give --allow-missing to make the bag without them, listed in data/case/missing.json):%s",
			len(w.res.Missing), ErrMissing, b.String())
	}
	if err := w.writeSheets(); err != nil {
		return err
	}
	if len(w.res.Missing) > 0 {
		if err := w.writeJSON("data/case/missing.json", w.res.Missing); err != nil {
			return err
		}
	}
	if err := w.writeJSON("data/case/payload.json", w.payload); err != nil {
		return err
	}
	return w.writeTags()
}

// step tells the progress function one more file is done.
func (w *writer) step() {
	w.done++
	w.step0()
}

// step0 tells the progress function how many files are done, once the
// total is known.
func (w *writer) step0() {
	if w.opt.Progress != nil && w.total > 0 {
		w.opt.Progress(min(w.done, w.total), w.total)
	}
}

// writeCase writes data/case/ from the snapshot s and returns the
// originals and reports to copy.
func (w *writer) writeCase(s *catalog.Snapshot) (originals, reports []source, err error) {
	head, err := s.Head()
	if err != nil {
		return nil, nil, err
	}
	w.res.Head = head
	tables, err := s.TrackedTables()
	if err != nil {
		return nil, nil, err
	}
	byImage := map[int64]*source{}
	var order []int64
	for _, t := range append(tables, "case_info", "keys") {
		err := w.writeFile("data/case/"+t+".json", func(out io.Writer) error {
			enc := newArrayWriter(out)
			err := s.EachRow(t, func(row map[string]any) error {
				switch t {
				case "images":
					id, _ := row["id"].(int64)
					sum, _ := row["sha256"].(string)
					byImage[id] = &source{kind: "original", id: id, sum: sum}
					order = append(order, id)
				case "locations":
					id, _ := row["image_id"].(int64)
					p, _ := row["path"].(string)
					if o := byImage[id]; o != nil && row["gone_at"] == nil {
						o.paths = append(o.paths, p)
					}
				case "reports":
					id, _ := row["id"].(int64)
					sum, _ := row["sha256"].(string)
					p, _ := row["path"].(string)
					reports = append(reports, source{kind: "report", id: id, sum: sum, paths: []string{p}})
				}
				return enc.add(row)
			})
			if err != nil {
				return err
			}
			return enc.close()
		})
		if err != nil {
			return nil, nil, err
		}
		w.step()
	}
	if !slices.Contains(tables, "images") || !slices.Contains(tables, "locations") {
		return nil, nil, errors.New("the case has no images or locations table")
	}
	for _, id := range order {
		originals = append(originals, *byImage[id])
	}
	err = w.writeFile("data/case/audit.jsonl", func(out io.Writer) error {
		enc := newLineWriter(out)
		return s.EachAudit(func(r *catalog.AuditRecord) error { return enc.add(r) })
	})
	if err != nil {
		return nil, nil, err
	}
	w.step()
	err = w.writeFile("data/case/checkpoints.jsonl", func(out io.Writer) error {
		enc := newLineWriter(out)
		return s.EachRow("checkpoints", func(row map[string]any) error { return enc.add(row) })
	})
	w.step()
	return originals, reports, err
}

// copySource copies an original or a report into dir from the first of
// its paths that holds the bytes cataloged, or notes it missing.
func (w *writer) copySource(src source, dir string) error {
	defer w.step()
	if len(src.paths) == 0 {
		w.res.Missing = append(w.res.Missing, Missing{Kind: src.kind, ID: src.id, SHA256: src.sum, Paths: []string{},
			Reason: "no file at any of its paths (moved or deleted; import its new folder to find it again)"})
		return nil
	}
	var why []string
	for _, p := range src.paths {
		name := dir + w.uniqueName(dir, prefix(src.sum)+"_"+safeName(filepath.Base(p)))
		sum, size, err := w.copyFile(name, p, src.sum)
		if err != nil {
			if w.ctx.Err() != nil {
				return w.ctx.Err()
			}
			why = append(why, p+": "+err.Error())
			continue
		}
		w.payload = append(w.payload, payloadEntry{Path: name, Kind: src.kind, ID: src.id, SHA256: sum, Size: size, Source: p})
		switch src.kind {
		case "original":
			w.res.Originals++
		default:
			w.res.Reports++
		}
		return nil
	}
	w.res.Missing = append(w.res.Missing, Missing{Kind: src.kind, ID: src.id, SHA256: src.sum, Paths: src.paths, Reason: strings.Join(why, "; ")})
	return nil
}

// prefix is the start of a SHA-256 that names a file in the bag.
func prefix(sum string) string { return sum[:min(16, len(sum))] }

// uniqueName returns name, or name with a number, so that no two files of
// dir share a name.
func (w *writer) uniqueName(dir, name string) string {
	n := name
	for i := 2; ; i++ {
		if _, taken := w.sums[dir+n]; !taken {
			return n
		}
		ext := filepath.Ext(name)
		n = strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(i) + ext
	}
}

// copyFile copies the regular file at from to the bag path name, and
// keeps it only when its SHA-256 is want.
func (w *writer) copyFile(name, from, want string) (string, int64, error) {
	f, _, err := regular.Open(from)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	var size int64
	err = w.writeFile(name, func(out io.Writer) error {
		n, err := io.Copy(out, f)
		size = n
		return err
	})
	if err != nil {
		return "", 0, err
	}
	if got := w.sums[name]; got != want {
		delete(w.sums, name)
		os.Remove(filepath.Join(w.root, filepath.FromSlash(name)))
		return "", 0, fmt.Errorf("its SHA-256 is now %s, not the cataloged one", got)
	}
	return want, size, nil
}

// writeSheets writes the sheets asked for into data/sheets/.
func (w *writer) writeSheets() error {
	for _, s := range w.opt.Sheets {
		name := s.Name
		if name == "" {
			name = filepath.Base(s.Path)
		}
		bagPath := "data/sheets/" + w.uniqueName("data/sheets/", safeName(name))
		write := s.Write
		if write == nil {
			write = func(out io.Writer) error {
				f, _, err := regular.Open(s.Path)
				if err != nil {
					return err
				}
				defer f.Close()
				_, err = io.Copy(out, f)
				return err
			}
		}
		var size int64
		err := w.writeFile(bagPath, func(out io.Writer) error {
			cw := &countWriter{w: out}
			err := write(cw)
			size = cw.n
			return err
		})
		if err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
		w.payload = append(w.payload, payloadEntry{Path: bagPath, Kind: "sheet", SHA256: w.sums[bagPath], Size: size, Source: s.Path})
		w.sheetNames = append(w.sheetNames, bagPath)
		w.res.Sheets++
		w.step()
	}
	return nil
}

// writeTags writes the manifest, the signature and the tag files.
func (w *writer) writeTags() error {
	paths := slices.Sorted(maps.Keys(w.sums))
	var octets int64
	for _, p := range paths {
		fi, err := os.Stat(filepath.Join(w.root, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		octets += fi.Size()
	}
	w.res.Files, w.res.Bytes = len(paths), octets
	manifest := manifestText(paths, w.sums)
	msum := sha256.Sum256(manifest)
	signer := w.c.Signer()
	at := w.opt.Now().UTC().Format(time.RFC3339)
	msg := SignedMessage(w.res.CaseID, w.res.Head.Count, w.res.Head.Hash, at, hex.EncodeToString(msum[:]))
	sig := signer.Sign(msg)
	w.res.Signer = signer.Fingerprint()
	software := w.opt.Software
	if software == "" {
		software = "exhibit"
	}
	info := []string{
		"Bag-Software-Agent: " + software,
		"Bagging-Date: " + w.opt.Now().Format("2006-01-02"),
		"Payload-Oxum: " + w.res.PayloadOxum(),
		"External-Identifier: exhibit-case:" + w.res.CaseID,
		LabelCaseID + ": " + w.res.CaseID,
		LabelCaseName + ": " + oneLine(w.c.Name()),
		LabelChainCount + ": " + strconv.FormatInt(w.res.Head.Count, 10),
		LabelChainHead + ": " + w.res.Head.Hash,
		LabelSignedAt + ": " + at,
		LabelSigner + ": " + w.res.Signer,
		LabelSignature + ": " + base64.StdEncoding.EncodeToString(sig),
		LabelOriginals + ": " + strconv.Itoa(w.res.Originals),
		LabelReports + ": " + strconv.Itoa(w.res.Reports),
		LabelSheets + ": " + strconv.Itoa(w.res.Sheets),
	}
	if len(w.res.Missing) > 0 {
		info = append(info, LabelMissing+": "+strconv.Itoa(len(w.res.Missing)))
	}
	tags := map[string][]byte{
		"bagit.txt":           []byte("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"),
		"bag-info.txt":        []byte(strings.Join(info, "\n") + "\n"),
		"manifest-sha256.txt": manifest,
		SignerFile:            signer.PublicKeyPEM(),
		SignedFile:            msg,
	}
	tagSums := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(tags)) {
		if err := writeSynced(filepath.Join(w.root, name), tags[name]); err != nil {
			return err
		}
		s := sha256.Sum256(tags[name])
		tagSums[name] = hex.EncodeToString(s[:])
	}
	tm := manifestText(slices.Sorted(maps.Keys(tagSums)), tagSums)
	if err := writeSynced(filepath.Join(w.root, "tagmanifest-sha256.txt"), tm); err != nil {
		return err
	}
	s := sha256.Sum256(tm)
	w.res.TagManifest = hex.EncodeToString(s[:])
	w.step()
	return nil
}

// manifestText returns manifest lines ("<sha256>  <path>") for paths.
func manifestText(paths []string, sums map[string]string) []byte {
	var b strings.Builder
	for _, p := range paths {
		b.WriteString(sums[p] + "  " + EncodePath(p) + "\n")
	}
	return []byte(b.String())
}

// oneLine puts s on one line, as a bag-info value must be.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// writeFile writes the payload file at bag path name through fill,
// hashing it, flushed to disk; ctx is checked as it goes.
func (w *writer) writeFile(name string, fill func(io.Writer) error) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	full := filepath.Join(w.root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	bw := &ctxWriter{ctx: w.ctx, w: io.MultiWriter(f, h)}
	err = fill(bw)
	if err == nil {
		err = bw.flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(full)
		return fmt.Errorf("write %s: %w", name, err)
	}
	w.sums[name] = hex.EncodeToString(h.Sum(nil))
	return nil
}

// writeSynced writes a tag file, flushed to disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncTree flushes every folder under root (files are flushed as written).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return syncDir(p)
		}
		return nil
	})
}

// syncDir flushes a folder's entries to disk.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("flush %s: %w", dir, err)
	}
	return nil
}

// writeJSON writes v, indented, as the payload file at bag path name.
func (w *writer) writeJSON(name string, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return w.writeFile(name, func(out io.Writer) error {
		_, err := out.Write(append(b, '\n'))
		return err
	})
}
