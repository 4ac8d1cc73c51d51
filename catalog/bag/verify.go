package bag

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/exhibit-app/exhibit/catalog"
	"github.com/exhibit-app/exhibit/catalog/internal/regular"
)

// ErrNotBag is wrapped when Verify is given a folder without bagit.txt.
var ErrNotBag = errors.New("not a bag")

// Problem is one thing wrong with a bag.
type Problem struct {
	// Path is the bag's file it is about, relative to the bag, slash
	// separated ("" for the bag as a whole).
	Path    string `json:"path"`
	Problem string `json:"problem"`
}

// String gives the problem with its file.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Problem
	}
	return p.Path + ": " + p.Problem
}

// Report is what Verify found in a bag.
type Report struct {
	Dir string
	// Files is how many payload files the manifest lists; PayloadOxum
	// the payload as counted (octets.count).
	Files       int
	PayloadOxum string
	CaseID      string
	ChainCount  int64
	ChainHead   string
	// Signer is the fingerprint of the bag's public key.
	Signer string
	// Entries is how many chained audit entries were checked.
	Entries  int
	Problems []Problem
}

// hashes are the manifest algorithms Verify checks.
var hashes = map[string]func() hash.Hash{"sha256": sha256.New, "sha512": sha512.New}

// Verify validates the bag at dir, as RFC 8493 says and as Exhibit writes
// it: bagit.txt; every manifest line's file there with that hash; no
// payload file left out of the manifest; Payload-Oxum; the tag manifest;
// the signature in bag-info.txt, by exhibit-signer.pem, over the case, the
// chain's head and the payload manifest; and the audit chain in
// data/case/audit.jsonl, each entry's hash recomputed and linked to the
// one before, up to the signed head, with the checkpoints signed by keys
// of the case. Every problem found is in the report; the error is for a
// bag that cannot be read at all, or ctx cancelled. progress, when set, is
// told after each file hashed.
func Verify(ctx context.Context, dir string, progress func(done, total int)) (*Report, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("verify bag %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("verify bag %s: not a folder", dir)
	}
	if _, err := os.Lstat(filepath.Join(dir, "bagit.txt")); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("verify %s: %w: it has no bagit.txt", dir, ErrNotBag)
	}
	v := &verifier{ctx: ctx, dir: dir, rep: &Report{Dir: dir}, progress: progress}
	if err := v.run(); err != nil {
		return nil, fmt.Errorf("verify bag %s: %w", dir, err)
	}
	return v.rep, nil
}

type verifier struct {
	ctx         context.Context
	dir         string
	rep         *Report
	progress    func(done, total int)
	done, total int
	info        map[string][]string
	payload     map[string]string // manifest-sha256.txt: path -> sum
}

func (v *verifier) problem(path, format string, args ...any) {
	v.rep.Problems = append(v.rep.Problems, Problem{Path: path, Problem: fmt.Sprintf(format, args...)})
}

// file returns the path of the bag's file rel (slash separated).
func (v *verifier) file(rel string) string { return filepath.Join(v.dir, filepath.FromSlash(rel)) }

func (v *verifier) run() error {
	v.bagit()
	v.info = v.readInfo()
	payload, tags := v.readManifests()
	for _, m := range payload {
		v.total += len(m.lines)
	}
	for _, m := range tags {
		v.total += len(m.lines)
	}
	for _, m := range payload {
		if err := v.checkManifest(m); err != nil {
			return err
		}
	}
	if err := v.completeness(payload); err != nil {
		return err
	}
	for _, m := range tags {
		if err := v.checkManifest(m); err != nil {
			return err
		}
	}
	v.tagsCovered(tags)
	v.signature()
	v.chain()
	v.payloadIndex()
	return v.ctx.Err()
}

// bagit checks bagit.txt.
func (v *verifier) bagit() {
	b, err := os.ReadFile(v.file("bagit.txt"))
	if err != nil {
		v.problem("bagit.txt", "cannot be read: %v", unwrapPath(err))
		return
	}
	tags := parseTags(b)
	if got := first(tags, "BagIt-Version"); got != "1.0" {
		v.problem("bagit.txt", "BagIt-Version is %q, want 1.0", got)
	}
	if got := first(tags, "Tag-File-Character-Encoding"); got != "UTF-8" {
		v.problem("bagit.txt", "Tag-File-Character-Encoding is %q, want UTF-8", got)
	}
	if len(tags) != 2 {
		v.problem("bagit.txt", "holds %d labels, want exactly BagIt-Version and Tag-File-Character-Encoding", len(tags))
	}
}

// readInfo reads bag-info.txt.
func (v *verifier) readInfo() map[string][]string {
	b, err := os.ReadFile(v.file("bag-info.txt"))
	if err != nil {
		v.problem("bag-info.txt", "cannot be read: %v", unwrapPath(err))
		return map[string][]string{}
	}
	return parseTags(b)
}

// parseTags reads "Label: value" lines, a line starting with a space or
// a tab continuing the value before (RFC 8493 2.2.2).
func parseTags(b []byte) map[string][]string {
	out := map[string][]string{}
	var last string
	for _, line := range lines(b) {
		if line == "" {
			continue
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			vals := out[last]
			vals[len(vals)-1] += " " + strings.TrimSpace(line)
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		last = strings.TrimSpace(label)
		out[last] = append(out[last], strings.TrimSpace(value))
	}
	return out
}

// first returns the first value of label ("" when none).
func first(tags map[string][]string, label string) string {
	if vs := tags[label]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// lines splits a tag file into lines (LF, CRLF or CR).
func lines(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// manifest is one manifest file, read.
type manifest struct {
	name  string // manifest-sha256.txt
	alg   string
	tag   bool
	lines []manifestLine
	sums  map[string]string
}

type manifestLine struct{ path, sum string }

// readManifests reads the payload and tag manifests of the bag.
func (v *verifier) readManifests() (payload, tags []*manifest) {
	entries, err := os.ReadDir(v.dir)
	if err != nil {
		v.problem("", "cannot list the bag: %v", unwrapPath(err))
		return nil, nil
	}
	for _, e := range entries {
		name := e.Name()
		tag := strings.HasPrefix(name, "tagmanifest-")
		if !strings.HasSuffix(name, ".txt") || !(tag || strings.HasPrefix(name, "manifest-")) {
			continue
		}
		alg := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(name, "tag"), "manifest-"), ".txt")
		if hashes[alg] == nil {
			v.problem(name, "algorithm %q is not one Exhibit checks (sha256, sha512)", alg)
			continue
		}
		m := &manifest{name: name, alg: alg, tag: tag, sums: map[string]string{}}
		b, err := os.ReadFile(v.file(name))
		if err != nil {
			v.problem(name, "cannot be read: %v", unwrapPath(err))
			continue
		}
		for i, line := range lines(b) {
			// "<checksum>", one or more spaces or tabs, "<path>".
			cut := strings.IndexAny(line, " \t")
			if cut <= 0 {
				v.problem(name, "line %d is not \"<checksum> <path>\": %q", i+1, line)
				continue
			}
			sum, p := line[:cut], DecodePath(strings.TrimLeft(line[cut:], " \t"))
			if p == "" {
				v.problem(name, "line %d is not \"<checksum> <path>\": %q", i+1, line)
				continue
			}
			if why := badPath(p, tag); why != "" {
				v.problem(name, "line %d: %q %s", i+1, p, why)
				continue
			}
			if _, dup := m.sums[p]; dup {
				v.problem(name, "line %d: %s is listed twice", i+1, p)
				continue
			}
			m.sums[p] = strings.ToLower(sum)
			m.lines = append(m.lines, manifestLine{path: p, sum: strings.ToLower(sum)})
		}
		if tag {
			tags = append(tags, m)
		} else {
			payload = append(payload, m)
			if alg == "sha256" {
				v.payload = m.sums
			}
		}
	}
	if v.payload == nil {
		v.problem("manifest-sha256.txt", "missing: the bag has no SHA-256 payload manifest")
	}
	return payload, tags
}

// badPath says why p cannot be a manifest's path ("" when it can).
func badPath(p string, tag bool) string {
	switch {
	case strings.HasPrefix(p, "/") || filepath.IsAbs(p):
		return "is an absolute path"
	case slices.Contains(strings.Split(p, "/"), ".."):
		return "leads out of the bag"
	case path.Clean(p) != p:
		return "is not a clean path"
	case tag && (p == "data" || strings.HasPrefix(p, "data/")):
		return "is a payload file in a tag manifest"
	case !tag && !strings.HasPrefix(p, "data/"):
		return "is outside data/"
	}
	return ""
}

// checkManifest hashes every file m lists.
func (v *verifier) checkManifest(m *manifest) error {
	for _, l := range m.lines {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		got, err := hashFile(v.file(l.path), hashes[m.alg])
		v.done++
		if v.progress != nil {
			v.progress(v.done, v.total)
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			v.problem(l.path, "listed in %s but missing", m.name)
		case err != nil:
			v.problem(l.path, "cannot be read: %v", unwrapPath(err))
		case got != l.sum:
			v.problem(l.path, "its %s is %s, not %s as %s says: the file was changed", algName(m.alg), got, l.sum, m.name)
		}
	}
	return nil
}

// completeness checks that every payload file is in every payload
// manifest, and the Payload-Oxum.
func (v *verifier) completeness(payload []*manifest) error {
	var octets int64
	var count int
	root := v.file("data")
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		v.problem("data", "missing: the bag has no payload folder")
		return nil
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			v.problem("", "cannot read %s: %v", p, unwrapPath(err))
			return nil
		}
		if d.IsDir() {
			return v.ctx.Err()
		}
		rel, _ := filepath.Rel(v.dir, p)
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() {
			v.problem(rel, "is not a regular file")
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			v.problem(rel, "cannot be read: %v", unwrapPath(err))
			return nil
		}
		octets += fi.Size()
		count++
		for _, m := range payload {
			if _, ok := m.sums[rel]; !ok {
				v.problem(rel, "not listed in %s: a file added to the payload", m.name)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	v.rep.Files = len(v.payload)
	v.rep.PayloadOxum = strconv.FormatInt(octets, 10) + "." + strconv.Itoa(count)
	switch got := first(v.info, "Payload-Oxum"); got {
	case "":
		v.problem("bag-info.txt", "no Payload-Oxum")
	case v.rep.PayloadOxum:
	default:
		v.problem("bag-info.txt", "Payload-Oxum is %s but the payload holds %s (octets.count)", got, v.rep.PayloadOxum)
	}
	return nil
}

// tagsCovered checks that the tags Exhibit writes are in the SHA-256 tag
// manifest: else they could be changed unseen.
func (v *verifier) tagsCovered(tags []*manifest) {
	var m *manifest
	for _, t := range tags {
		if t.alg == "sha256" {
			m = t
		}
	}
	if m == nil {
		v.problem("tagmanifest-sha256.txt", "missing: the tag files are not protected")
		return
	}
	for _, name := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt", SignerFile, SignedFile} {
		if _, ok := m.sums[name]; !ok {
			v.problem(name, "not listed in tagmanifest-sha256.txt")
		}
	}
}

// signature checks the bag's signature and the labels it covers.
func (v *verifier) signature() {
	info := v.info
	v.rep.CaseID = first(info, LabelCaseID)
	v.rep.ChainHead = first(info, LabelChainHead)
	count, err := strconv.ParseInt(first(info, LabelChainCount), 10, 64)
	if err != nil {
		v.problem("bag-info.txt", "%s is %q, not a number", LabelChainCount, first(info, LabelChainCount))
	}
	v.rep.ChainCount = count
	for _, l := range []string{LabelCaseID, LabelChainHead, LabelSignedAt, LabelSignature} {
		if first(info, l) == "" {
			v.problem("bag-info.txt", "no %s", l)
		}
	}
	if got, want := first(info, "External-Identifier"), "exhibit-case:"+v.rep.CaseID; got != want {
		v.problem("bag-info.txt", "External-Identifier is %q, want %q", got, want)
	}
	pemBytes, err := os.ReadFile(v.file(SignerFile))
	if err != nil {
		v.problem(SignerFile, "cannot be read: %v", unwrapPath(err))
		return
	}
	pub, err := catalog.ParsePublicKeyPEM(pemBytes)
	if err != nil {
		v.problem(SignerFile, "%v", err)
		return
	}
	v.rep.Signer = catalog.KeyFingerprint(pub)
	if got := first(info, LabelSigner); got != v.rep.Signer {
		v.problem("bag-info.txt", "%s is %q but %s holds the key %s", LabelSigner, got, SignerFile, v.rep.Signer)
	}
	manifest, err := os.ReadFile(v.file("manifest-sha256.txt"))
	if err != nil {
		return // said already
	}
	msum := sha256.Sum256(manifest)
	msg := SignedMessage(v.rep.CaseID, count, v.rep.ChainHead, first(info, LabelSignedAt), hex.EncodeToString(msum[:]))
	sig, err := base64.StdEncoding.DecodeString(first(info, LabelSignature))
	if err != nil || len(sig) != ed25519.SignatureSize {
		v.problem("bag-info.txt", "%s is not a base64 Ed25519 signature", LabelSignature)
	} else if !ed25519.Verify(pub, msg, sig) {
		v.problem("bag-info.txt", "the signature does not verify with %s: the payload manifest, the case, the chain's head or the signing time was changed since the bag was signed", SignerFile)
	}
	if b, err := os.ReadFile(v.file(SignedFile)); err != nil {
		v.problem(SignedFile, "cannot be read: %v", unwrapPath(err))
	} else if !bytes.Equal(b, msg) {
		v.problem(SignedFile, "is not what bag-info.txt and manifest-sha256.txt say was signed")
	}
}

// chainFile is where the audit chain is in a bag.
const chainFile = "data/case/audit.jsonl"

// chain checks the audit chain: each entry's hash, its link to the one
// before, up to the signed head; the entries' and checkpoints' keys.
func (v *verifier) chain() {
	keys := v.readKeys()
	b, err := os.ReadFile(v.file(chainFile))
	if err != nil {
		v.problem(chainFile, "cannot be read: %v", unwrapPath(err))
		return
	}
	var prev string
	var seq int64
	bySeq := map[int64]string{}
	unknownKeys := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		var r catalog.AuditRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			v.problem(chainFile, "line %d is not an audit entry: %v", n, err)
			continue
		}
		if r.Hash == nil || *r.Hash == "" {
			continue // written before the chain began
		}
		seq++
		at := fmt.Sprintf("line %d (entry %d)", n, r.ID)
		if r.Seq == nil || *r.Seq != seq {
			v.problem(chainFile, "%s: its place in the chain is %s, want %d: an entry was removed, added or moved", at, seqString(r.Seq), seq)
		}
		if r.Prev == nil || *r.Prev != prev {
			v.problem(chainFile, "%s: it does not follow the entry before (prev %s, want %s): an entry was removed, added or moved", at, strOrNull(r.Prev), orNone(prev))
		}
		if got := catalog.RowsDigest(r.Rows); got != r.RowsDigest {
			v.problem(chainFile, "%s: its rows digest to %s, not %s: its rows were changed", at, orNone(got), orNone(r.RowsDigest))
		}
		if got := catalog.EntryHash(&r); got != *r.Hash {
			v.problem(chainFile, "%s: its content hashes to %s, not %s: the entry was changed", at, got, *r.Hash)
		}
		if keys != nil && keys[r.Key] == nil && !unknownKeys[r.Key] {
			unknownKeys[r.Key] = true
			v.problem(chainFile, "%s: written with key %s, which keys.json does not hold", at, orNone(r.Key))
		}
		bySeq[seq] = *r.Hash
		prev = *r.Hash
	}
	if err := sc.Err(); err != nil {
		v.problem(chainFile, "cannot be read: %v", err)
	}
	v.rep.Entries = int(seq)
	if seq != v.rep.ChainCount || prev != v.rep.ChainHead {
		v.problem(chainFile, "the chain ends at entry %d (%s), but the bag was signed at entry %d (%s)", seq, orNone(prev), v.rep.ChainCount, orNone(v.rep.ChainHead))
	}
	if keys != nil && v.rep.Signer != "" && keys[v.rep.Signer] == nil {
		v.problem(SignerFile, "the key %s is not one of the case's keys (data/case/keys.json)", v.rep.Signer)
	}
	v.checkpoints(keys, bySeq)
}

// readKeys reads data/case/keys.json: fingerprint -> key (nil when it
// cannot be read).
func (v *verifier) readKeys() map[string]ed25519.PublicKey {
	const name = "data/case/keys.json"
	b, err := os.ReadFile(v.file(name))
	if err != nil {
		v.problem(name, "cannot be read: %v", unwrapPath(err))
		return nil
	}
	var rows []struct {
		Fingerprint string `json:"fingerprint"`
		PublicKey   string `json:"public_key"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		v.problem(name, "not a JSON array of keys: %v", err)
		return nil
	}
	keys := map[string]ed25519.PublicKey{}
	for _, r := range rows {
		pub, err := catalog.ParsePublicKeyPEM([]byte(r.PublicKey))
		if err != nil {
			v.problem(name, "key %s: %v", r.Fingerprint, err)
			continue
		}
		if fp := catalog.KeyFingerprint(pub); fp != r.Fingerprint {
			v.problem(name, "key %s: its fingerprint is %s", r.Fingerprint, fp)
			continue
		}
		keys[r.Fingerprint] = pub
	}
	return keys
}

// checkpoints checks each checkpoint's signature, by a key of the case,
// and that it signed an entry of the chain.
func (v *verifier) checkpoints(keys map[string]ed25519.PublicKey, bySeq map[int64]string) {
	const name = "data/case/checkpoints.jsonl"
	b, err := os.ReadFile(v.file(name))
	if err != nil {
		v.problem(name, "cannot be read: %v", unwrapPath(err))
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var cp struct {
			ID        int64  `json:"id"`
			At        string `json:"at"`
			Count     int64  `json:"count"`
			Head      string `json:"head"`
			Key       string `json:"key"`
			Signature string `json:"signature"`
		}
		if err := json.Unmarshal(sc.Bytes(), &cp); err != nil {
			v.problem(name, "line %d is not a checkpoint: %v", n, err)
			continue
		}
		at := fmt.Sprintf("line %d (checkpoint %d)", n, cp.ID)
		if keys != nil {
			sig, err := base64.StdEncoding.DecodeString(cp.Signature)
			switch pub := keys[cp.Key]; {
			case pub == nil:
				v.problem(name, "%s: signed with key %s, which keys.json does not hold", at, orNone(cp.Key))
			case err != nil || !ed25519.Verify(pub, catalog.CheckpointMessage(v.rep.CaseID, cp.Count, cp.Head, cp.At), sig):
				v.problem(name, "%s: its signature does not verify", at)
			}
		}
		if h, ok := bySeq[cp.Count]; !ok || h != cp.Head {
			v.problem(name, "%s: it signed entry %d as %s, but the chain holds %s there", at, cp.Count, cp.Head, orNone(h))
		}
	}
	if err := sc.Err(); err != nil {
		v.problem(name, "cannot be read: %v", err)
	}
}

// payloadIndex checks data/case/payload.json against the manifest, and
// that every image of images.json is in the bag or said missing.
func (v *verifier) payloadIndex() {
	const name = "data/case/payload.json"
	b, err := os.ReadFile(v.file(name))
	if err != nil {
		v.problem(name, "cannot be read: %v", unwrapPath(err))
		return
	}
	var entries []payloadEntry
	if err := json.Unmarshal(b, &entries); err != nil {
		v.problem(name, "not a JSON array of files: %v", err)
		return
	}
	have := map[string]bool{}
	for _, e := range entries {
		if sum, ok := v.payload[e.Path]; v.payload != nil && (!ok || sum != e.SHA256) {
			v.problem(name, "%s %d: %s is not in the manifest with SHA-256 %s", e.Kind, e.ID, e.Path, e.SHA256)
		}
		if e.Kind == "original" {
			have[e.SHA256] = true
		}
	}
	if mb, err := os.ReadFile(v.file("data/case/missing.json")); err == nil {
		var missing []Missing
		if json.Unmarshal(mb, &missing) == nil {
			for _, m := range missing {
				have[m.SHA256] = true
			}
		}
	}
	ib, err := os.ReadFile(v.file("data/case/images.json"))
	if err != nil {
		v.problem("data/case/images.json", "cannot be read: %v", unwrapPath(err))
		return
	}
	var images []struct {
		ID     int64  `json:"id"`
		SHA256 string `json:"sha256"`
	}
	if err := json.Unmarshal(ib, &images); err != nil {
		v.problem("data/case/images.json", "not a JSON array of images: %v", err)
		return
	}
	for _, im := range images {
		if !have[im.SHA256] {
			v.problem("data/case/images.json", "image %d (SHA-256 %s) is neither in data/originals/ nor listed missing", im.ID, im.SHA256)
		}
	}
}

// algName is how messages name a manifest's algorithm: "SHA-256".
func algName(alg string) string {
	if n, ok := strings.CutPrefix(alg, "sha"); ok {
		return "SHA-" + n
	}
	return strings.ToUpper(alg)
}

// hashFile returns the hash, in hex, of the regular file at p.
func hashFile(p string, h func() hash.Hash) (string, error) {
	f, _, err := regular.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	hh := h()
	if _, err := io.Copy(hh, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(hh.Sum(nil)), nil
}

// unwrapPath drops the path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func strOrNull(s *string) string {
	if s == nil {
		return "null"
	}
	return orNone(*s)
}

func seqString(s *int64) string {
	if s == nil {
		return "null"
	}
	return strconv.FormatInt(*s, 10)
}
