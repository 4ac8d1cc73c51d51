package catalog

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// KeyFile is the name of a user's signing key in their Exhibit config
// folder (see KeyDir).
const KeyFile = "signing-key.pem"

// Signer is a user's Ed25519 key: it signs the heads of the audit chain
// and the manifests of exports. The private half never leaves the user's
// config folder; cases record the public half.
type Signer struct {
	priv ed25519.PrivateKey
	pub  ed25519.PublicKey
}

// KeyDir returns the folder holding the user's signing key:
// $EXHIBIT_CONFIG_DIR when set, else "exhibit" in the user's config folder
// ($XDG_CONFIG_HOME or ~/.config on Linux).
func KeyDir() (string, error) {
	if d := os.Getenv("EXHIBIT_CONFIG_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the config folder for the signing key: %w", err)
	}
	return filepath.Join(base, "exhibit"), nil
}

// LoadSigner returns the user's signing key, making one the first time.
// Two programs making it at once agree on one key: the file is created
// exclusively and the loser reads the winner's.
func LoadSigner() (*Signer, error) {
	dir, err := KeyDir()
	if err != nil {
		return nil, err
	}
	return LoadSignerFrom(filepath.Join(dir, KeyFile))
}

// LoadSignerFrom reads the Ed25519 key in path (PKCS #8 PEM), making one
// there, readable by its owner only, when there is none.
func LoadSignerFrom(path string) (*Signer, error) {
	for range 3 {
		b, err := os.ReadFile(path)
		if err == nil && len(b) > 0 {
			s, err := parseSigner(b)
			if err != nil {
				return nil, fmt.Errorf("read signing key %s: %w", path, err)
			}
			return s, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("read signing key %s: %w", path, err)
		}
		if err == nil {
			// Being written by another program this very moment.
			continue
		}
		s, err := createSigner(path)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return s, err
	}
	return nil, fmt.Errorf("read signing key %s: it stays empty", path)
}

func createSigner(path string) (*Signer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	// Written to a temporary name, then linked to the final one: a reader
	// never sees half a key, and of two programs making one at once the
	// second finds the first's (fs.ErrExist).
	tmp, err := os.CreateTemp(filepath.Dir(path), ".key-*")
	if err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	if err := pem.Encode(tmp, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		return nil, fmt.Errorf("make signing key: %w", err)
	}
	return &Signer{priv: priv, pub: pub}, nil
}

func parseSigner(b []byte) (*Signer, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM private key")
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, err
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("a %T key, not Ed25519", k)
	}
	return &Signer{priv: priv, pub: priv.Public().(ed25519.PublicKey)}, nil
}

// Sign returns the Ed25519 signature (64 bytes) of msg.
func (s *Signer) Sign(msg []byte) []byte { return ed25519.Sign(s.priv, msg) }

// PublicKey returns the public half of the key.
func (s *Signer) PublicKey() ed25519.PublicKey { return s.pub }

// PublicKeyPEM returns the public key as a SubjectPublicKeyInfo PEM block
// ("-----BEGIN PUBLIC KEY-----"), as openssl reads it.
func (s *Signer) PublicKeyPEM() []byte { return PublicKeyPEM(s.pub) }

// Fingerprint returns the key's fingerprint (see KeyFingerprint).
func (s *Signer) Fingerprint() string { return KeyFingerprint(s.pub) }

// PublicKeyPEM encodes pub as a SubjectPublicKeyInfo PEM block.
func PublicKeyPEM(pub ed25519.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub) // cannot fail for an Ed25519 key
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// ParsePublicKeyPEM reads an Ed25519 public key from a SubjectPublicKeyInfo
// PEM block.
func ParsePublicKeyPEM(b []byte) (ed25519.PublicKey, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		return nil, errors.New("read public key: not a PEM public key")
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("read public key: %w", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("read public key: a %T key, not Ed25519", k)
	}
	return pub, nil
}

// KeyFingerprint returns the SHA-256, in hex, of the key's
// SubjectPublicKeyInfo DER: what `openssl pkey -pubin -in signer.pem
// -outform DER | sha256sum` prints.
func KeyFingerprint(pub ed25519.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:])
}
