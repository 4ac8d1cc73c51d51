package manifest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ledongthuc/pdf"
)

// maxAttachment bounds what is read of an embedded file: a manifest is
// small, and a hostile PDF may declare anything.
const maxAttachment = 16 << 20

// FromPDF reads the manifest's three embedded files of a PDF (the
// document's EmbeddedFiles name tree).
func FromPDF(path string) (cr *Carried, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read PDF %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read PDF %s: %w", path, err)
	}
	// The PDF reader panics on some malformed files.
	defer func() {
		if r := recover(); r != nil {
			cr, err = nil, fmt.Errorf("read PDF %s: malformed: %v", path, r)
		}
	}()
	r, err := pdf.NewReader(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("read PDF %s: %w", path, err)
	}
	files := map[string][]byte{}
	tree := r.Trailer().Key("Root").Key("Names").Key("EmbeddedFiles")
	if err := walkNames(tree, files, 0); err != nil {
		return nil, fmt.Errorf("read PDF %s: %w", path, err)
	}
	return &Carried{JSON: files[ManifestName], Signature: files[SignatureName], PublicKeyPEM: files[SignerName]}, nil
}

// walkNames reads the embedded files of a name tree node into files, by
// file name.
func walkNames(node pdf.Value, files map[string][]byte, depth int) error {
	if depth > 16 {
		return errors.New("the embedded files' name tree is too deep")
	}
	kids := node.Key("Kids")
	for i := 0; i < kids.Len(); i++ {
		if err := walkNames(kids.Index(i), files, depth+1); err != nil {
			return err
		}
	}
	names := node.Key("Names")
	for i := 0; i+1 < names.Len(); i += 2 {
		spec := names.Index(i + 1)
		name := spec.Key("UF").Text()
		if name == "" {
			name = spec.Key("F").Text()
		}
		if name != ManifestName && name != SignatureName && name != SignerName {
			continue
		}
		if _, dup := files[name]; dup {
			return fmt.Errorf("two embedded files are named %s", name)
		}
		rc := spec.Key("EF").Key("F").Reader()
		b, err := io.ReadAll(io.LimitReader(rc, maxAttachment+1))
		rc.Close()
		if err != nil {
			return fmt.Errorf("embedded file %s: %w", name, err)
		}
		if len(b) > maxAttachment {
			return fmt.Errorf("embedded file %s: larger than %d bytes", name, maxAttachment)
		}
		files[name] = b
	}
	return nil
}

// Kind says what an exported file is, from its first bytes: "pdf", "png",
// or "" for anything else.
func Kind(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(bufio.NewReader(f), head)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf", nil
	case bytes.Equal(head, pngSignature):
		return "png", nil
	}
	return "", nil
}

// FromFile reads the manifest a PDF or PNG file carries.
func FromFile(path string) (*Carried, error) {
	kind, err := Kind(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	switch kind {
	case "pdf":
		return FromPDF(path)
	case "png":
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		defer f.Close()
		cr, err := FromPNG(bufio.NewReaderSize(f, 1<<16))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return cr, nil
	}
	return nil, fmt.Errorf("%s: %w: neither a PDF nor a PNG file", path, ErrNoManifest)
}
