package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Kind is what an object in the store is: an image's original or a
// report's file.
type Kind string

// The kinds of object, and the prefix of their keys in the bucket.
const (
	KindOriginal Kind = "original"
	KindReport   Kind = "report"
)

// prefix is the folder of the bucket holding objects of kind k.
func (k Kind) prefix() string {
	if k == KindReport {
		return "reports/"
	}
	return "originals/"
}

// Store is the S3-compatible store of a hub: originals and reports, each
// under its SHA-256 (originals/<sha256>, reports/<sha256>).
type Store struct {
	URL    string
	bucket string
	client *minio.Client
}

// ErrMissingObject is returned for an object the store should hold and
// does not: deleted from the bucket behind Exhibit's back.
var ErrMissingObject = errors.New("not in the store")

var shaPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ParseStoreURL checks a store URL, http(s)://HOST:PORT/BUCKET, and returns
// its endpoint (host:port), bucket and whether it uses TLS.
func ParseStoreURL(s string) (endpoint, bucket string, secure bool, err error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", "", false, fmt.Errorf("store URL %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", "", false, fmt.Errorf("store URL %q: want http(s)://HOST:PORT/BUCKET", s)
	}
	bucket = strings.Trim(u.Path, "/")
	if u.Host == "" || bucket == "" || strings.Contains(bucket, "/") {
		return "", "", false, fmt.Errorf("store URL %q: want http(s)://HOST:PORT/BUCKET (one bucket name after the host)", s)
	}
	if u.User != nil {
		return "", "", false, fmt.Errorf("store URL %q: no credentials in the URL (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", s)
	}
	return u.Host, bucket, u.Scheme == "https", nil
}

// OpenStore makes a client of the store at rawURL; the credentials come
// from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials).
func OpenStore(rawURL string) (*Store, error) {
	endpoint, bucket, secure, err := ParseStoreURL(rawURL)
	if err != nil {
		return nil, err
	}
	creds := credentials.NewChainCredentials([]credentials.Provider{
		&credentials.EnvAWS{}, &credentials.FileAWSCredentials{},
	})
	c, err := minio.New(endpoint, &minio.Options{Creds: creds, Secure: secure})
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", rawURL, err)
	}
	return &Store{URL: rawURL, bucket: bucket, client: c}, nil
}

// EnsureBucket makes the bucket when it is missing.
func (s *Store) EnsureBucket(ctx context.Context) error {
	ok, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("reach the store %s: %w", s.URL, storeErr(err))
	}
	if ok {
		return nil
	}
	if err := s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{}); err != nil {
		return fmt.Errorf("make bucket %s at %s: %w", s.bucket, s.URL, storeErr(err))
	}
	return nil
}

// key is an object's key in the bucket.
func key(k Kind, sha string) string { return k.prefix() + sha }

// Has reports whether the store holds the object (and its size).
func (s *Store) Has(ctx context.Context, k Kind, sha string) (bool, int64, error) {
	info, err := s.client.StatObject(ctx, s.bucket, key(k, sha), minio.StatObjectOptions{})
	if err != nil {
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey || minio.ToErrorResponse(err).StatusCode == 404 {
			return false, 0, nil
		}
		return false, 0, fmt.Errorf("ask the store for %s %s: %w", k, sha, storeErr(err))
	}
	return true, info.Size, nil
}

// List returns the SHA-256 of every object of kind k in the store, with
// its size.
func (s *Store) List(ctx context.Context, k Kind) (map[string]int64, error) {
	out := map[string]int64{}
	for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: k.prefix(), Recursive: true}) {
		if o.Err != nil {
			return nil, fmt.Errorf("list the store's %ss: %w", k, storeErr(o.Err))
		}
		out[strings.TrimPrefix(o.Key, k.prefix())] = o.Size
	}
	return out, nil
}

// Put uploads the file at path as the object of kind k and SHA-256 sha,
// after checking the file still has that hash.
func (s *Store) Put(ctx context.Context, k Kind, sha, path string) (int64, error) {
	if !shaPattern.MatchString(sha) {
		return 0, fmt.Errorf("upload %s: %q is no SHA-256", path, sha)
	}
	got, size, err := hashFile(path)
	if err != nil {
		return 0, fmt.Errorf("upload %s: %w", path, err)
	}
	if got != sha {
		return 0, fmt.Errorf("upload %s: its SHA-256 is %s now, not the cataloged %s", path, got, sha)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("upload %s: %w", path, err)
	}
	defer f.Close()
	_, err = s.client.PutObject(ctx, s.bucket, key(k, sha), f, size, minio.PutObjectOptions{
		ContentType: "application/octet-stream", SendContentMd5: true,
	})
	if err != nil {
		return 0, fmt.Errorf("upload %s to %s: %w", path, s.URL, storeErr(err))
	}
	return size, nil
}

// Get downloads the object of kind k and SHA-256 sha to dest, through a
// temporary file in its folder, and checks its hash before giving it that
// name. An object missing from the bucket is ErrMissingObject.
func (s *Store) Get(ctx context.Context, k Kind, sha, dest string) error {
	if !shaPattern.MatchString(sha) {
		return fmt.Errorf("download %s: %q is no SHA-256", k, sha)
	}
	o, err := s.client.GetObject(ctx, s.bucket, key(k, sha), minio.GetObjectOptions{})
	if err != nil {
		if isNoSuchKey(err) {
			return fmt.Errorf("download %s %s from %s: %w (deleted from bucket %s?)", k, sha, s.URL, ErrMissingObject, s.bucket)
		}
		return fmt.Errorf("download %s %s: %w", k, sha, storeErr(err))
	}
	defer o.Close()
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("download %s %s: %w", k, sha, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".fetch-*")
	if err != nil {
		return fmt.Errorf("download %s %s: %w", k, sha, err)
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(tmp, h), o)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if isNoSuchKey(err) {
			return fmt.Errorf("download %s %s from %s: %w (deleted from bucket %s?)", k, sha, s.URL, ErrMissingObject, s.bucket)
		}
		return fmt.Errorf("download %s %s: %w", k, sha, storeErr(err))
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != sha {
		return fmt.Errorf("download %s %s from %s: the store's copy has SHA-256 %s: it was altered in the bucket", k, sha, s.URL, got)
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		return fmt.Errorf("download %s %s: %w", k, sha, err)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("download %s %s: %w", k, sha, err)
	}
	return nil
}

// isNoSuchKey reports whether err is S3's "no such key".
func isNoSuchKey(err error) bool {
	r := minio.ToErrorResponse(err)
	return r.Code == minio.NoSuchKey || r.StatusCode == 404
}

// storeErr makes the store's common failures say what to do.
func storeErr(err error) error {
	r := minio.ToErrorResponse(err)
	switch r.Code {
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied":
		return fmt.Errorf("%w (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)", err)
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return fmt.Errorf("%w (is the store running, and the host and port right?)", err)
	}
	return err
}

// hashFile returns the SHA-256 and size of the file at path.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
