package manifest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibit-app/exhibit/catalog"
)

func testSigner(t *testing.T) *catalog.Signer {
	t.Helper()
	s, err := catalog.LoadSignerFrom(filepath.Join(t.TempDir(), "key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testSealed(t *testing.T) *Sealed {
	t.Helper()
	m := &Manifest{Format: Format, CaseID: "c1", Kind: "png", ExportID: 3, FileName: "ünïcode.png", Items: []Item{{Title: "x"}}}
	s, err := Seal(m, testSigner(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPNGWriter: the chunks are inserted before IEND whatever the sizes of
// the writes, the PNG still decodes to the same pixels, every chunk's CRC
// is right, and FromPNG gives back the three files, which verify.
func TestPNGWriter(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255 // opaque: the pixels read back exactly
		}
	}
	var plain bytes.Buffer
	png.Encode(&plain, img)
	s := testSealed(t)
	for _, step := range []int{1, 5, 11, 12, 13, 100, plain.Len()} {
		var out bytes.Buffer
		pw := NewPNGWriter(&out, s)
		b := plain.Bytes()
		for i := 0; i < len(b); i += step {
			pw.Write(b[i:min(i+step, len(b))])
		}
		if err := pw.Close(); err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		got, err := png.Decode(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("step %d: the PNG no longer decodes: %v", step, err)
		}
		if !sameRGBA(got.At(7, 9), img.At(7, 9)) || !sameRGBA(got.At(39, 29), img.At(39, 29)) {
			t.Errorf("step %d: pixels changed", step)
		}
		if !bytes.HasSuffix(out.Bytes(), iend) || out.Len() <= plain.Len() {
			t.Errorf("step %d: %d bytes, IEND last: %v", step, out.Len(), bytes.HasSuffix(out.Bytes(), iend))
		}
		checkAllCRCs(t, out.Bytes())
		cr, err := FromPNG(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if !bytes.Equal(cr.JSON, s.JSON) || !bytes.Equal(cr.Signature, s.Signature) || !bytes.Equal(cr.PublicKeyPEM, s.PublicKeyPEM) {
			t.Errorf("step %d: the files read back differ", step)
		}
		if _, fp, err := cr.Verify(); err != nil || fp != s.KeyFingerprint {
			t.Errorf("step %d: verify: %s %v", step, fp, err)
		}
	}
	// A stream that does not end with IEND is refused, not patched.
	pw := NewPNGWriter(&bytes.Buffer{}, s)
	pw.Write(plain.Bytes()[:plain.Len()-1])
	if err := pw.Close(); err == nil {
		t.Error("a truncated PNG was given a manifest")
	}
}

func sameRGBA(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// checkAllCRCs walks the chunks of a PNG and checks each CRC.
func checkAllCRCs(t *testing.T, b []byte) {
	t.Helper()
	for i := 8; i < len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		want := binary.BigEndian.Uint32(b[i+8+n:])
		if got := crc32.ChecksumIEEE(b[i+4 : i+8+n]); got != want {
			t.Errorf("chunk %s at %d: CRC %08x, written %08x", b[i+4:i+8], i, got, want)
		}
		i += 12 + n
	}
}

// TestVerify: a manifest changed by one byte, a signature from another
// key, a missing file, each fails with its reason.
func TestVerify(t *testing.T) {
	s := testSealed(t)
	other := testSigner(t)
	flip := func(b []byte) []byte {
		c := bytes.Clone(b)
		c[len(c)/2] ^= 1
		return c
	}
	for _, tt := range []struct {
		name string
		cr   Carried
		want error
		msg  string
	}{
		{"as made", Carried{s.JSON, s.Signature, s.PublicKeyPEM}, nil, ""},
		{"manifest changed", Carried{flip(s.JSON), s.Signature, s.PublicKeyPEM}, ErrBadSignature, ""},
		{"signature changed", Carried{s.JSON, flip(s.Signature), s.PublicKeyPEM}, ErrBadSignature, ""},
		{"another key", Carried{s.JSON, s.Signature, other.PublicKeyPEM()}, ErrBadSignature, ""},
		{"re-signed by another key", Carried{s.JSON, other.Sign(s.JSON), other.PublicKeyPEM()}, nil, "names signer"},
		{"no signature", Carried{s.JSON, nil, s.PublicKeyPEM}, ErrNoManifest, ""},
		{"no manifest", Carried{nil, s.Signature, s.PublicKeyPEM}, ErrNoManifest, ""},
		{"no key", Carried{s.JSON, s.Signature, nil}, ErrNoManifest, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, _, err := tt.cr.Verify()
			switch {
			case tt.msg != "":
				if err == nil || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("error %v; want one saying %q", err, tt.msg)
				}
			case tt.want == nil:
				if err != nil || m.FileName != "ünïcode.png" {
					t.Errorf("%v %+v", err, m)
				}
			case !errors.Is(err, tt.want):
				t.Errorf("error %v; want %v", err, tt.want)
			}
		})
	}
}

// TestContentHashes: the canonical forms are fixed; a change to any field
// changes the hash.
func TestContentHashes(t *testing.T) {
	a := catalog.Annotation{ID: 4, ImageID: 2, PairID: 1, Kind: catalog.KindRect, Points: []catalog.Point{{X: 0.1, Y: 0.25}, {X: 0.5, Y: 1}},
		Color: "#E53935", Width: 4, Label: "<No. 12>", Note: "", Number: 0}
	if got := string(canonical([]any{markForm, a.ID, a.ImageID, a.PairID, string(a.Kind), points(a.Points), a.Color, a.Width, a.Label, a.Note, a.Number})); got != `["exhibit-mark/1",4,2,1,"rect",[[0.1,0.25],[0.5,1]],"#E53935",4,"<No. 12>","",0]` {
		t.Errorf("canonical mark %s", got)
	}
	// sha256 of the line above, as `printf %s '...' | sha256sum` gives it.
	if got := MarkSHA256(&a); got != "2eb7cc6df3bc08b224333062ec2a0e3ba34c92335e7c51e32d9fc3a09f754c03" {
		t.Errorf("mark hash %s", got)
	}
	b := a
	b.Points = []catalog.Point{{X: 0.1, Y: 0.25}, {X: 0.5, Y: 0.999}}
	c := a
	c.Label = "No. 13"
	for _, other := range []catalog.Annotation{b, c} {
		if MarkSHA256(&other) == MarkSHA256(&a) {
			t.Errorf("%+v hashes like %+v", other, a)
		}
	}
	al := &catalog.Alignment{Kind: "affine", M: []float64{1, 0, 0.5, 0, 1, -0.25}, After: []catalog.Point{{X: 0.2, Y: 0.3}}, Before: []catalog.Point{{X: 0.1, Y: 0.3}}, Residuals: []float64{1.5}}
	if got := string(canonical([]any{alignmentForm, int64(7), al.Kind, al.M, points(al.After), points(al.Before), al.Residuals})); got != `["exhibit-alignment/1",7,"affine",[1,0,0.5,0,1,-0.25],[[0.2,0.3]],[[0.1,0.3]],[1.5]]` {
		t.Errorf("canonical alignment %s", got)
	}
	if AlignmentSHA256(7, al) == AlignmentSHA256(8, al) {
		t.Error("the pair is not in the alignment's hash")
	}
}
