// Package manifest makes and reads the signed manifests that exported
// files carry, so that anyone holding such a file can check it without
// Exhibit: what it shows (each original's SHA-256, size, file name and
// pixel size; each quoted excerpt's report file, page, paragraph and the
// SHA-256 of the text as printed; the content hashes of the marks and of
// the alignment), which case it comes from and how far that case's audit
// chain went when it was made, signed with the exporting user's Ed25519
// key.
//
// A PDF sheet carries three embedded files (PDF attachments):
// manifest.json, manifest.json.sig (the raw 64-byte Ed25519 signature of
// manifest.json's exact bytes) and signer.pem (the public key,
// SubjectPublicKeyInfo PEM), so that
//
//	pdfdetach -saveall sheet.pdf
//	openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json -sigfile manifest.json.sig
//
// checks it. A PNG render carries the same three as text chunks before
// its IEND chunk (see png.go). The package imports no Fyne.
package manifest

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/exhibit-app/exhibit/catalog"
)

// Format names this form of manifest; a later form gets another name.
const Format = "exhibit-manifest/1"

// The names of the three files a sheet carries.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.sig"
	SignerName    = "signer.pem"
)

// Manifest says what an exported file shows and where it comes from. Its
// JSON field names are a contract, like the command line's --json.
type Manifest struct {
	Format string `json:"format"`
	CaseID string `json:"case_id"`
	// CaseName is the case folder's name, without ".exhibit".
	CaseName string `json:"case_name"`
	// Kind is the export's kind: "sheet" (PDF) or "png".
	Kind string `json:"kind"`
	// ExportID is the export's record in the case (the exports table).
	ExportID int64 `json:"export_id"`
	// FileName is the name the file was written under.
	FileName string `json:"file_name"`
	// ExportedAt is the export time, as printed on the sheet (RFC 3339).
	ExportedAt string `json:"exported_at"`
	// ExportedBy is "user@computer, program".
	ExportedBy string `json:"exported_by"`
	// ChainHead is the case's audit chain when the export began (its
	// record of the export's start included).
	ChainHead ChainHead `json:"chain_head"`
	// Signer is the fingerprint of the key that signed the manifest: the
	// SHA-256, in hex, of its SubjectPublicKeyInfo DER.
	Signer string `json:"signer"`
	// Items is one entry per sheet of a PDF, one for a PNG render.
	Items []Item `json:"items"`
}

// ChainHead is the newest entry of the case's audit chain: its hash and
// its place (how many entries the chain held).
type ChainHead struct {
	Hash  string `json:"hash"`
	Count int64  `json:"count"`
}

// Item is one sheet (or the picture of a PNG render): its images, its
// excerpts, its marks and its alignment.
type Item struct {
	Title string `json:"title"`
	// Pair is the pair shown (nil for an image alone).
	Pair      *int64     `json:"pair"`
	Images    []Image    `json:"images"`
	Excerpts  []Excerpt  `json:"excerpts"`
	Marks     []Mark     `json:"marks"`
	Alignment *Alignment `json:"alignment"`
	// Site is the site of a site sheet (absent on other sheets), and
	// Window its window in the words printed.
	Site   *int64 `json:"site,omitempty"`
	Window string `json:"window,omitempty"`
}

// Image is an original shown.
type Image struct {
	// Role is "before", "after" or "image".
	Role    string `json:"role"`
	ImageID int64  `json:"image_id"`
	SHA256  string `json:"sha256"`
	Size    int64  `json:"size"`
	// FileName is the original's file name, as printed.
	FileName string `json:"file_name"`
	// Width and Height are the original's pixel size as stored in its
	// file (before its EXIF orientation is applied).
	Width       int `json:"width"`
	Height      int `json:"height"`
	Orientation int `json:"orientation"`
}

// Excerpt is a quoted report excerpt.
type Excerpt struct {
	ExcerptID   int64  `json:"excerpt_id"`
	ReportID    int64  `json:"report_id"`
	ReportTitle string `json:"report_title"`
	// ReportSHA256 is the SHA-256 of the report file the excerpt was read
	// from.
	ReportSHA256 string `json:"report_sha256"`
	// Page and PageEnd are the PDF pages; null for reports without pages
	// (text, Markdown, HTML): never a page number made up.
	Page      *int `json:"page"`
	PageEnd   *int `json:"page_end"`
	Paragraph int  `json:"paragraph"`
	// TextSHA256 is the SHA-256 of the quoted text exactly as printed
	// (UTF-8, without the quotation marks around it).
	TextSHA256 string `json:"text_sha256"`
}

// Mark is an annotation drawn, by its content hash (see MarkSHA256).
type Mark struct {
	MarkID  int64  `json:"mark_id"`
	ImageID int64  `json:"image_id"`
	SHA256  string `json:"sha256"`
}

// Alignment is a pair's alignment, by its content hash (see
// AlignmentSHA256).
type Alignment struct {
	PairID int64  `json:"pair_id"`
	SHA256 string `json:"sha256"`
}

// New starts the manifest of export e of case c, written at at: the
// case, the export, its author and the audit chain's head; the items are
// added by the caller.
func New(ctx context.Context, c *catalog.Case, e *catalog.ExportRun, fileName string, at time.Time) (*Manifest, error) {
	head, err := c.ChainHead(ctx)
	if err != nil {
		return nil, fmt.Errorf("make the manifest: %w", err)
	}
	return &Manifest{Format: Format, CaseID: c.ID(), CaseName: c.Name(), Kind: e.Kind, ExportID: e.ID, FileName: fileName,
		ExportedAt: at.Format(time.RFC3339), ExportedBy: c.Actor(), ChainHead: ChainHead{Hash: head.Hash, Count: head.Count},
		Items: []Item{}}, nil
}

// ImageOf describes an original shown in role.
func ImageOf(role string, im *catalog.Image, fileName string) Image {
	return Image{Role: role, ImageID: im.ID, SHA256: im.SHA256, Size: im.Size, FileName: fileName,
		Width: im.Width, Height: im.Height, Orientation: im.Orientation}
}

// MarkOf describes an annotation by its content hash.
func MarkOf(a *catalog.Annotation) Mark {
	return Mark{MarkID: a.ID, ImageID: a.ImageID, SHA256: MarkSHA256(a)}
}

// AlignmentOf describes a pair's alignment by its content hash; nil when
// the pair is not aligned.
func AlignmentOf(pairID int64, a *catalog.Alignment) *Alignment {
	if a == nil {
		return nil
	}
	return &Alignment{PairID: pairID, SHA256: AlignmentSHA256(pairID, a)}
}

// ExcerptOf describes an excerpt read from the report file reportSHA256,
// printed as printed.
func ExcerptOf(e *catalog.Excerpt, reportSHA256, printed string) Excerpt {
	return Excerpt{ExcerptID: e.ID, ReportID: e.ReportID, ReportTitle: e.ReportTitle, ReportSHA256: reportSHA256,
		Page: pageOrNil(e.Page), PageEnd: pageOrNil(e.PageEnd), Paragraph: e.Paragraph, TextSHA256: TextSHA256(printed)}
}

// pageOrNil is nil for the page 0 of a report without pages.
func pageOrNil(p int) *int {
	if p <= 0 {
		return nil
	}
	return &p
}

// Sealed is a manifest signed, in the three files an export carries.
type Sealed struct {
	Manifest *Manifest
	// JSON is manifest.json exactly as signed.
	JSON []byte
	// Signature is the raw Ed25519 signature of JSON (64 bytes).
	Signature []byte
	// PublicKeyPEM is the signer's public key (signer.pem).
	PublicKeyPEM []byte
	// SHA256 is the SHA-256 of JSON, in hex; KeyFingerprint the signer's.
	SHA256, KeyFingerprint string
}

// Seal signs m with s (setting m.Signer).
func Seal(m *Manifest, s *catalog.Signer) (*Sealed, error) {
	m.Signer = s.Fingerprint()
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("sign the manifest: %w", err)
	}
	b = append(b, '\n')
	sum := sha256.Sum256(b)
	return &Sealed{Manifest: m, JSON: b, Signature: s.Sign(b), PublicKeyPEM: s.PublicKeyPEM(),
		SHA256: hex.EncodeToString(sum[:]), KeyFingerprint: s.Fingerprint()}, nil
}

// Carried is what an exported file carries: the manifest, its signature
// and the signer's key, as found (nothing checked yet).
type Carried struct {
	JSON, Signature, PublicKeyPEM []byte
}

// ErrNoManifest is wrapped when a file carries no manifest, or only part.
var ErrNoManifest = errors.New("no signed manifest")

// ErrBadSignature is wrapped when the signature does not match the
// manifest and the key it carries.
var ErrBadSignature = errors.New("the signature does not match the manifest")

// Verify checks the signature of the manifest against the key carried,
// and reads the manifest. It returns the key's fingerprint.
func (cr *Carried) Verify() (*Manifest, string, error) {
	switch {
	case len(cr.JSON) == 0:
		return nil, "", fmt.Errorf("%w: %s is missing", ErrNoManifest, ManifestName)
	case len(cr.Signature) == 0:
		return nil, "", fmt.Errorf("%w: %s is missing", ErrNoManifest, SignatureName)
	case len(cr.PublicKeyPEM) == 0:
		return nil, "", fmt.Errorf("%w: %s is missing", ErrNoManifest, SignerName)
	}
	pub, err := catalog.ParsePublicKeyPEM(cr.PublicKeyPEM)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", SignerName, err)
	}
	fp := catalog.KeyFingerprint(pub)
	if len(cr.Signature) != ed25519.SignatureSize || !ed25519.Verify(pub, cr.JSON, cr.Signature) {
		return nil, fp, fmt.Errorf("%w (signer %s)", ErrBadSignature, fp)
	}
	var m Manifest
	if err := json.Unmarshal(cr.JSON, &m); err != nil {
		return nil, fp, fmt.Errorf("read %s: %w", ManifestName, err)
	}
	if m.Format != Format {
		return nil, fp, fmt.Errorf("read %s: format %q, this Exhibit reads %q", ManifestName, m.Format, Format)
	}
	if m.Signer != fp {
		return &m, fp, fmt.Errorf("%s names signer %s but carries key %s", ManifestName, m.Signer, fp)
	}
	return &m, fp, nil
}

// SHA256 returns the SHA-256 of the manifest's bytes, in hex.
func (cr *Carried) SHA256() string {
	sum := sha256.Sum256(cr.JSON)
	return hex.EncodeToString(sum[:])
}
