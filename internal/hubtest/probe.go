package hubtest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// probeBucket is where the readiness probe writes.
const probeBucket = "exhibit-probe"

// probeWrite makes the probe bucket when missing and writes an object in
// it: SeaweedFS answers before its volume server has joined, and only a
// write shows it is ready.
func probeWrite(ctx context.Context, endpoint string) error {
	c, err := Client(endpoint)
	if err != nil {
		return err
	}
	ok, err := c.BucketExists(ctx, probeBucket)
	if err != nil {
		return fmt.Errorf("ask for the probe bucket: %w", err)
	}
	if !ok {
		if err := c.MakeBucket(ctx, probeBucket, minio.MakeBucketOptions{}); err != nil {
			return fmt.Errorf("make the probe bucket: %w", err)
		}
	}
	_, err = c.PutObject(ctx, probeBucket, "ready", bytes.NewReader([]byte("ok")), 2, minio.PutObjectOptions{})
	if err != nil {
		return fmt.Errorf("write the probe object: %w", err)
	}
	return nil
}

// Client is an S3 client of the test store at endpoint, as its
// administrator: what a test uses to act behind Exhibit's back.
func Client(endpoint string) (*minio.Client, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("store endpoint %q: %w", endpoint, err)
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:  credentials.NewStaticV4(S3AccessKey, S3SecretKey, ""),
		Secure: u.Scheme == "https",
	})
	if err != nil {
		return nil, fmt.Errorf("make a client of %s: %w", endpoint, err)
	}
	return c, nil
}
